#include "givens_chain.hpp"

#include <algorithm>
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
#pragma GCC ivdep
  for (Index k = 0; k < batch; ++k) {
    const Real x = a[k], y = b[k];
    a[k] = c * x - s * y;
    b[k] = s * x + c * y;
  }
}

// On x86-64 Linux the two chain functions are also compiled for AVX2 and the
// loader picks the best clone at run time. No FMA: both clones round every
// operation the same way, so results are bit-identical on every x86 machine.
#if defined(__x86_64__) && defined(__GNUC__) && defined(__linux__) && !defined(__clang__)
#define HQNN_KERNEL_CLONES __attribute__((target_clones("avx2", "default")))
#else
#define HQNN_KERNEL_CLONES
#endif

// The chain runs over the batch in tiles of kTile samples, so that a tile's
// state (and gradient) stays in L1 cache for all 2n-3 gates.
constexpr Index kTile = 64;

HQNN_KERNEL_CLONES
void givens_chain_forward(const GivensGates& gates, int n, Real* state, Index batch, Index ld) {
  assert(gates.count() == givens_gate_count(n));
  for (Index t0 = 0; t0 < batch; t0 += kTile) {
    const Index len = std::min(kTile, batch - t0);
    Real* tile = state + t0;
    for (int r = gates.count() - 1; r >= 0; --r) {
      const int p = givens_gate_pair(r, n);
      rotate_rows(tile + p * ld, tile + (p + 1) * ld, gates.c[r], gates.s[r], len);
    }
  }
}

// One gate backwards. Inputs are the gate's outputs (a', b') and dL/d(a', b').
//   (a, b)   = M⁻¹ (a', b')                 recover the gate's input
//   dθ      += Σ ga (dc a - ds b) + gb (ds a + dc b)
//   (ga, gb) <- Mᵀ (ga, gb)
// The per-sample terms of dθ go to `terms`; the caller sums them in a fixed
// lane order (vectorised, and the same on every platform).
static inline void unrotate_rows(Real* __restrict a, Real* __restrict b, Real* __restrict ga, Real* __restrict gb,
                                 Real* __restrict terms, Real c, Real s, Real dc, Real ds, Real inv_det, Index len) {
#pragma GCC ivdep
  for (Index k = 0; k < len; ++k) {
    const Real x = inv_det * (c * a[k] + s * b[k]);
    const Real y = inv_det * (c * b[k] - s * a[k]);
    const Real gx = ga[k], gy = gb[k];
    terms[k] = gx * (dc * x - ds * y) + gy * (ds * x + dc * y);
    a[k] = x;
    b[k] = y;
    ga[k] = c * gx + s * gy;
    gb[k] = c * gy - s * gx;
  }
}

// Σ terms[0..len), accumulated in kLanes interleaved partial sums.
static inline Real lane_sum(const Real* __restrict terms, Index len) {
  constexpr int kLanes = 8;
  Real lanes[kLanes] = {};
  Index k = 0;
  for (; k + kLanes <= len; k += kLanes)
    for (int j = 0; j < kLanes; ++j) lanes[j] += terms[k + j];
  for (; k < len; ++k) lanes[k % kLanes] += terms[k];
  Real total = 0;
  for (int j = 0; j < kLanes; ++j) total += lanes[j];
  return total;
}

HQNN_KERNEL_CLONES
void givens_chain_backward(const GivensGates& gates, int n, Real* state, Real* grad, Real* angle_grad,
                           Index batch, Index ld) {
  assert(gates.count() == givens_gate_count(n));
  for (Index t0 = 0; t0 < batch; t0 += kTile) {
    const Index len = std::min(kTile, batch - t0);
    Real* s = state + t0;
    Real* g = grad + t0;
    Real terms[kTile];
    for (int r = 0; r < gates.count(); ++r) {
      const int p = givens_gate_pair(r, n);
      unrotate_rows(s + p * ld, s + (p + 1) * ld, g + p * ld, g + (p + 1) * ld, terms, gates.c[r], gates.s[r],
                    gates.dc[r], gates.ds[r], gates.inv_det[r], len);
      angle_grad[r] += lane_sum(terms, len);
    }
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
