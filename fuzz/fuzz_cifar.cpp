// CIFAR-10/100 binary batches: loaded or refused with InputError.
// In memory, through the same decoding as files (read_file_bytes).
#include "core/input_error.hpp"
#include "data/byte_file.hpp"
#include "data/cifar_loader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  hqnn::CifarOptions options;
  options.grayscale = data[0] & 1;
  options.coarse_labels = data[0] & 2;
  const hqnn::CifarKind kind = data[0] & 4 ? hqnn::CifarKind::cifar100 : hqnn::CifarKind::cifar10;
  try {
    hqnn::parse_cifar(hqnn::decode_file_bytes({data + 1, data + size}, "batch.bin"), "batch.bin", kind, options, "fuzz");
  } catch (const hqnn::InputError&) {
  }
  return 0;
}
