// Fully connected layer: out = in · Wᵀ + b (Eq. 10 without its activation).
#pragma once

#include "layer.hpp"

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
  void backward(const Matrix& grad_out, Matrix& grad_in) override;
  std::vector<ParamBlock> params() override;

  Eigen::Matrix<Real, Eigen::Dynamic, Eigen::Dynamic> weight, weight_grad;  // out x in
  RowVector bias, bias_grad;
  // Parameter attack of form ① (attack.hpp): when not empty, the layer computes
  // with W + weight_offset; the gradient with respect to W is unchanged.
  Matrix weight_offset;

 private:
  std::string name_;
  Matrix input_;
};

}  // namespace hqnn
