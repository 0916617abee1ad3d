// The convolution kernels compiled for the portable instruction set (conv2d_kernels.inc).
#include "conv2d_kernels.hpp"

#define HQNN_KERNEL_NS conv_portable
#define HQNN_KERNEL_VECTOR_BYTES 16
#include "conv2d_kernels.inc"
