#include "activation.hpp"

#include <algorithm>
#include <cmath>

#include "exact_math.hpp"

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

// Both passes work column pair by column pair with plain loops (Eigen's
// column expressions allocated a temporary per pair in the backward pass and
// are scalar in WebAssembly); each element is computed with the same
// operations as the formulas above, in the same order.
void RotRelu::forward(const Matrix& in, Matrix& out) {
  const Real c = exact::cos(angle_), s = exact::sin(angle_);
  rotated_.resize(in.rows(), in.cols());
  out.resize(in.rows(), in.cols());
  const Index batch = in.rows();
  Index k = 0;
  for (; k + 1 < width_; k += 2) {
    const Real* __restrict x0 = in.col(k).data();
    const Real* __restrict x1 = in.col(k + 1).data();
    Real* __restrict r0 = rotated_.col(k).data();
    Real* __restrict r1 = rotated_.col(k + 1).data();
    Real* __restrict y0 = out.col(k).data();
    Real* __restrict y1 = out.col(k + 1).data();
#pragma omp simd
    for (Index b = 0; b < batch; ++b) {
      const Real u = c * x0[b] - s * x1[b], v = s * x0[b] + c * x1[b];
      r0[b] = u;
      r1[b] = v;
      const Real a = std::max(u, Real(0)), d = std::max(v, Real(0));
      y0[b] = c * a + s * d;  // R(-φ) = R(φ)ᵀ
      y1[b] = c * d - s * a;
    }
  }
  if (k < width_) {
    rotated_.col(k) = in.col(k);
    const Real* __restrict x = in.col(k).data();
    Real* __restrict y = out.col(k).data();
    for (Index b = 0; b < batch; ++b) y[b] = std::max(x[b], Real(0));
  }
}

void RotRelu::backward(const Matrix& grad_out, Matrix& grad_in) {
  const Real c = exact::cos(angle_), s = exact::sin(angle_);
  grad_in.resize(grad_out.rows(), grad_out.cols());
  const Index batch = grad_out.rows();
  Index k = 0;
  for (; k + 1 < width_; k += 2) {
    // through R(-φ): multiply by R(-φ)ᵀ = R(φ); then the ReLU mask (a product
    // with 1 or 0, so NaN and ±inf pass as they would); then R(φ)ᵀ.
    const Real* __restrict g0 = grad_out.col(k).data();
    const Real* __restrict g1 = grad_out.col(k + 1).data();
    const Real* __restrict r0 = rotated_.col(k).data();
    const Real* __restrict r1 = rotated_.col(k + 1).data();
    Real* __restrict d0 = grad_in.col(k).data();
    Real* __restrict d1 = grad_in.col(k + 1).data();
#pragma omp simd
    for (Index b = 0; b < batch; ++b) {
      const Real m0 = r0[b] > Real(0) ? Real(1) : Real(0), m1 = r1[b] > Real(0) ? Real(1) : Real(0);
      const Real ga = (c * g0[b] - s * g1[b]) * m0, gb = (s * g0[b] + c * g1[b]) * m1;
      d0[b] = c * ga + s * gb;
      d1[b] = c * gb - s * ga;
    }
  }
  if (k < width_) {
    const Real* __restrict g = grad_out.col(k).data();
    const Real* __restrict r = rotated_.col(k).data();
    Real* __restrict d = grad_in.col(k).data();
    for (Index b = 0; b < batch; ++b) d[b] = r[b] > Real(0) ? g[b] : Real(0);
  }
}

// tanh x = sign(x) (1 − e^{−2|x|}) / (1 + e^{−2|x|}) through exact::exp, so that
// every build gives the same bits (Eigen's tanh is a vectorised approximation
// natively and the C library's in WebAssembly). NaN stays NaN, ±inf gives ±1.
static Real exact_tanh(Real x) {
  const Real e = exact::exp(Real(-2) * std::abs(x));
  return std::copysign((Real(1) - e) / (Real(1) + e), x);
}

void Tanh::forward(const Matrix& in, Matrix& out) {
  out.resize(in.rows(), in.cols());
  for (Index i = 0; i < in.size(); ++i) out.data()[i] = exact_tanh(in.data()[i]);
  out_ = out;
}

void Tanh::backward(const Matrix& grad_out, Matrix& grad_in) {
  grad_in = (grad_out.array() * (Real(1) - out_.array().square())).matrix();
}

}  // namespace hqnn
