// The fully connected layer's fast kernels (linear.hpp), one copy per
// instruction set (simd_isa.hpp): linear_kernels_<isa>.cpp compiles
// linear_kernels.inc with that instruction set's flags. They work on the
// batch-contiguous layout (real.hpp): every feature is a column of the batch,
// so each term of a product is a scalar weight times a batch vector. In
// WebAssembly they are the SIMD128 product Eigen lacks there.
//
// Every output is summed in an order fixed by the code (the terms in order),
// whatever the vector width and the batch size, so every copy gives
// bit-identical results. The weight gradient is a product too: with grad_out
// transposed (out x batch), weight_grad = product(grad_outᵀ, in), summed over
// the samples in order.
#pragma once

#include "core/real.hpp"

#define HQNN_DECLARE_LINEAR_KERNELS(ns)                                                                         \
  namespace ns {                                                                                                \
  /* c[:, j] = bias[j] + Σ_{p in order} a[:, p] · w[p·p_stride + j·j_stride]  (bias null: 0);               \
     a is rows x depth, c rows x cols, both column-major: column p of a at a + p·a_stride, column j of c    \
     at c + j·c_stride (strides >= rows) */                                                                 \
  void product(const Real* a, Index a_stride, Index rows, Index depth, const Real* w, Index p_stride,           \
               Index j_stride, const Real* bias, Index cols, Real* c, Index c_stride);                          \
  /* bias_grad[o] = Σ_{b in order} grad_out_t[b·out_width + o]: grad_out transposed (out x batch) */          \
  void bias_gradient(const Real* grad_out_t, Index out_width, Index batch, Real* bias_grad);                    \
  }

namespace hqnn {
HQNN_DECLARE_LINEAR_KERNELS(linear_portable)
HQNN_DECLARE_LINEAR_KERNELS(linear_avx2)
HQNN_DECLARE_LINEAR_KERNELS(linear_avx512)
}  // namespace hqnn
