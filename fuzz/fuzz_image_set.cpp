// The project's compact image format (.hqimg): parsed or refused with InputError.
#include <vector>

#include "core/input_error.hpp"
#include "data/image_set.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  try {
    const hqnn::ImageSet set = hqnn::parse_image_set(std::vector<uint8_t>(data, data + size), "fuzz.hqimg");
    // whatever parses must serialise back to the same bytes' meaning
    const hqnn::ImageSet again = hqnn::parse_image_set(hqnn::serialize_image_set(set), "again");
    (void)again;
  } catch (const hqnn::InputError&) {
  }
  return 0;
}
