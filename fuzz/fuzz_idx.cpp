// IDX image + label files, plain or gzip: loaded or refused with InputError.
#include <cstring>

#include "core/dataset.hpp"
#include "data/idx_loader.hpp"
#include "fuzz_file.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 2) return 0;
  // the first byte splits the rest into the image file and the label file
  const size_t rest = size - 1;
  const size_t split = std::min(rest, static_cast<size_t>(data[0]) * rest / 255);
  const bool gz = data[0] & 1;
  hqnn::fuzz::TempFile images(data + 1, split, gz ? "-images.gz" : "-images.idx");
  hqnn::fuzz::TempFile labels(data + 1 + split, rest - split, "-labels.idx");
  try {
    hqnn::read_idx(images.path(), labels.path(), {"a", "b", "c", "d", "e", "f", "g", "h", "i", "j"}, "fuzz");
  } catch (const hqnn::InputError&) {
  }
  return 0;
}
