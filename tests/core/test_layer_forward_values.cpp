// Forward passes on known values: each layer against a literal computation.
//   QuantumStack: ψ_l = U_{l-1} ψ_{l-1} + Σ_j λ_{l,j} ψ_j (Eq. 7, 8), with every
//                 U built as the dense product of Eq. (5), in double precision.
//   Linear, LeakyRelu, RotRelu: small inputs whose outputs are worked out by hand.
#include <gtest/gtest.h>

#include <Eigen/Dense>
#include <cmath>
#include <cstring>
#include <limits>

#include "core/activation.hpp"
#include "core/exact_math.hpp"
#include "core/givens_chain.hpp"
#include "core/linear.hpp"
#include "core/quantum_stack.hpp"
#include "core/rng.hpp"
#include "../same_bits.hpp"

using namespace hqnn;
using namespace hqnn::test;

namespace {

constexpr int kWidth = 5, kLayers = 3;

Eigen::MatrixXd random_states(Index batch, int n, uint64_t seed) {
  Rng rng(seed, 3);
  Eigen::MatrixXd m(batch, n);
  for (Index b = 0; b < batch; ++b)
    for (Index c = 0; c < n; ++c) m(b, c) = rng.normal();
  return m;
}

// A stack whose λ are all different (λ = 0.3 + 0.1·index), so that a skip term
// read from the wrong ψ_j changes the result.
QuantumStack stack_with_distinct_lambdas(SkipTopology topology, bool renormalize) {
  QuantumStackOptions o;
  o.topology = topology;
  o.width = kWidth;
  o.layers = kLayers;
  o.renormalize = renormalize;
  Rng rng(11);
  QuantumStack stack("q", o, rng);
  int index = 0;
  for (const ParamBlock& b : stack.params())
    if (b.kind == ParamKind::lambda)
      for (Index k = 0; k < b.size; ++k) b.value[k] = Real(0.3 + 0.1 * index++);
  return stack;
}

// The literal update of Eq. (7) / (8): rows are samples, so U ψ is ψ Uᵀ.
std::vector<Eigen::MatrixXd> literal_states(QuantumStack& stack, const Eigen::MatrixXd& psi0) {
  const int n = stack.options().width, k = stack.gates_per_layer();
  std::vector<Eigen::MatrixXd> psi{psi0};
  for (int l = 1; l <= stack.options().layers; ++l) {
    const std::vector<double> angles(stack.layer_angles(l - 1), stack.layer_angles(l - 1) + k);
    Eigen::MatrixXd next = psi[l - 1] * givens_chain_dense(angles, n).transpose();
    for (int j = 0; j < l; ++j) next += double(stack.lambda(l, j)) * psi[j];
    if (stack.options().renormalize) next = next.rowwise().normalized();
    psi.push_back(next);
  }
  return psi;
}

void expect_stack_matches_literal_update(SkipTopology topology, bool renormalize) {
  QuantumStack stack = stack_with_distinct_lambdas(topology, renormalize);
  const Eigen::MatrixXd psi0 = random_states(7, kWidth, 5);
  Matrix out;
  stack.forward(psi0.cast<Real>(), out);
  const std::vector<Eigen::MatrixXd> expected = literal_states(stack, psi0);
  ASSERT_EQ(stack.states().size(), expected.size());
  for (size_t l = 0; l < expected.size(); ++l)
    for (Index b = 0; b < psi0.rows(); ++b)
      for (Index c = 0; c < kWidth; ++c)
        EXPECT_NEAR(stack.states()[l](b, c), expected[l](b, c), 2e-5 * (1 + std::abs(expected[l](b, c))))
            << "ψ_" << l << " sample " << b << " amplitude " << c;
  EXPECT_TRUE(out.isApprox(stack.states().back()));
}

TEST(KnownValues, PlainStackIsTheProductOfItsLayers) {
  expect_stack_matches_literal_update(SkipTopology::plain, false);
}

TEST(KnownValues, ResidualStackAddsLambdaTimesThePreviousState) {
  expect_stack_matches_literal_update(SkipTopology::residual, false);
}

TEST(KnownValues, DenseStackAddsEveryEarlierStateWithItsOwnLambda) {
  QuantumStack stack = stack_with_distinct_lambdas(SkipTopology::dense, false);
  // λ_{l,j}: one per (l, j), L(L+1)/2 in all, each its own value
  EXPECT_FLOAT_EQ(stack.lambda(1, 0), 0.3f);
  EXPECT_FLOAT_EQ(stack.lambda(3, 2), 0.8f);
  expect_stack_matches_literal_update(SkipTopology::dense, false);
}

TEST(KnownValues, RenormalisedStatesAreTheLiteralUpdateDividedByItsNorm) {
  expect_stack_matches_literal_update(SkipTopology::dense, true);
  expect_stack_matches_literal_update(SkipTopology::residual, true);
}

TEST(KnownValues, LinearComputesInputTimesWeightTransposedPlusBias) {
  Rng rng(1);
  Linear layer("fc", 2, 3, rng);
  layer.weight << 1, 2, 3, 4, 5, 6;
  layer.bias << Real(0.5), -1, 2;
  Matrix in(2, 2), out;
  in << 1, -1, 2, Real(0.5);
  layer.forward(in, out);
  Matrix expected(2, 3);
  expected << Real(-0.5), -2, 1,  // 1−2+0.5, 3−4−1, 5−6+2
      Real(3.5), 7, 15;           // 2+1+0.5, 6+2−1, 10+3+2
  EXPECT_TRUE(out.isApprox(expected)) << out;
}

TEST(KnownValues, LeakyReluScalesOnlyNegativeInputs) {
  LeakyRelu layer(4, Real(0.1));
  Matrix in(1, 4), out;
  in << -2, 0, 3, Real(-0.5);
  layer.forward(in, out);
  Matrix expected(1, 4);
  expected << Real(-0.2), 0, 3, Real(-0.05);
  EXPECT_TRUE(out.isApprox(expected)) << out;
}

TEST(KnownValues, RotReluRotatesEachPairByPiOverFourClipsAndRotatesBack) {
  RotRelu layer(3);
  Matrix in(4, 3), out;
  in << 1, 1, -5,   // R(π/4)x = (0, √2): kept whole, back to (1, 1); the odd neuron is a plain ReLU
      0, 1, 2,      // R(π/4)x = (−1/√2, 1/√2) → (0, 1/√2) → R(−π/4) → (0.5, 0.5)
      -1, -1, 0,    // R(π/4)x = (0, −√2) → (0, 0)
      2, 0, Real(0.25);  // R(π/4)x = (√2, √2): kept whole, back to (2, 0)
  layer.forward(in, out);
  Matrix expected(4, 3);
  expected << 1, 1, 0,
      Real(0.5), Real(0.5), 2,
      0, 0, 0,
      2, 0, Real(0.25);
  for (Index b = 0; b < 4; ++b)
    for (Index c = 0; c < 3; ++c) EXPECT_NEAR(out(b, c), expected(b, c), 1e-6) << "sample " << b << " neuron " << c;
}

// Both activations against their formulas written as Eigen expressions (the
// form they had before they became plain loops), bit for bit, with NaN, ±inf
// and ±0 among the inputs and gradients. NaN payloads are not compared (wasm
// may canonicalise them); the sign of zero is.
void expect_same_bits(const Matrix& got, const Matrix& want, const char* what) {
  ASSERT_EQ(got.rows(), want.rows());
  ASSERT_EQ(got.cols(), want.cols());
  int differ = 0;
  for (Index i = 0; i < got.size(); ++i) differ += !same_bits_or_both_nan(got.data()[i], want.data()[i]);
  EXPECT_EQ(differ, 0) << what;
}

Matrix with_special_values(Index rows, Index cols, uint64_t seed) {
  Rng rng(seed);
  const Real specials[] = {std::numeric_limits<Real>::quiet_NaN(), std::numeric_limits<Real>::infinity(),
                           -std::numeric_limits<Real>::infinity(), Real(0), -Real(0)};
  Matrix m(rows, cols);
  for (Index i = 0; i < m.size(); ++i) {
    const double u = rng.uniform();
    m.data()[i] = u < 0.2 ? specials[rng.below(5)] : static_cast<Real>(rng.uniform(-3, 3));
  }
  return m;
}

TEST(KnownValues, ActivationsGiveTheBitsOfTheirFormulasWithNaNInfAndSignedZeros) {
  const Index batch = 37, width = 7;  // an odd width: RotRelu's unpaired neuron
  const Matrix x = with_special_values(batch, width, 3), g = with_special_values(batch, width, 4);
  for (Real slope : {Real(0.01), Real(0), Real(1)}) {
    LeakyRelu leaky(width, slope);
    Matrix out, grad_in;
    leaky.forward(x, out);
    leaky.backward(g, grad_in);
    const Matrix want_out = x.binaryExpr(x, [&](Real v, Real) { return std::max(v, slope * v); });
    const Matrix want_grad = (x.array() > Real(0)).select(g, slope * g);
    expect_same_bits(out, want_out, "leaky forward");
    expect_same_bits(grad_in, want_grad, "leaky backward");
  }
  RotRelu rot(width);
  Matrix out, grad_in;
  rot.forward(x, out);
  rot.backward(g, grad_in);
  const Real c = exact::cos(Real(kPi / 4)), s = exact::sin(Real(kPi / 4));
  Matrix want_out(batch, width), want_grad(batch, width), rotated(batch, width);
  for (Index k = 0; k + 1 < width; k += 2) {
    rotated.col(k) = c * x.col(k) - s * x.col(k + 1);
    rotated.col(k + 1) = s * x.col(k) + c * x.col(k + 1);
    const auto a = rotated.col(k).cwiseMax(Real(0));
    const auto b = rotated.col(k + 1).cwiseMax(Real(0));
    want_out.col(k) = c * a + s * b;
    want_out.col(k + 1) = c * b - s * a;
    const Matrix ga = ((c * g.col(k) - s * g.col(k + 1)).array() *
                       (rotated.col(k).array() > Real(0)).template cast<Real>()).matrix();
    const Matrix gb = ((s * g.col(k) + c * g.col(k + 1)).array() *
                       (rotated.col(k + 1).array() > Real(0)).template cast<Real>()).matrix();
    want_grad.col(k) = c * ga + s * gb;
    want_grad.col(k + 1) = c * gb - s * ga;
  }
  want_out.col(width - 1) = x.col(width - 1).cwiseMax(Real(0));
  want_grad.col(width - 1) = (x.col(width - 1).array() > Real(0)).select(g.col(width - 1), Real(0));
  expect_same_bits(out, want_out, "rot-relu forward");
  expect_same_bits(grad_in, want_grad, "rot-relu backward");
}

}  // namespace
