// The playground's URL hash: any text gives settings (with errors listed), and
// the settings it gives survive a round trip; no value it accepted is lost
// on the way.
#include <string>

#include "url_state.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string hash(reinterpret_cast<const char*>(data), size);
  const hqnn::app::ParsedHash parsed = hqnn::app::parse_hash(hash);
  const hqnn::app::ParsedHash again = hqnn::app::parse_hash(hqnn::app::to_hash(parsed.settings));
  if (!again.errors.empty() || !hqnn::app::same_settings(again.settings, parsed.settings)) __builtin_trap();
  return 0;
}
