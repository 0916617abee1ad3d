#include "orthogonal_linear.hpp"

#include <cmath>

#include <Eigen/LU>

#include "rng.hpp"

namespace hqnn {

OrthogonalLinear::OrthogonalLinear(std::string name, Index width, Rng& rng) : name_(std::move(name)) {
  weight.resize(width, width);
  const double bound = 1.0 / std::sqrt(static_cast<double>(width));
  for (Index c = 0; c < width; ++c)
    for (Index r = 0; r < width; ++r) weight(r, c) = static_cast<Real>(rng.uniform(-bound, bound));
  weight_grad = Matrix::Zero(width, width);
}

void OrthogonalLinear::forward(const Matrix& in, Matrix& out) {
  const Index n = weight.rows();
  const Matrix s = weight_offset.size() ? Matrix(weight + weight_offset) : weight;
  const Matrix a = s - s.transpose();
  const Matrix identity = Matrix::Identity(n, n);
  m_ = Matrix(identity - a).partialPivLu().inverse();
  w_ = Real(2) * m_ - identity;
  input_ = in;
  out.noalias() = in * w_.transpose();
}

void OrthogonalLinear::backward(const Matrix& grad_out, Matrix& grad_in) {
  const Matrix grad_w = grad_out.transpose() * input_;  // n x n
  const Matrix grad_a = Real(2) * m_.transpose() * grad_w * m_.transpose();
  weight_grad = grad_a - grad_a.transpose();
  grad_in.noalias() = grad_out * w_;
}

std::vector<ParamBlock> OrthogonalLinear::params() {
  return {{name_ + ".weight", ParamKind::weight, weight.data(), weight_grad.data(), weight.size()}};
}

}  // namespace hqnn
