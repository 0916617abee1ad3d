// The V chain kernel compiled for the avx512 instruction set (givens_chain_kernels.inc).
#include "givens_chain_kernels.hpp"

#ifdef HQNN_X86_KERNELS
#define HQNN_KERNEL_NS givens_avx512
#define HQNN_KERNEL_VECTOR_BYTES 64
#define HQNN_KERNEL_BLOCKS 4
#include "givens_chain_kernels.inc"
#endif
