// A batch of N(0, 1) draws (batch x n), column by column from one seeded
// generator: the inputs of the tests and benchmarks that need any batch.
#pragma once

#include <cstdint>

#include "real.hpp"
#include "rng.hpp"

namespace hqnn {

inline Matrix random_batch(Index batch, Index n, uint64_t seed) {
  Rng rng(seed);
  Matrix m(batch, n);
  for (Index c = 0; c < n; ++c)
    for (Index b = 0; b < batch; ++b) m(b, c) = static_cast<Real>(rng.normal());
  return m;
}

}  // namespace hqnn
