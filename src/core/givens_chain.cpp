#include "givens_chain.hpp"

#include <cassert>
#include <cmath>

namespace hqnn {

void GivensGates::resize(int count) {
  c.resize(count);
  s.resize(count);
  dc.resize(count);
  ds.resize(count);
  inv_det.resize(count);
}

void givens_rotation_gates(const Real* angles, int count, GivensGates& gates) {
  gates.resize(count);
  for (int r = 0; r < count; ++r) {
    const Real cr = std::cos(angles[r]), sr = std::sin(angles[r]);
    gates.c[r] = cr;
    gates.s[r] = sr;
    gates.dc[r] = -sr;
    gates.ds[r] = cr;
    gates.inv_det[r] = 1;
  }
}

// One gate on two rows of the batch: (a, b) <- (c a - s b, s a + c b).
static inline void rotate_rows(Real* __restrict a, Real* __restrict b, Real c, Real s, Index batch) {
#pragma omp simd
  for (Index k = 0; k < batch; ++k) {
    const Real x = a[k], y = b[k];
    a[k] = c * x - s * y;
    b[k] = s * x + c * y;
  }
}

void givens_chain_forward(const GivensGates& gates, int n, Real* state, Index batch, Index ld) {
  assert(gates.count() == givens_gate_count(n));
  for (int r = gates.count() - 1; r >= 0; --r) {
    const int p = givens_gate_pair(r, n);
    rotate_rows(state + p * ld, state + (p + 1) * ld, gates.c[r], gates.s[r], batch);
  }
}

// One gate backwards. Inputs are the gate's outputs (a', b') and dL/d(a', b').
//   (a, b)   = M⁻¹ (a', b')                 recover the gate's input
//   dθ      += Σ ga (dc a - ds b) + gb (ds a + dc b)
//   (ga, gb) <- Mᵀ (ga, gb)
static inline Real unrotate_rows(Real* __restrict a, Real* __restrict b, Real* __restrict ga,
                                 Real* __restrict gb, Real c, Real s, Real dc, Real ds, Real inv_det,
                                 Index batch) {
  Real acc = 0;
#pragma omp simd reduction(+ : acc)
  for (Index k = 0; k < batch; ++k) {
    const Real x = inv_det * (c * a[k] + s * b[k]);
    const Real y = inv_det * (c * b[k] - s * a[k]);
    const Real gx = ga[k], gy = gb[k];
    acc += gx * (dc * x - ds * y) + gy * (ds * x + dc * y);
    a[k] = x;
    b[k] = y;
    ga[k] = c * gx + s * gy;
    gb[k] = c * gy - s * gx;
  }
  return acc;
}

void givens_chain_backward(const GivensGates& gates, int n, Real* state, Real* grad, Real* angle_grad,
                           Index batch, Index ld) {
  assert(gates.count() == givens_gate_count(n));
  for (int r = 0; r < gates.count(); ++r) {
    const int p = givens_gate_pair(r, n);
    angle_grad[r] += unrotate_rows(state + p * ld, state + (p + 1) * ld, grad + p * ld, grad + (p + 1) * ld,
                                   gates.c[r], gates.s[r], gates.dc[r], gates.ds[r], gates.inv_det[r], batch);
  }
}

Eigen::MatrixXd givens_gate_dense(int pair, double angle, int n) {
  Eigen::MatrixXd t = Eigen::MatrixXd::Identity(n, n);
  t(pair, pair) = std::cos(angle);
  t(pair, pair + 1) = -std::sin(angle);
  t(pair + 1, pair) = std::sin(angle);
  t(pair + 1, pair + 1) = std::cos(angle);
  return t;
}

Eigen::MatrixXd givens_chain_dense(const std::vector<double>& angles, int n) {
  Eigen::MatrixXd u = Eigen::MatrixXd::Identity(n, n);
  for (int r = 0; r < givens_gate_count(n); ++r) u = u * givens_gate_dense(givens_gate_pair(r, n), angles[r], n);
  return u;
}

}  // namespace hqnn
