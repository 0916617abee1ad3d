// A dense orthogonal layer from unconstrained parameters, the classical
// counterpart of a V chain (a product of Givens rotations, Eq. 5):
//
//   A = S - Sᵀ (skew-symmetric),  W = (I - A)⁻¹ (I + A)  (Cayley map),
//   out = in · Wᵀ, no bias.
//
// W is orthogonal for every S, as a V chain is for every θ. S (n x n, the
// "weight") is what the optimiser trains and what a form ① attack perturbs,
// as the angles are in a hybrid; S ~ U(-1/√n, 1/√n) like a Linear's weight.
// W is computed again at every forward pass (O(n³), n ≤ 64 in the models).
#pragma once

#include "layer.hpp"

namespace hqnn {

class Rng;

class OrthogonalLinear : public Layer {
 public:
  OrthogonalLinear(std::string name, Index width, Rng& rng);
  std::string kind() const override { return "orthogonal_linear"; }
  Index input_width() const override { return weight.cols(); }
  Index output_width() const override { return weight.rows(); }
  void forward(const Matrix& in, Matrix& out) override;
  // dW = 2 M dA M with M = (I - A)⁻¹ (W = 2M - I), so dL/dA = 2 Mᵀ (dL/dW) Mᵀ
  // and dL/dS = dL/dA - (dL/dA)ᵀ.
  void backward(const Matrix& grad_out, Matrix& grad_in) override;
  std::vector<ParamBlock> params() override;
  // W of the last forward pass.
  const Matrix& orthogonal() const { return w_; }

  Matrix weight, weight_grad;  // S, n x n
  // Parameter attack of form ① (attack.hpp): when not empty, W is made from
  // S + weight_offset; the gradient is the one with respect to S.
  Matrix weight_offset;

 private:
  std::string name_;
  Matrix input_, m_, w_;
};

}  // namespace hqnn
