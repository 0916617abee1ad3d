// Fully connected layer: out = in · Wᵀ + b (Eq. 10 without its activation).
#pragma once

#include "layer.hpp"
#include "core/kernels/simd_isa.hpp"

namespace hqnn {

class Rng;

class Linear : public Layer {
 public:
  // Weights ~ U(-1/√in, 1/√in), biases 0.
  Linear(std::string name, Index in, Index out, Rng& rng);
  std::string kind() const override { return "linear"; }
  Index input_width() const override { return weight.cols(); }
  Index output_width() const override { return weight.rows(); }
  void forward(const Matrix& in, Matrix& out) override;
  // Uses the weight (with its attack offset) of the last forward(): a backward
  // follows its own forward, as everywhere in Model.
  void backward(const Matrix& grad_out, Matrix& grad_in) override;
  std::vector<ParamBlock> params() override;
  // The products run on the kernels of an instruction set (linear_kernels.hpp;
  // by default simd_isa()'s, all bit-identical), or on the reference, Eigen's
  // products (another summation order). Must be set before forward().
  void use_kernels(SimdIsa isa) { reference_ = false, isa_ = isa; }
  void use_reference() { reference_ = true; }
  // A batch at a stride that shares cache sets (kernels/cache_sets.hpp) is
  // read from a copy one cache line longer per feature; off: at the batch's
  // own stride (the same bits, tested).
  void use_padding(bool on) { padding_ = on; }

  Eigen::Matrix<Real, Eigen::Dynamic, Eigen::Dynamic> weight, weight_grad;  // out x in
  RowVector bias, bias_grad;
  // Parameter attack of form ① (attack.hpp): when not empty, the layer computes
  // with W + weight_offset; the gradient with respect to W is unchanged.
  Matrix weight_offset;

 private:
  void forward_reference(const Matrix& in, Matrix& out);
  void backward_reference(const Matrix& grad_out, Matrix& grad_in);
  // W, or W + weight_offset under an attack
  const Matrix& effective_weight();

  std::string name_;
  Matrix input_;  // forward()'s input, batch rows used: padded_stride(batch) rows when padding is on, else batch
  Matrix attacked_weight_;  // W + weight_offset
  Matrix grad_out_t_;       // grad_outᵀ: out x batch
  bool reference_ = false;
  bool padding_ = true;
  SimdIsa isa_ = simd_isa();
};

}  // namespace hqnn
