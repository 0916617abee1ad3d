// The fast V-chain kernel against the literal dense product of Eq. (5) (D1).
#include <gtest/gtest.h>

#include <Eigen/Dense>
#include <cmath>

#include "core/givens_chain.hpp"
#include "core/rng.hpp"

using namespace hqnn;

namespace {

std::vector<double> random_angles(int n, uint64_t seed) {
  Rng rng(seed);
  std::vector<double> a(static_cast<size_t>(givens_gate_count(n)));
  for (auto& x : a) x = rng.uniform(-kPi, kPi);
  return a;
}

Matrix random_batch(Index batch, int n, uint64_t seed) {
  Rng rng(seed, 9);
  Matrix m(batch, n);
  for (Index c = 0; c < n; ++c)
    for (Index b = 0; b < batch; ++b) m(b, c) = static_cast<Real>(rng.normal());
  return m;
}

GivensGates gates_for(const std::vector<double>& angles) {
  std::vector<Real> a(angles.begin(), angles.end());
  GivensGates g;
  givens_rotation_gates(a.data(), static_cast<int>(a.size()), g);
  return g;
}

class GivensChainWidths : public ::testing::TestWithParam<int> {};

TEST_P(GivensChainWidths, GatePairsFormAV) {
  const int n = GetParam();
  // Eq. (4): the pairs rise 0..n-2 and fall back to 0, a palindrome of 2n-3 gates.
  ASSERT_EQ(givens_gate_count(n), 2 * n - 3);
  for (int r = 0; r < givens_gate_count(n); ++r) {
    EXPECT_EQ(givens_gate_pair(r, n), givens_gate_pair(givens_gate_count(n) - 1 - r, n));
    EXPECT_LE(givens_gate_pair(r, n), n - 2);
  }
  EXPECT_EQ(givens_gate_pair(n - 2, n), n - 2);
}

TEST_P(GivensChainWidths, DenseProductOfEq5IsOrthogonal) {
  const int n = GetParam();
  const Eigen::MatrixXd u = givens_chain_dense(random_angles(n, 3), n);
  EXPECT_LT((u.transpose() * u - Eigen::MatrixXd::Identity(n, n)).cwiseAbs().maxCoeff(), 1e-12);
  EXPECT_NEAR(u.determinant(), 1.0, 1e-9);
}

TEST_P(GivensChainWidths, ForwardEqualsDenseProduct) {
  const int n = GetParam();
  const auto angles = random_angles(n, 5);
  const Eigen::MatrixXd u = givens_chain_dense(angles, n);
  const Index batch = 7;
  Matrix x = random_batch(batch, n, 11);
  Matrix y = x;
  givens_chain_forward(gates_for(angles), n, y.data(), batch, batch);
  const Eigen::MatrixXd expected = x.cast<double>() * u.transpose();  // rows are samples: yᵀ = xᵀ Uᵀ
  EXPECT_LT((y.cast<double>() - expected).cwiseAbs().maxCoeff(), 2e-5 * std::sqrt(double(n)));
}

TEST_P(GivensChainWidths, BackwardEqualsDenseTransposeAndRecoversInput) {
  const int n = GetParam();
  const auto angles = random_angles(n, 7);
  const GivensGates gates = gates_for(angles);
  const Index batch = 5;
  Matrix x = random_batch(batch, n, 13), y = x;
  givens_chain_forward(gates, n, y.data(), batch, batch);
  Matrix g = random_batch(batch, n, 17);
  const Matrix g_out = g;
  std::vector<Real> angle_grad(angles.size(), 0);
  Matrix state = y;
  givens_chain_backward(gates, n, state.data(), g.data(), angle_grad.data(), batch, batch);
  // dL/dx = Uᵀ g  (per sample), i.e. rows: gᵀ U
  const Eigen::MatrixXd u = givens_chain_dense(angles, n);
  EXPECT_LT((g.cast<double>() - g_out.cast<double>() * u).cwiseAbs().maxCoeff(), 2e-5 * std::sqrt(double(n)));
  // Un-rotating the output recovers the input (fp32 reconstruction error).
  EXPECT_LT((state - x).cwiseAbs().maxCoeff(), 1e-5 * n);
  // dL/dθ_r = Σ_b g_bᵀ (∂U/∂θ_r) x_b, with ∂U/∂θ_r from the dense product.
  for (int r = 0; r < givens_gate_count(n); ++r) {
    Eigen::MatrixXd du = Eigen::MatrixXd::Identity(n, n);
    for (int k = 0; k < givens_gate_count(n); ++k) {
      Eigen::MatrixXd t = givens_gate_dense(givens_gate_pair(k, n), angles[k], n);
      if (k == r) {
        const int p = givens_gate_pair(k, n);
        t.setZero();
        t(p, p) = -std::sin(angles[k]);
        t(p, p + 1) = -std::cos(angles[k]);
        t(p + 1, p) = std::cos(angles[k]);
        t(p + 1, p + 1) = -std::sin(angles[k]);
      }
      du = du * t;
    }
    const double expected = (g_out.cast<double>() * du).cwiseProduct(x.cast<double>()).sum();
    EXPECT_NEAR(angle_grad[r], expected, 1e-4 * (1 + std::abs(expected))) << "gate " << r;
  }
}

INSTANTIATE_TEST_SUITE_P(Widths, GivensChainWidths, ::testing::Values(2, 3, 4, 5, 8, 64));

TEST(GivensChain, ReconstructionErrorStaysSmallForWideLayers) {
  const int n = 1024;
  const auto angles = random_angles(n, 19);
  const GivensGates gates = gates_for(angles);
  const Index batch = 64;
  Matrix x = random_batch(batch, n, 23), y = x, g = Matrix::Zero(batch, n);
  givens_chain_forward(gates, n, y.data(), batch, batch);
  std::vector<Real> angle_grad(angles.size(), 0);
  givens_chain_backward(gates, n, y.data(), g.data(), angle_grad.data(), batch, batch);
  const double rel = (y - x).norm() / x.norm();
  EXPECT_LT(rel, 1e-5) << "relative fp32 reconstruction error " << rel;
}

}  // namespace
