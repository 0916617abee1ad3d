// The convolution's fast kernels (conv2d.hpp), one copy per instruction set
// (simd_isa.hpp): conv2d_kernels_<isa>.cpp compiles conv2d_kernels.inc with
// that instruction set's flags. They work directly on the batch-contiguous
// layout (no im2col): each pixel of each channel is a column of the batch, so
// every tap is a scalar weight times a batch vector.
//
// All three need batch % kConvBatchMultiple == 0 (Conv2d pads with zero samples).
#pragma once

#include "conv2d_shape.hpp"
#include "core/real.hpp"

namespace hqnn {
constexpr Index kConvBatchMultiple = 16;
}  // namespace hqnn

#define HQNN_DECLARE_CONV_KERNELS(ns)                                                                          \
  namespace ns {                                                                                               \
  /* out = bias + W * in (cross-correlation); weight is C_out x (C_in·k·k), row-major */                       \
  void forward(const Conv2dShape& s, const Real* in, Index batch, const Real* weight, const Real* bias,        \
               Real* out);                                                                                     \
  /* grad_in = Wᵀ * grad_out, the transpose of forward */                                                      \
  void backward_input(const Conv2dShape& s, const Real* grad_out, Index batch, const Real* weight,             \
                      Real* grad_in);                                                                          \
  /* weight_grad = Σ_{pixels, samples} grad_out ⊗ in, bias_grad = Σ grad_out (both overwritten) */            \
  void backward_weight(const Conv2dShape& s, const Real* in, const Real* grad_out, Index batch,                \
                       Real* weight_grad, Real* bias_grad);                                                    \
  }

namespace hqnn {
HQNN_DECLARE_CONV_KERNELS(conv_portable)
HQNN_DECLARE_CONV_KERNELS(conv_avx2)
HQNN_DECLARE_CONV_KERNELS(conv_avx512)
}  // namespace hqnn
