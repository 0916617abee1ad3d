// The V chain's fast kernels, one copy per instruction set (simd_isa.hpp):
// givens_chain_kernels_<isa>.cpp compiles givens_chain_kernels.inc with that
// instruction set's flags (top CMakeLists.txt). givens_chain_forward() and
// givens_chain_backward() call the copy simd_isa() names.
#pragma once

#include "givens_gates.hpp"

#define HQNN_DECLARE_GIVENS_KERNELS(ns)                                                                   \
  namespace ns {                                                                                          \
  void forward(const GivensGates& gates, int n, Real* state, Index batch, Index ld);                      \
  void forward(const GivensGates& gates, int n, const Real* in, Index in_ld, Real* out, Index ld,         \
               Index batch);                                                                              \
  void backward(const GivensGates& gates, int n, Real* state, Real* grad, Real* angle_grad, Index batch,  \
                Index ld);                                                                                \
  }

namespace hqnn {
HQNN_DECLARE_GIVENS_KERNELS(givens_portable)
HQNN_DECLARE_GIVENS_KERNELS(givens_avx2)
HQNN_DECLARE_GIVENS_KERNELS(givens_avx512)
}  // namespace hqnn
