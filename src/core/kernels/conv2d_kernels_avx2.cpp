// The convolution kernels compiled for the avx2 instruction set (conv2d_kernels.inc).
#include "conv2d_kernels.hpp"

#ifdef HQNN_X86_KERNELS
#define HQNN_KERNEL_NS conv_avx2
#define HQNN_KERNEL_VECTOR_BYTES 32
#include "conv2d_kernels.inc"
#endif
