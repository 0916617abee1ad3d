// 2-D convolution (cross-correlation, as in every deep-learning library).
//
// Layout: an image batch is batch x (C·H·W), column-major like every Matrix of
// the core, with features in channel-major, row-major pixel order: feature
// c·H·W + y·W + x. Flatten is therefore the identity and has no layer: the
// output of a Conv2d or MaxPool2d feeds a Linear as it is.
//
//   out[b, o, y, x] = bias[o] + Σ_{c, i, j} W[o, c, i, j] · in[b, c, y·s + i − p, x·s + j − p]
//
// with zero padding p, stride s, output size H_out = (H + 2p − k) / s + 1.
#pragma once

#include "layer.hpp"
#include "core/kernels/conv2d_shape.hpp"
#include "core/kernels/simd_isa.hpp"

namespace hqnn {

class Rng;

class Conv2d : public Layer {
 public:
  // Weights and biases ~ U(-1/√fan_in, 1/√fan_in), fan_in = C_in·k² (PyTorch's default).
  // Throws InputError when the kernel does not fit the padded image.
  Conv2d(std::string name, const Conv2dShape& shape, Rng& rng);
  std::string kind() const override { return "conv2d"; }
  Index input_width() const override;
  Index output_width() const override;
  void forward(const Matrix& in, Matrix& out) override;
  void backward(const Matrix& grad_out, Matrix& grad_in) override;
  std::vector<ParamBlock> params() override;
  const Conv2dShape& shape() const { return shape_; }
  // A model's first layer needs no dL/d(in); with false, backward() skips
  // that product (a third of the layer's work) and leaves grad_in empty (0 x 0).
  void set_input_gradient(bool needed) { input_gradient_ = needed; }
  bool input_gradient() const { return input_gradient_; }
  // The implementation: the direct kernels of an instruction set
  // (conv2d_kernels.hpp; by default simd_isa()'s, all bit-identical), or the
  // reference, im2col and Eigen products. Must be set before forward().
  void use_kernels(SimdIsa isa) { reference_ = false, isa_ = isa; }
  void use_reference() { reference_ = true; }

  // C_out x (C_in·k·k), row-major: the flat order is PyTorch's [o][c][i][j].
  using WeightMatrix = Eigen::Matrix<Real, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
  WeightMatrix weight, weight_grad;
  Vector bias, bias_grad;

 private:
  // Fills patches_ (im2col): row b + p·batch, column (c, i, j) holds the input
  // pixel under kernel tap (i, j) of channel c for output pixel p of sample b.
  // Because features are batch-contiguous, each (p, tap) is one column copy,
  // and patches_ · Wᵀ is, in memory, exactly the batch x (C_out·H_out·W_out) output.
  void gather_patches(const Matrix& in);

  void forward_reference(const Matrix& in, Matrix& out);
  void backward_reference(const Matrix& grad_out, Matrix& grad_in);

  std::string name_;
  Conv2dShape shape_;
  bool reference_ = false;
  SimdIsa isa_ = simd_isa();
  Matrix input_;      // the last input, zero-padded to a multiple of 16 samples (kernels)
  Matrix padded_;     // output or gradient padded like input_
  Matrix patches_;    // (batch·H_out·W_out) x (C_in·k·k) (reference)
  Matrix grad_patches_;
  Index batch_ = 0;
  bool input_gradient_ = true;
};

}  // namespace hqnn
