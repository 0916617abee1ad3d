// The V chain kernel compiled for the portable instruction set (givens_chain_kernels.inc).
#include "givens_chain_kernels.hpp"

#define HQNN_KERNEL_NS givens_portable
#define HQNN_KERNEL_VECTOR_BYTES 16
#define HQNN_KERNEL_BLOCKS 2
#include "givens_chain_kernels.inc"
