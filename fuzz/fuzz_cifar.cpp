// CIFAR-10/100 binary batches: loaded or refused with InputError.
#include "core/dataset.hpp"
#include "data/cifar_loader.hpp"
#include "fuzz_file.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  hqnn::fuzz::TempFile file(data + 1, size - 1, ".bin");
  hqnn::CifarOptions options;
  options.grayscale = data[0] & 1;
  options.coarse_labels = data[0] & 2;
  const hqnn::CifarKind kind = data[0] & 4 ? hqnn::CifarKind::cifar100 : hqnn::CifarKind::cifar10;
  try {
    hqnn::read_cifar({file.path()}, kind, options, "fuzz");
  } catch (const hqnn::InputError&) {
  }
  return 0;
}
