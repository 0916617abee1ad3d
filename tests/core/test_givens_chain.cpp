// The fast V-chain kernel against the literal dense product of Eq. (5) (D1),
// against the plain loop, and its copies for each instruction set against
// each other (bit-identical: no fused multiply-add, sums in a fixed order),
// on both backward paths: exact rotations and the general (form-② attacked) gate.
#include <gtest/gtest.h>

#include <Eigen/Dense>
#include <array>
#include <cmath>
#include <cstring>
#include <string>

#include "core/givens_chain.hpp"
#include "core/rng.hpp"
#include "../same_bits.hpp"

using namespace hqnn;
using namespace hqnn::test;

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

// The paper's dense training step (U as the product of Eq. 5, its gradient through
// prefix and suffix products) and the kernel's backward pass give the same dL/dθ.
TEST(GivensChain, DenseMethodsAngleGradientMatchesTheKernel) {
  const int n = 6, batch = 5, m = givens_gate_count(n);
  Rng rng(3);
  std::vector<double> angles(static_cast<size_t>(m));
  for (auto& a : angles) a = rng.uniform(-3, 3);
  Eigen::MatrixXd x(batch, n), g(batch, n);
  for (Index i = 0; i < batch; ++i)
    for (Index j = 0; j < n; ++j) x(i, j) = rng.normal(), g(i, j) = rng.normal();
  const std::vector<double> dense = givens_chain_dense_angle_gradient(angles, n, x, g);
  std::vector<Real> angles_r(angles.begin(), angles.end()), grad_r(static_cast<size_t>(m), 0);
  GivensGates gates;
  givens_rotation_gates(angles_r.data(), m, gates);
  Matrix state = x.cast<Real>(), grad = g.cast<Real>();
  givens_chain_forward(gates, n, state.data(), batch, batch);
  givens_chain_backward(gates, n, state.data(), grad.data(), grad_r.data(), batch, batch);
  for (int r = 0; r < m; ++r) EXPECT_NEAR(dense[static_cast<size_t>(r)], grad_r[static_cast<size_t>(r)], 1e-4) << r;
}

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

// Gates of a form-② attack (c = cos θ + ε, s = sin θ + ε): not rotations, so
// inv_det and the derivative terms all take part.
GivensGates attacked_gates(int n, uint64_t seed) {
  const auto angles = random_angles(n, seed);
  GivensGates g = gates_for(angles);
  Rng rng(seed, 3);
  for (int r = 0; r < g.count(); ++r) {
    g.c[r] += static_cast<Real>(rng.uniform(-0.1, 0.1));
    g.s[r] += static_cast<Real>(rng.uniform(-0.1, 0.1));
    g.inv_det[r] = 1 / (g.c[r] * g.c[r] + g.s[r] * g.s[r]);
  }
  g.rotation = false;
  return g;
}

// Both kinds of gates of a test case: exact rotations (the rotation path) and
// form-② attacked gates (the general path).
std::vector<GivensGates> both_paths(int n, uint64_t seed) {
  std::vector<GivensGates> all = {gates_for(random_angles(n, seed)), attacked_gates(n, seed)};
  EXPECT_TRUE(all[0].rotation);
  EXPECT_FALSE(all[1].rotation);
  return all;
}

struct ChainResult {
  Matrix forward, state, grad;
  std::vector<Real> angle_grad;
};

// Forward, then backward from a random output gradient, on columns 0..batch of
// a block with leading dimension ld > batch (the chunks of a training batch).
template <class Forward, class Backward>
ChainResult run_chain(const GivensGates& g, int n, Index batch, Forward forward, Backward backward) {
  const Index ld = batch + 5;
  ChainResult r;
  Matrix x = random_batch(ld, n, 31), grad = random_batch(ld, n, 37);
  forward(g, n, x.data(), batch, ld);
  r.forward = x.topRows(batch);
  r.angle_grad.assign(static_cast<size_t>(g.count()), Real(0.5));
  backward(g, n, x.data(), grad.data(), r.angle_grad.data(), batch, ld);
  r.state = x.topRows(batch);
  r.grad = grad.topRows(batch);
  // rows past the batch are untouched
  EXPECT_EQ(x.bottomRows(5), random_batch(ld, n, 31).bottomRows(5));
  return r;
}

ChainResult run_isa(SimdIsa isa, const GivensGates& g, int n, Index batch) {
  return run_chain(
      g, n, batch,
      [isa](const GivensGates& gg, int nn, Real* s, Index b, Index ld) { givens_chain_forward(isa, gg, nn, s, b, ld); },
      [isa](const GivensGates& gg, int nn, Real* s, Real* gr, Real* ag, Index b, Index ld) {
        givens_chain_backward(isa, gg, nn, s, gr, ag, b, ld);
      });
}

TEST(GivensChain, EveryInstructionSetGivesBitIdenticalResults) {
  int compared = 0;
  for (int n : {2, 3, 5, 16, 64})
    for (Index batch : {1, 15, 16, 33, 64, 100, 256})
      for (const GivensGates& g : both_paths(n, 100 + n)) {
        const ChainResult portable = run_isa(SimdIsa::portable, g, n, batch);
        for (SimdIsa isa : {SimdIsa::avx2, SimdIsa::avx512}) {
          if (!simd_isa_available(isa)) continue;
          const ChainResult wide = run_isa(isa, g, n, batch);
          const std::string where = std::string(enum_name(isa)) + (g.rotation ? " rotation" : " general") + " n " +
                                    std::to_string(n) + " batch " + std::to_string(batch);
          EXPECT_TRUE(bit_identical(portable.forward, wide.forward)) << where;
          EXPECT_TRUE(bit_identical(portable.state, wide.state)) << where;
          EXPECT_TRUE(bit_identical(portable.grad, wide.grad)) << where;
          EXPECT_EQ(portable.angle_grad, wide.angle_grad) << where;
          ++compared;
        }
      }
  std::printf("compared %d cases against the portable kernel; this machine runs %s\n", compared,
              enum_name(simd_isa()));
}

TEST(GivensChain, FastKernelMatchesThePlainLoop) {
  for (int n : {2, 3, 5, 16, 64})
    for (Index batch : {1, 15, 16, 33, 64, 100})
      for (const GivensGates& g : both_paths(n, 200 + n)) {
        const ChainResult plain =
            run_chain(g, n, batch, givens_chain_forward_reference, givens_chain_backward_reference);
        for (SimdIsa isa : {SimdIsa::portable, SimdIsa::avx2, SimdIsa::avx512}) {
          if (!simd_isa_available(isa)) continue;
          const ChainResult fast = run_isa(isa, g, n, batch);
          // the same operations per sample; only the angle gradient's sum is ordered differently
          EXPECT_LE((fast.forward - plain.forward).cwiseAbs().maxCoeff(),
                    1e-6 * (1 + plain.forward.cwiseAbs().maxCoeff()));
          EXPECT_LE((fast.state - plain.state).cwiseAbs().maxCoeff(), 1e-6 * (1 + plain.state.cwiseAbs().maxCoeff()));
          EXPECT_LE((fast.grad - plain.grad).cwiseAbs().maxCoeff(), 1e-6 * (1 + plain.grad.cwiseAbs().maxCoeff()));
          for (int r = 0; r < g.count(); ++r)
            EXPECT_NEAR(fast.angle_grad[size_t(r)], plain.angle_grad[size_t(r)],
                        2e-5 * (double(batch) + std::abs(plain.angle_grad[size_t(r)])))
                << enum_name(isa) << (g.rotation ? " rotation" : " general") << " n " << n << " batch " << batch
                << " gate " << r;
        }
      }
}

// The rotation path against the general path on the same exact rotations: the
// recovered input and dL/dx are the same bits (the general path's inv_det is
// 1), and dθ = Σ gb a' − ga b' equals Σ ga (dc a − ds b) + gb (ds a + dc b) up
// to rounding.
TEST(GivensChain, RotationPathEqualsTheGeneralPathOnRotations) {
  for (int n : {2, 3, 16, 64})
    for (Index batch : {1, 16, 33, 256})
      for (SimdIsa isa : {SimdIsa::portable, SimdIsa::avx2, SimdIsa::avx512}) {
        if (!simd_isa_available(isa)) continue;
        const GivensGates fast = gates_for(random_angles(n, 300 + n));
        GivensGates general = fast;
        general.rotation = false;
        const ChainResult a = run_isa(isa, fast, n, batch), b = run_isa(isa, general, n, batch);
        EXPECT_TRUE(bit_identical(a.forward, b.forward));
        EXPECT_TRUE(bit_identical(a.state, b.state));
        EXPECT_TRUE(bit_identical(a.grad, b.grad));
        for (int r = 0; r < fast.count(); ++r)
          EXPECT_NEAR(a.angle_grad[size_t(r)], b.angle_grad[size_t(r)],
                      2e-5 * (double(batch) + std::abs(b.angle_grad[size_t(r)])))
              << enum_name(isa) << " n " << n << " batch " << batch << " gate " << r;
      }
}

// dL/dθ of the rotation path against central finite differences of
// L = Σ w ⊙ U(θ) x, in double, from the float kernel's own forward.
TEST(GivensChain, RotationPathAngleGradientMatchesFiniteDifferences) {
  const int n = 6;
  const Index batch = 37;
  const auto angles = random_angles(n, 41);
  const Matrix x = random_batch(batch, n, 43), w = random_batch(batch, n, 47);
  const auto loss = [&](const std::vector<double>& th) {
    return (x.cast<double>() * givens_chain_dense(th, n).transpose()).cwiseProduct(w.cast<double>()).sum();
  };
  const GivensGates g = gates_for(angles);
  ASSERT_TRUE(g.rotation);
  Matrix y = x, grad = w;
  givens_chain_forward(g, n, y.data(), batch, batch);
  std::vector<Real> angle_grad(angles.size(), 0);
  givens_chain_backward(g, n, y.data(), grad.data(), angle_grad.data(), batch, batch);
  for (size_t r = 0; r < angles.size(); ++r) {
    std::vector<double> up = angles, down = angles;
    const double h = 1e-6;
    up[r] += h;
    down[r] -= h;
    const double fd = (loss(up) - loss(down)) / (2 * h);
    EXPECT_NEAR(angle_grad[r], fd, 1e-4 * (1 + std::abs(fd))) << "gate " << r;
  }
}

// Out of place (out = U·in, each at its own leading dimension) gives the bits
// of copying in to out and running the chain in place, leaves in as it was, and
// writes no row of out past the batch; also on power-of-two leading
// dimensions, where the kernel runs each tile in a block of its own.
TEST(GivensChain, OutOfPlaceForwardEqualsInPlaceBitForBit) {
  int compared = 0;
  for (SimdIsa isa : {SimdIsa::portable, SimdIsa::avx2, SimdIsa::avx512}) {
    if (!simd_isa_available(isa)) continue;
    for (int n : {2, 5, 64})
      for (const auto& [batch, in_ld, ld] : std::vector<std::array<Index, 3>>{
               {1, 1, 1}, {15, 20, 15}, {100, 100, 100}, {1000, 1000, 1024}, {1024, 1024, 1024}, {1000, 1040, 1024},
               {1040, 1040, 1040}, {4096, 4096, 4096}})
        for (const GivensGates& g : both_paths(n, 300 + n)) {
          const Matrix in = random_batch(in_ld, n, 51);
          Matrix want = in.topRows(batch);
          givens_chain_forward(isa, g, n, want.data(), batch, batch);
          Matrix out = random_batch(ld, n, 53);
          const Matrix before = out;
          Matrix in_copy = in;
          givens_chain_forward(isa, g, n, in_copy.data(), in_ld, out.data(), ld, batch);
          const std::string where = std::string(enum_name(isa)) + " n " + std::to_string(n) + " batch " +
                                    std::to_string(batch) + " ld " + std::to_string(ld);
          EXPECT_TRUE(bit_identical(Matrix(out.topRows(batch)), want)) << where;
          EXPECT_TRUE(bit_identical(in_copy, in)) << where;
          EXPECT_TRUE(bit_identical(Matrix(out.bottomRows(ld - batch)), Matrix(before.bottomRows(ld - batch)))) << where;
          // in place through the same entry (in == out) at a power-of-two stride
          Matrix same = in;
          givens_chain_forward(isa, g, n, same.data(), in_ld, same.data(), in_ld, batch);
          EXPECT_TRUE(bit_identical(Matrix(same.topRows(batch)), want)) << where;
          ++compared;
        }
  }
  EXPECT_GT(compared, 0);
}

TEST(GivensChain, ASamplesResultDoesNotDependOnItsPlaceInTheBatch) {
  // Sample 40 of a batch of 100 runs in a full tile; the same sample alone runs padded.
  const int n = 16;
  for (const GivensGates& g : both_paths(n, 5)) {
    Matrix all = random_batch(100, n, 41), one = all.row(40), g_all = random_batch(100, n, 43), g_one = g_all.row(40);
    givens_chain_forward(g, n, all.data(), 100, 100);
    givens_chain_forward(g, n, one.data(), 1, 1);
    EXPECT_TRUE(bit_identical(Matrix(all.row(40)), one));
    std::vector<Real> angle_all(size_t(g.count()), 0), angle_one(size_t(g.count()), 0);
    givens_chain_backward(g, n, all.data(), g_all.data(), angle_all.data(), 100, 100);
    givens_chain_backward(g, n, one.data(), g_one.data(), angle_one.data(), 1, 1);
    EXPECT_TRUE(bit_identical(Matrix(all.row(40)), one));
    EXPECT_TRUE(bit_identical(Matrix(g_all.row(40)), g_one));
  }
}

}  // namespace
