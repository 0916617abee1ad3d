// The fully connected layer's kernels compiled for the portable instruction set (linear_kernels.inc).
#include "linear_kernels.hpp"

#define HQNN_KERNEL_NS linear_portable
#define HQNN_KERNEL_VECTOR_BYTES 16
#include "linear_kernels.inc"
