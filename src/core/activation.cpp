#include "activation.hpp"

#include <algorithm>
#include <cmath>

namespace hqnn {

// For 0 <= slope <= 1, leaky(x) = max(x, slope·x): a form the compiler
// vectorises (Eigen's select() is not vectorised in the SSE2 build), written
// as a plain loop because Eigen's own loops are scalar in WebAssembly. The
// pass keeps dy/dx (1 or slope) rather than a copy of x: the backward pass is
// then a product, which vectorises where the select on x stayed a branch, and
// g·1 = g, g·slope = slope·g exactly, so the gradients are the same bits.
void LeakyRelu::forward(const Matrix& in, Matrix& out) {
  out.resize(in.rows(), in.cols());
  slope_of_input_.resize(in.rows(), in.cols());
  const Real* __restrict x = in.data();
  Real* __restrict y = out.data();
  Real* __restrict dydx = slope_of_input_.data();
  const Real slope = slope_;
  for (Index i = 0, n = in.size(); i < n; ++i) {
    const Real v = x[i];
    y[i] = std::max(v, slope * v);
    dydx[i] = v > Real(0) ? Real(1) : slope;
  }
}

void LeakyRelu::backward(const Matrix& grad_out, Matrix& grad_in) {
  grad_in.resize(grad_out.rows(), grad_out.cols());
  const Real* __restrict dydx = slope_of_input_.data();
  const Real* __restrict g = grad_out.data();
  Real* __restrict d = grad_in.data();
  for (Index i = 0, n = grad_out.size(); i < n; ++i) d[i] = g[i] * dydx[i];
}

void RotRelu::forward(const Matrix& in, Matrix& out) {
  const Real c = std::cos(angle_), s = std::sin(angle_);
  rotated_.resize(in.rows(), in.cols());
  out.resize(in.rows(), in.cols());
  Index k = 0;
  for (; k + 1 < width_; k += 2) {
    rotated_.col(k) = c * in.col(k) - s * in.col(k + 1);
    rotated_.col(k + 1) = s * in.col(k) + c * in.col(k + 1);
    const auto a = rotated_.col(k).cwiseMax(Real(0));
    const auto b = rotated_.col(k + 1).cwiseMax(Real(0));
    out.col(k) = c * a + s * b;  // R(-φ) = R(φ)ᵀ
    out.col(k + 1) = c * b - s * a;
  }
  if (k < width_) {
    rotated_.col(k) = in.col(k);
    out.col(k) = in.col(k).cwiseMax(Real(0));
  }
}

void RotRelu::backward(const Matrix& grad_out, Matrix& grad_in) {
  const Real c = std::cos(angle_), s = std::sin(angle_);
  grad_in.resize(grad_out.rows(), grad_out.cols());
  Index k = 0;
  for (; k + 1 < width_; k += 2) {
    // through R(-φ): multiply by R(-φ)ᵀ = R(φ); then the ReLU mask; then R(φ)ᵀ.
    const Matrix ga = ((c * grad_out.col(k) - s * grad_out.col(k + 1)).array() *
                       (rotated_.col(k).array() > Real(0)).template cast<Real>()).matrix();
    const Matrix gb = ((s * grad_out.col(k) + c * grad_out.col(k + 1)).array() *
                       (rotated_.col(k + 1).array() > Real(0)).template cast<Real>()).matrix();
    grad_in.col(k) = c * ga + s * gb;
    grad_in.col(k + 1) = c * gb - s * ga;
  }
  if (k < width_)
    grad_in.col(k) = (rotated_.col(k).array() > Real(0)).select(grad_out.col(k), Real(0));
}

}  // namespace hqnn
