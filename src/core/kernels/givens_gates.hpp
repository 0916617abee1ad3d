// What the V chain's kernels take (givens_chain.hpp): the order of a layer's
// gates over the basis pairs (Eq. 4) and each gate's matrix entries. Its own
// header, so that the kernels need nothing of the layer that calls them.
#pragma once

#include <vector>

#include "core/real.hpp"

namespace hqnn {

// A layer of width n has 2n-3 gates; gate r acts on the 0-based pair (p, p+1)
// with p = r for r <= n-2 and p = 2n-4-r after (givens_chain.hpp, decision D1).
inline int givens_gate_count(int n) { return 2 * n - 3; }
inline int givens_gate_pair(int r, int n) { return r <= n - 2 ? r : 2 * n - 4 - r; }

// Per-gate matrix entries. A gate is [[c, -s], [s, c]] on its pair; dc and ds
// are the derivatives of c and s with respect to the gate's angle. For a pure
// rotation c = cos θ, s = sin θ, inv_det = 1. Parameter attacks of form ②
// (c = cos θ + ε) make the gate non-orthogonal; inv_det = 1 / (c² + s²) lets the
// backward pass still invert it.
//
// `rotation` says that every gate is an exact rotation (c = cos θ, s = sin θ):
// the backward pass then takes the rotation path, which un-rotates with the
// transpose and uses the short angle gradient (givens_chain_kernels.inc); dc,
// ds and inv_det are not read. False (the general path) is always correct.
struct GivensGates {
  std::vector<Real> c, s, dc, ds, inv_det;
  bool rotation = false;
  void resize(int count) {
    c.resize(count);
    s.resize(count);
    dc.resize(count);
    ds.resize(count);
    inv_det.resize(count);
  }
  int count() const { return static_cast<int>(c.size()); }
};

}  // namespace hqnn
