// Activations of the classical baselines, and tanh, the bounded layer of the
// classical-skip controls (classical_skip_stack.hpp).
#pragma once

#include "layer.hpp"

namespace hqnn {

// y = x for x > 0, slope·x otherwise (0 <= slope <= 1).
class LeakyRelu : public Layer {
 public:
  LeakyRelu(Index width, Real slope) : width_(width), slope_(slope) {}
  std::string kind() const override { return "leaky_relu"; }
  Index input_width() const override { return width_; }
  Index output_width() const override { return width_; }
  void forward(const Matrix& in, Matrix& out) override;
  void backward(const Matrix& grad_out, Matrix& grad_in) override;

 private:
  Index width_;
  Real slope_;
  Matrix slope_of_input_;  // dy/dx at the last forward's input: 1 or slope
};

// Pairwise rotation ReLU (decision D8): for each neuron pair (x₂ₖ, x₂ₖ₊₁),
// y = R(-φ) · ReLU(R(φ) · x) with φ = π/4 and R(φ) = [[cos φ, -sin φ], [sin φ, cos φ]].
// A last, unpaired neuron gets a plain ReLU.
class RotRelu : public Layer {
 public:
  explicit RotRelu(Index width, Real angle = Real(kPi / 4)) : width_(width), angle_(angle) {}
  std::string kind() const override { return "rot_relu"; }
  Index input_width() const override { return width_; }
  Index output_width() const override { return width_; }
  void forward(const Matrix& in, Matrix& out) override;
  void backward(const Matrix& grad_out, Matrix& grad_in) override;

 private:
  Index width_;
  Real angle_;
  Matrix rotated_;  // R(φ)·x, the ReLU's input
};

// y = tanh(x): bounded in (-1, 1) whatever the weights before it.
class Tanh : public Layer {
 public:
  explicit Tanh(Index width) : width_(width) {}
  std::string kind() const override { return "tanh"; }
  Index input_width() const override { return width_; }
  Index output_width() const override { return width_; }
  void forward(const Matrix& in, Matrix& out) override;
  void backward(const Matrix& grad_out, Matrix& grad_in) override;  // dy/dx = 1 - y²

 private:
  Index width_;
  Matrix out_;
};

}  // namespace hqnn
