// IDX image + label files, plain or gzip: loaded or refused with InputError.
// In memory, through the same decoding as files (read_file_bytes).
#include <algorithm>

#include "core/input_error.hpp"
#include "data/byte_file.hpp"
#include "data/idx_loader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 2) return 0;
  // the first byte splits the rest into the image file and the label file
  const size_t rest = size - 1;
  const size_t split = std::min(rest, static_cast<size_t>(data[0]) * rest / 255);
  try {
    const std::vector<uint8_t> images = hqnn::decode_file_bytes({data + 1, data + 1 + split}, "images");
    const std::vector<uint8_t> labels = hqnn::decode_file_bytes({data + 1 + split, data + size}, "labels");
    hqnn::parse_idx(images, "images", labels, "labels", {"a", "b", "c", "d", "e", "f", "g", "h", "i", "j"}, "fuzz");
  } catch (const hqnn::InputError&) {
  }
  return 0;
}
