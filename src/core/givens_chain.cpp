#include "givens_chain.hpp"

#include "givens_chain_kernels.hpp"
#include "givens_chain_plain_loop.hpp"

#include <cassert>
#include <cmath>
#include <cstring>

#include "exact_math.hpp"

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

}  // namespace hqnn
