// What a viewer reads off a model: every λ by the state it flows into, how far
// each gate is from a rotation, and the vector amplitude encoding normalises.
// The playground's panels draw these; the tests pin them to the equations.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "core/model.hpp"
#include "core/quantum_stack.hpp"
#include "core/rng.hpp"

using namespace hqnn;

namespace {

Matrix inputs(Index rows, Index cols) {
  Matrix x(rows, cols);
  for (Index i = 0; i < rows; ++i)
    for (Index c = 0; c < cols; ++c) x(i, c) = Real(0.3) + Real(0.1) * Real(i) - Real(0.2) * Real(c);
  return x;
}

QuantumStack stack(SkipTopology topology, int layers, Real lambda_init, bool inverse) {
  QuantumStackOptions o;
  o.topology = topology;
  o.width = 4;
  o.layers = layers;
  o.lambda_init = lambda_init;
  o.dense_lambda_inverse = inverse;
  Rng rng(7);
  return QuantumStack("q", o, rng);
}

}  // namespace

// Eq. (7): one λ into each ψ_l; Eq. (8): l of them, λ_{l,j} for j = 0..l-1,
// here initialised to lambda_init / l; plain stacks have none.
TEST(QuantumStackLambdas, OneRowPerStateWithTheSkipsOfItsTopology) {
  const auto residual = stack(SkipTopology::residual, 3, Real(0.5), false).lambdas();
  ASSERT_EQ(residual.size(), 3u);
  for (const auto& row : residual) EXPECT_EQ(row, std::vector<Real>{Real(0.5)});

  const auto dense = stack(SkipTopology::dense, 3, Real(0.6), true).lambdas();
  ASSERT_EQ(dense.size(), 3u);
  for (int l = 1; l <= 3; ++l) {
    ASSERT_EQ(dense[l - 1].size(), static_cast<size_t>(l)) << "ψ_" << l << " has the sources ψ_0..ψ_" << l - 1;
    for (Real v : dense[l - 1]) EXPECT_EQ(v, Real(0.6) / Real(l));
  }

  const auto plain = stack(SkipTopology::plain, 2, Real(1), false).lambdas();
  ASSERT_EQ(plain.size(), 2u);
  EXPECT_TRUE(plain[0].empty() && plain[1].empty());
}

TEST(QuantumStackLambdas, FollowValuesWrittenThroughTheParameterBlock) {
  QuantumStack q = stack(SkipTopology::dense, 2, Real(1), false);
  for (ParamBlock& b : q.params())
    if (b.name.find("lambda") != std::string::npos)
      for (Index i = 0; i < b.size; ++i) b.value[i] = Real(0.25) * Real(i + 1);
  const auto rows = q.lambdas();
  ASSERT_EQ(rows.size(), 2u);
  ASSERT_EQ(rows[1].size(), 2u);
  for (int l = 1; l <= 2; ++l)
    for (int j = 0; j < l; ++j) EXPECT_EQ(rows[l - 1][j], q.lambda(l, j));
  EXPECT_NE(rows[1][0], Real(1)) << "the write must have changed the λ for this test to mean anything";
}

// Rotations (no attack, or form ① which only moves the angle) keep c² + s² = 1
// up to rounding; form ② adds δ to c, so the error is |2δ cos θ + δ²|.
TEST(QuantumStackOrthogonality, ZeroForRotationsAndTheAddedTermUnderFormTwo) {
  QuantumStack q = stack(SkipTopology::dense, 2, Real(1), false);
  Matrix out;
  const Matrix x = inputs(3, 4);
  q.forward(x, out);
  for (int l = 0; l < 2; ++l)
    for (Real e : q.orthogonality_error(l)) EXPECT_LE(e, Real(4) * std::numeric_limits<Real>::epsilon());

  const Real delta = Real(0.1);
  q.perturbation(1).c.assign(static_cast<size_t>(q.gates_per_layer()), delta);
  q.forward(x, out);
  for (Real e : q.orthogonality_error(0)) EXPECT_LE(e, Real(4) * std::numeric_limits<Real>::epsilon());
  const std::vector<Real> error = q.orthogonality_error(1);
  ASSERT_EQ(error.size(), static_cast<size_t>(q.gates_per_layer()));
  for (int r = 0; r < q.gates_per_layer(); ++r) {
    const double c = std::cos(double(q.layer_angles(1)[r]));
    EXPECT_NEAR(error[r], std::fabs(2 * delta * c + double(delta) * delta), 1e-5) << "gate " << r;
  }
}

// ψ₀ = a / |a| for the encoding's input a (Eq. 6), which is the input itself
// when n equals the number of features and Linear(features → n) of it otherwise.
TEST(ModelEncodingInput, IsTheVectorTheEncodingNormalisesIntoPsiZero) {
  ModelOptions mo;
  mo.kind = ModelKind::qdfnn;
  const Matrix x = inputs(3, 4);
  Model same(mo, 4, 3);
  same.forward(x);
  ASSERT_NE(same.encoding_input(), nullptr);
  EXPECT_EQ(*same.encoding_input(), x);

  mo.width = 6;
  Model wider(mo, 4, 3);
  wider.forward(x);
  const Matrix& a = *wider.encoding_input();
  ASSERT_EQ(a.cols(), 6);
  const Matrix& psi0 = wider.quantum_stack()->states().at(0);
  for (Index i = 0; i < a.rows(); ++i)
    for (Index c = 0; c < a.cols(); ++c) EXPECT_NEAR(psi0(i, c), a(i, c) / a.row(i).norm(), 1e-6);

  mo.kind = ModelKind::mlp_dense_leaky;  // the classical controls encode as the hybrids do
  Model control(mo, 4, 3);
  control.forward(x);
  EXPECT_NE(control.encoding_input(), nullptr);

  mo.kind = ModelKind::mlp_leaky;
  Model mlp(mo, 4, 3);
  mlp.forward(x);
  EXPECT_EQ(mlp.encoding_input(), nullptr);
}
