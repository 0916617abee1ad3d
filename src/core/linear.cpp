#include "linear.hpp"

#include <cmath>

#include "rng.hpp"

namespace hqnn {

Linear::Linear(std::string name, Index in, Index out, Rng& rng) : name_(std::move(name)) {
  weight.resize(out, in);
  const double bound = 1.0 / std::sqrt(static_cast<double>(in));
  for (Index c = 0; c < in; ++c)
    for (Index r = 0; r < out; ++r) weight(r, c) = static_cast<Real>(rng.uniform(-bound, bound));
  bias = RowVector::Zero(out);
  weight_grad = Matrix::Zero(out, in);
  bias_grad = RowVector::Zero(out);
}

void Linear::forward(const Matrix& in, Matrix& out) {
  input_ = in;
  if (weight_offset.size() == 0)
    out.noalias() = in * weight.transpose();
  else
    out.noalias() = in * (weight + weight_offset).transpose();
  out.rowwise() += bias;
}

void Linear::backward(const Matrix& grad_out, Matrix& grad_in) {
  weight_grad.noalias() = grad_out.transpose() * input_;
  bias_grad = grad_out.colwise().sum();
  if (weight_offset.size() == 0)
    grad_in.noalias() = grad_out * weight;
  else
    grad_in.noalias() = grad_out * (weight + weight_offset);
}

std::vector<ParamBlock> Linear::params() {
  return {{name_ + ".weight", ParamKind::weight, weight.data(), weight_grad.data(), weight.size()},
          {name_ + ".bias", ParamKind::bias, bias.data(), bias_grad.data(), bias.size()}};
}

}  // namespace hqnn
