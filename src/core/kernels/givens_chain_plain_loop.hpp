// The plain batch-contiguous V chain: for each gate, one loop over the batch
// of its two rows (in tiles of 64 samples, whose rows stay in L1 cache for
// all 2n−3 gates). The obviously-correct version of the fast kernels
// (givens_chain_kernels.inc), used as their reference in the tests and, compiled
// for the best instruction set, as their yardstick in bench_givens_chain.
// Functions are static so that each file including this header gets a copy
// compiled with its own flags.
#pragma once

#include <algorithm>

#include "givens_gates.hpp"

namespace hqnn {

constexpr Index kPlainLoopTile = 64;

static inline void plain_chain_forward(const GivensGates& g, int n, Real* state, Index batch, Index ld) {
  for (Index t0 = 0; t0 < batch; t0 += kPlainLoopTile) {
    const Index len = std::min(kPlainLoopTile, batch - t0);
    for (int r = g.count() - 1; r >= 0; --r) {
      Real* __restrict a = state + t0 + givens_gate_pair(r, n) * ld;
      Real* __restrict b = a + ld;
      const Real c = g.c[r], s = g.s[r];
      for (Index k = 0; k < len; ++k) {
        const Real x = a[k], y = b[k];
        a[k] = c * x - s * y;
        b[k] = s * x + c * y;
      }
    }
  }
}

// Per gate: recover its input (a, b) = M⁻¹ (a', b'), add its angle's gradient,
// then (ga, gb) <- Mᵀ (ga, gb). The angle's gradient is, per sample,
//   exact rotations (g.rotation):  gb a' − ga b'   from the outputs (a', b')
//   the general gate:              ga (dc a − ds b) + gb (ds a + dc b)
// (derivation in givens_chain_kernels.inc). The per-sample terms of the sum go
// to an array first and are summed in 8 interleaved lanes, so that both loops
// vectorise.
static inline void plain_chain_backward(const GivensGates& g, int n, Real* state, Real* grad, Real* angle_grad,
                                        Index batch, Index ld) {
  Real terms[kPlainLoopTile];
  for (Index t0 = 0; t0 < batch; t0 += kPlainLoopTile) {
    const Index len = std::min(kPlainLoopTile, batch - t0);
    for (int r = 0; r < g.count(); ++r) {
      const Index off = t0 + givens_gate_pair(r, n) * ld;
      Real* __restrict a = state + off;
      Real* __restrict b = a + ld;
      Real* __restrict ga = grad + off;
      Real* __restrict gb = ga + ld;
      const Real c = g.c[r], s = g.s[r];
      if (g.rotation) {
        for (Index k = 0; k < len; ++k) {
          const Real gx = ga[k], gy = gb[k];
          terms[k] = gy * a[k] - gx * b[k];
          const Real x = c * a[k] + s * b[k], y = c * b[k] - s * a[k];
          a[k] = x;
          b[k] = y;
          ga[k] = c * gx + s * gy;
          gb[k] = c * gy - s * gx;
        }
      } else {
        const Real dc = g.dc[r], ds = g.ds[r], inv = g.inv_det[r];
        for (Index k = 0; k < len; ++k) {
          const Real x = inv * (c * a[k] + s * b[k]), y = inv * (c * b[k] - s * a[k]);
          const Real gx = ga[k], gy = gb[k];
          terms[k] = gx * (dc * x - ds * y) + gy * (ds * x + dc * y);
          a[k] = x;
          b[k] = y;
          ga[k] = c * gx + s * gy;
          gb[k] = c * gy - s * gx;
        }
      }
      constexpr int kLanes = 8;
      Real lanes[kLanes] = {};
      Index k = 0;
      for (; k + kLanes <= len; k += kLanes)
        for (int j = 0; j < kLanes; ++j) lanes[j] += terms[k + j];
      for (; k < len; ++k) lanes[k % kLanes] += terms[k];
      Real sum = 0;
      for (int j = 0; j < kLanes; ++j) sum += lanes[j];
      angle_grad[r] += sum;
    }
  }
}

}  // namespace hqnn
