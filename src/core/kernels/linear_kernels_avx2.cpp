// The fully connected layer's kernels compiled for the avx2 instruction set (linear_kernels.inc).
#include "linear_kernels.hpp"

#ifdef HQNN_X86_KERNELS
#define HQNN_KERNEL_NS linear_avx2
#define HQNN_KERNEL_VECTOR_BYTES 32
#include "linear_kernels.inc"
#endif
