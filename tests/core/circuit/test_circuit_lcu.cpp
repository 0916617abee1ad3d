// The cost of the skip connections as a linear combination of unitaries
// (circuit_lcu.hpp): the 1-norms s_l, select registers and success
// probabilities P_l = ‖ψ_l‖² / s_l², against hand-computed and dense values.
#include <gtest/gtest.h>

#include "core/circuit/circuit_lcu.hpp"
#include "core/givens_chain.hpp"
#include "core/rng.hpp"

using namespace hqnn;

namespace {

QuantumStack make_stack(SkipTopology topology, int n, int layers, uint64_t seed = 1) {
  QuantumStackOptions o;
  o.topology = topology;
  o.width = n;
  o.layers = layers;
  Rng rng(seed);
  return QuantumStack("q", o, rng);
}

// Sets the λ of the stack in parameter order (layer 1's, then layer 2's, ...).
void set_lambdas(QuantumStack& stack, const std::vector<Real>& values) {
  size_t i = 0;
  for (const ParamBlock& b : stack.params())
    if (b.kind == ParamKind::lambda)
      for (Index k = 0; k < b.size; ++k) b.value[k] = values.at(i++);
  ASSERT_EQ(i, values.size());
}

}  // namespace

TEST(CircuitLcu, ApplyGivensChainIsTheDenseProductOfEq5) {
  Rng rng(5);
  for (int n : {2, 3, 8, 13}) {
    std::vector<double> angles(static_cast<size_t>(givens_gate_count(n))), x(static_cast<size_t>(n));
    for (double& a : angles) a = rng.uniform(-kPi, kPi);
    for (double& v : x) v = rng.uniform(-1, 1);
    const Eigen::VectorXd expected = givens_chain_dense(angles, n) * Eigen::Map<Eigen::VectorXd>(x.data(), n);
    apply_givens_chain(angles, n, x);
    for (int k = 0; k < n; ++k) EXPECT_NEAR(x[static_cast<size_t>(k)], expected(k), 1e-13);
  }
}

TEST(CircuitLcu, ResidualIdentityLayersGiveHandComputedProbabilities) {
  QuantumStack stack = make_stack(SkipTopology::residual, 4, 2);
  for (int l = 0; l < 2; ++l)
    for (int r = 0; r < stack.gates_per_layer(); ++r) stack.layer_angles(l)[r] = 0;  // U = I
  set_lambdas(stack, {0.5f, -0.25f});
  // ψ_1 = 1.5 ψ_0, ψ_2 = 0.75 ψ_1 = 1.125 ψ_0; s_1 = 1.5, s_2 = 1.5 · 1.25.
  const SkipSumCost cost = skip_sum_cost(stack, {{0.5, 0.5, 0.5, 0.5}, {3, 0, 0, 4}});
  EXPECT_EQ(cost.terms, (std::vector<int>{2, 2}));
  EXPECT_EQ(cost.select_qubits, (std::vector<int>{1, 1}));
  EXPECT_EQ(cost.ancillas, 2);
  EXPECT_NEAR(cost.one_norm[0], 1.5, 1e-7);
  EXPECT_NEAR(cost.one_norm[1], 1.875, 1e-7);
  EXPECT_NEAR(cost.success_probability[0], 1.0, 1e-7);
  EXPECT_NEAR(cost.success_probability[1], 0.36, 1e-7);
  EXPECT_EQ(cost.samples, 2);
}

TEST(CircuitLcu, DenseProbabilitiesMatchTheDenseMatrices) {
  QuantumStack stack = make_stack(SkipTopology::dense, 5, 3, 9);
  const std::vector<Real> lambdas{0.7f, -1.2f, 0.4f, 0.3f, -0.9f, 2.0f};  // λ_{1,0}; λ_{2,0..1}; λ_{3,0..2}
  set_lambdas(stack, lambdas);
  Rng rng(11);
  std::vector<double> x(5);
  for (double& v : x) v = rng.uniform(-1, 1);
  const SkipSumCost cost = skip_sum_cost(stack, {x});
  // Direct: ψ_l = U_{l-1} ψ_{l-1} + Σ_j λ_{l,j} ψ_j with the dense U of Eq. (5).
  std::vector<Eigen::VectorXd> psi{Eigen::Map<Eigen::VectorXd>(x.data(), 5).normalized()};
  std::vector<double> s{1.0};
  size_t next = 0;
  for (int l = 1; l <= 3; ++l) {
    Eigen::VectorXd v = givens_chain_dense(layer_angles(stack, l - 1), 5) * psi.back();
    double sl = s.back();
    for (int j = 0; j < l; ++j) {
      v += double(lambdas[next]) * psi[static_cast<size_t>(j)];
      sl += std::abs(double(lambdas[next])) * s[static_cast<size_t>(j)];
      ++next;
    }
    psi.push_back(v);
    s.push_back(sl);
    EXPECT_NEAR(cost.one_norm[static_cast<size_t>(l - 1)], sl, 1e-6);
    EXPECT_NEAR(cost.success_probability[static_cast<size_t>(l - 1)], v.squaredNorm() / (sl * sl), 1e-12);
    EXPECT_LE(cost.success_probability[static_cast<size_t>(l - 1)], 1.0);
  }
  EXPECT_EQ(cost.terms, (std::vector<int>{2, 3, 4}));
  EXPECT_EQ(cost.select_qubits, (std::vector<int>{1, 2, 2}));
  EXPECT_EQ(cost.ancillas, 5);
}

TEST(CircuitLcu, PlainLayersNeedNoLcu) {
  const QuantumStack stack = make_stack(SkipTopology::plain, 3, 2);
  const SkipSumCost cost = skip_sum_cost(stack, {{1, 2, 3}});
  EXPECT_EQ(cost.ancillas, 0);
  EXPECT_NEAR(cost.success_probability[0], 1.0, 1e-12);
  EXPECT_NEAR(cost.success_probability[1], 1.0, 1e-12);
  EXPECT_TRUE(skip_sum_cost(stack, {}).success_probability.empty());
}
