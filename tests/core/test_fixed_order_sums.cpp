// fixed_order_sums.hpp: the sums the training path makes in an order the code
// fixes (not Eigen's packet order), checked against plain loops bit for bit
// and against Eigen's sums within rounding.
#include <gtest/gtest.h>

#include <cmath>

#include "core/fixed_order_sums.hpp"
#include "core/rng.hpp"
#include "../same_bits.hpp"

using namespace hqnn;

namespace {

Matrix random_matrix(Index rows, Index cols, uint64_t seed) {
  Rng rng(seed, 0);
  Matrix m(rows, cols);
  for (Index i = 0; i < m.size(); ++i) m.data()[i] = static_cast<Real>(rng.uniform(-1, 1));
  return m;
}

TEST(FixedOrderSums, RowSumsRunOverTheColumnsInOrder) {
  const Matrix a = random_matrix(37, 13, 1), c = random_matrix(37, 13, 2);
  Vector dots;
  row_dots_in_order(a, c, dots);
  const Vector norms = row_norms_in_order(a);
  for (Index b = 0; b < a.rows(); ++b) {
    Real d = 0, q = 0;
    for (Index j = 0; j < a.cols(); ++j) {
      d += a(b, j) * c(b, j);
      q += a(b, j) * a(b, j);
    }
    EXPECT_TRUE(test::same_bits(dots(b), d)) << b;
    EXPECT_TRUE(test::same_bits(norms(b), std::sqrt(q))) << b;
    EXPECT_NEAR(dots(b), a.row(b).dot(c.row(b)), 1e-5);
    EXPECT_NEAR(norms(b), a.row(b).norm(), 1e-5);
  }
}

TEST(FixedOrderSums, DotKeepsEightPartialSumsAddedPairwise) {
  // element k goes to partial sum k mod 8: 1e8 and -1e8 cancel in s0 before the
  // seven ones are added (a running float sum would absorb the ones into 1e8).
  std::vector<Real> x = {Real(1e8), 1, 1, 1, 1, 1, 1, 1, Real(-1e8)}, y(9, 1);
  EXPECT_EQ(dot_in_order(x.data(), y.data(), 9), Real(7));
  const Matrix a = random_matrix(16, 11, 3), c = random_matrix(16, 11, 4);
  Real s[8] = {0, 0, 0, 0, 0, 0, 0, 0};
  for (Index k = 0; k < a.size(); ++k) s[k % 8] += a.data()[k] * c.data()[k];
  const Real want = ((s[0] + s[1]) + (s[2] + s[3])) + ((s[4] + s[5]) + (s[6] + s[7]));
  EXPECT_TRUE(test::same_bits(dot_in_order(a, c), want));
  EXPECT_NEAR(dot_in_order(a, c), (a.array() * c.array()).sum(), 1e-4);
}

}  // namespace
