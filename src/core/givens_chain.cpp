#include "givens_chain.hpp"

#include "core/kernels/givens_chain_kernels.hpp"
#include "core/kernels/givens_chain_plain_loop.hpp"

#include <cassert>
#include <cmath>
#include <cstring>

#include "exact_math.hpp"

namespace hqnn {

void givens_rotation_gates(const Real* angles, int count, GivensGates& gates) {
  gates.resize(count);
  for (int r = 0; r < count; ++r) {
    const Real cr = exact::cos(angles[r]), sr = exact::sin(angles[r]);
    gates.c[r] = cr;
    gates.s[r] = sr;
    gates.dc[r] = -sr;
    gates.ds[r] = cr;
    gates.inv_det[r] = 1;
  }
  gates.rotation = true;
}

void GivensAngleTrig::update(const Real* angles, int count) {
  const bool fresh = angles_.size() != static_cast<size_t>(count);
  if (fresh) {
    angles_.resize(count);
    cos_.resize(count);
    sin_.resize(count);
  }
  for (int r = 0; r < count; ++r) {
    // Bits, not ==: a NaN angle must stay cached, -0 and +0 are distinct inputs.
    if (!fresh && std::memcmp(&angles_[r], &angles[r], sizeof(Real)) == 0) continue;
    angles_[r] = angles[r];
    cos_[r] = exact::cos(angles[r]);
    sin_[r] = exact::sin(angles[r]);
  }
}

void givens_chain_forward(const GivensGates& gates, int n, Real* state, Index batch, Index ld) {
  givens_chain_forward(simd_isa(), gates, n, state, batch, ld);
}

void givens_chain_forward(const GivensGates& gates, int n, const Real* in, Index in_ld, Real* out, Index ld,
                          Index batch) {
  givens_chain_forward(simd_isa(), gates, n, in, in_ld, out, ld, batch);
}

void givens_chain_backward(const GivensGates& gates, int n, Real* state, Real* grad, Real* angle_grad,
                           Index batch, Index ld) {
  givens_chain_backward(simd_isa(), gates, n, state, grad, angle_grad, batch, ld);
}

void givens_chain_forward(SimdIsa isa, const GivensGates& gates, int n, Real* state, Index batch, Index ld) {
  assert(gates.count() == givens_gate_count(n) && simd_isa_available(isa));
  switch (isa) {
#ifdef HQNN_X86_KERNELS
    case SimdIsa::avx512: return givens_avx512::forward(gates, n, state, batch, ld);
    case SimdIsa::avx2: return givens_avx2::forward(gates, n, state, batch, ld);
#endif
    default: return givens_portable::forward(gates, n, state, batch, ld);
  }
}

void givens_chain_forward(SimdIsa isa, const GivensGates& gates, int n, const Real* in, Index in_ld, Real* out,
                          Index ld, Index batch) {
  assert(gates.count() == givens_gate_count(n) && simd_isa_available(isa));
  switch (isa) {
#ifdef HQNN_X86_KERNELS
    case SimdIsa::avx512: return givens_avx512::forward(gates, n, in, in_ld, out, ld, batch);
    case SimdIsa::avx2: return givens_avx2::forward(gates, n, in, in_ld, out, ld, batch);
#endif
    default: return givens_portable::forward(gates, n, in, in_ld, out, ld, batch);
  }
}

void givens_chain_backward(SimdIsa isa, const GivensGates& gates, int n, Real* state, Real* grad, Real* angle_grad,
                           Index batch, Index ld) {
  assert(gates.count() == givens_gate_count(n) && simd_isa_available(isa));
  switch (isa) {
#ifdef HQNN_X86_KERNELS
    case SimdIsa::avx512: return givens_avx512::backward(gates, n, state, grad, angle_grad, batch, ld);
    case SimdIsa::avx2: return givens_avx2::backward(gates, n, state, grad, angle_grad, batch, ld);
#endif
    default: return givens_portable::backward(gates, n, state, grad, angle_grad, batch, ld);
  }
}

void givens_chain_forward_reference(const GivensGates& gates, int n, Real* state, Index batch, Index ld) {
  plain_chain_forward(gates, n, state, batch, ld);
}

void givens_chain_backward_reference(const GivensGates& gates, int n, Real* state, Real* grad, Real* angle_grad,
                                     Index batch, Index ld) {
  plain_chain_backward(gates, n, state, grad, angle_grad, batch, ld);
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

std::vector<double> givens_chain_dense_angle_gradient(const std::vector<double>& angles, int n, const Eigen::MatrixXd& x,
                                                      const Eigen::MatrixXd& grad_out) {
  const int m = givens_gate_count(n);
  // U = T_0 T_1 ... T_{m-1} (Eq. 5); prefix[r] = T_0..T_{r-1}, suffix[r] = T_{r+1}..T_{m-1}.
  std::vector<Eigen::MatrixXd> gate(static_cast<size_t>(m)), prefix(static_cast<size_t>(m)), suffix(static_cast<size_t>(m));
  for (int r = 0; r < m; ++r) gate[r] = givens_gate_dense(givens_gate_pair(r, n), angles[r], n);
  prefix[0] = Eigen::MatrixXd::Identity(n, n);
  for (int r = 1; r < m; ++r) prefix[r] = prefix[r - 1] * gate[r - 1];
  suffix[m - 1] = Eigen::MatrixXd::Identity(n, n);
  for (int r = m - 2; r >= 0; --r) suffix[r] = gate[r + 1] * suffix[r + 1];
  const Eigen::MatrixXd u = prefix[m - 1] * gate[m - 1];
  const Eigen::MatrixXd y = x * u.transpose();  // forward: every sample y = U x
  (void)y;
  const Eigen::MatrixXd grad_u = grad_out.transpose() * x;  // dL/dU
  std::vector<double> grad(static_cast<size_t>(m));
  for (int r = 0; r < m; ++r) {
    const Eigen::MatrixXd grad_t = prefix[r].transpose() * grad_u * suffix[r].transpose();  // dL/dT_r
    const int p = givens_gate_pair(r, n);
    const double c = std::cos(angles[r]), s = std::sin(angles[r]);
    // dT/dθ on the block: [[-s, -c], [c, -s]]
    grad[r] = grad_t(p, p) * -s + grad_t(p, p + 1) * -c + grad_t(p + 1, p) * c + grad_t(p + 1, p + 1) * -s;
  }
  return grad;
}

}  // namespace hqnn
