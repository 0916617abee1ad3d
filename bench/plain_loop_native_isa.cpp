// The yardsticks of the fast kernels in bench_givens_chain, compiled for this
// machine's best instruction set (-march=native, contraction into fused
// multiply-adds allowed, -fopenmp-simd):
//   - the plain V chain loop of core/givens_chain_plain_loop.hpp (tiles of 64
//     samples, both backward paths);
//   - the plain rotation loop: per gate one loop over a tile of its two rows, forward c, s; backward un-rotate, input gradient and the short
//     angle gradient Σ gb·a′ − ga·b′ as an `omp simd` reduction (the compiler
//     may reorder that sum: a yardstick, not a reference).
#include "plain_loop_native_isa.hpp"

#include "core/kernels/givens_chain_plain_loop.hpp"

namespace hqnn {

void native_plain_chain_forward(const GivensGates& g, int n, Real* state, Index batch, Index ld) {
  plain_chain_forward(g, n, state, batch, ld);
}

void native_plain_chain_backward(const GivensGates& g, int n, Real* state, Real* grad, Real* angle_grad, Index batch,
                                 Index ld) {
  plain_chain_backward(g, n, state, grad, angle_grad, batch, ld);
}

// In tiles of kPlainLoopTile samples, as the plain loop: the tile's rows stay
// in L1 cache for all 2n−3 gates (untiled, batch 256 at n = 64 ran 2.5x slower).
void native_rotation_loop_forward(const GivensGates& g, int n, Real* state, Index batch, Index ld) {
  for (Index t0 = 0; t0 < batch; t0 += kPlainLoopTile) {
    const Index len = std::min(kPlainLoopTile, batch - t0);
    for (int r = g.count() - 1; r >= 0; --r) {
      Real* __restrict a = state + t0 + givens_gate_pair(r, n) * ld;
      Real* __restrict b = a + ld;
      const Real c = g.c[r], s = g.s[r];
#pragma omp simd
      for (Index k = 0; k < len; ++k) {
        const Real x = a[k], y = b[k];
        a[k] = c * x - s * y;
        b[k] = s * x + c * y;
      }
    }
  }
}

void native_rotation_loop_backward(const GivensGates& g, int n, Real* state, Real* grad, Real* angle_grad,
                                   Index batch, Index ld) {
  for (Index t0 = 0; t0 < batch; t0 += kPlainLoopTile) {
    const Index len = std::min(kPlainLoopTile, batch - t0);
    for (int r = 0; r < g.count(); ++r) {
      const Index off = t0 + givens_gate_pair(r, n) * ld;
      Real* __restrict a = state + off;
      Real* __restrict b = a + ld;
      Real* __restrict ga = grad + off;
      Real* __restrict gb = ga + ld;
      const Real c = g.c[r], s = g.s[r];
      Real sum = 0;
#pragma omp simd reduction(+ : sum)
      for (Index k = 0; k < len; ++k) {
        const Real x = a[k], y = b[k], gx = ga[k], gy = gb[k];
        sum += gy * x - gx * y;
        a[k] = c * x + s * y;
        b[k] = c * y - s * x;
        ga[k] = c * gx + s * gy;
        gb[k] = c * gy - s * gx;
      }
      angle_grad[r] += sum;
    }
  }
}

}  // namespace hqnn
