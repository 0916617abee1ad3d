// CSV loader: any text either loads as a valid dataset or is refused with InputError.
#include <cmath>
#include <string>

#include "core/dataset.hpp"
#include "data/csv_loader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  hqnn::CsvOptions options;
  // the first byte picks the label column option and the delimiter
  const uint8_t mode = data[0];
  if (mode & 1) options.label_column = std::to_string(mode >> 4);
  if (mode & 2) options.delimiter = ';';
  const std::string text(reinterpret_cast<const char*>(data + 1), size - 1);
  try {
    const hqnn::Dataset d = hqnn::parse_csv(text, "fuzz.csv", options);
    if (d.size() < 1 || d.class_count() < 2 || !d.features.allFinite()) __builtin_trap();
  } catch (const hqnn::InputError&) {
  }
  return 0;
}
