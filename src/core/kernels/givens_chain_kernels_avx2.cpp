// The V chain kernel compiled for the avx2 instruction set (givens_chain_kernels.inc).
#include "givens_chain_kernels.hpp"

#ifdef HQNN_X86_KERNELS
#define HQNN_KERNEL_NS givens_avx2
#define HQNN_KERNEL_VECTOR_BYTES 32
#define HQNN_KERNEL_BLOCKS 2
#include "givens_chain_kernels.inc"
#endif
