// Sums whose order is written here, not chosen by Eigen.
//
// Eigen's reductions (sum(), norm(), rowwise().sum()) add in an order that
// depends on its packet width: SSE2 natively, scalar in WebAssembly (Eigen has
// no wasm SIMD backend). The training path sums through these instead, so that
// every build adds the same numbers in the same order. Each per-row sum runs
// over the columns in order, vectorised over the batch (the rows), which does
// not reorder anything; a whole-matrix sum keeps 8 running partial sums
// (element k goes to k mod 8) added pairwise at the end.
#pragma once

#include <cmath>

#include "real.hpp"

namespace hqnn {

// Per row b: Σ_j a(b, j) · c(b, j), j in order.
inline void row_dots_in_order(const Matrix& a, const Matrix& c, Vector& out) {
  const Index rows = a.rows();
  out.setZero(rows);
  Real* __restrict o = out.data();
  for (Index j = 0; j < a.cols(); ++j) {
    const Real* __restrict x = a.col(j).data();
    const Real* __restrict y = c.col(j).data();
    for (Index b = 0; b < rows; ++b) o[b] += x[b] * y[b];
  }
}

inline Vector row_dots_in_order(const Matrix& a, const Matrix& c) {
  Vector out;
  row_dots_in_order(a, c, out);
  return out;
}

// Per row b: sqrt(Σ_j a(b, j)²), j in order.
inline Vector row_norms_in_order(const Matrix& a) {
  Vector out;
  row_dots_in_order(a, a, out);
  for (Index b = 0; b < out.size(); ++b) out(b) = std::sqrt(out(b));
  return out;
}

// Σ_k x[k] · y[k] over n elements: 8 partial sums, then ((s0+s1)+(s2+s3))+((s4+s5)+(s6+s7)).
inline Real dot_in_order(const Real* x, const Real* y, Index n) {
  Real s[8] = {0, 0, 0, 0, 0, 0, 0, 0};
  Index k = 0;
  for (; k + 8 <= n; k += 8)
    for (int j = 0; j < 8; ++j) s[j] += x[k + j] * y[k + j];
  for (int j = 0; k < n; ++k, ++j) s[j] += x[k] * y[k];
  return ((s[0] + s[1]) + (s[2] + s[3])) + ((s[4] + s[5]) + (s[6] + s[7]));
}

inline Real dot_in_order(const Matrix& a, const Matrix& c) { return dot_in_order(a.data(), c.data(), a.size()); }

}  // namespace hqnn
