// The quantum stack chooses each layer's backward path at every forward pass:
// the rotation path when no form-② attack touches the layer (form ① only
// moves the angles, the gates stay rotations), the general path otherwise.
// The general path is the one every layer took before the rotation path
// existed, so an attacked layer gives exactly the results it gave then.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "core/quantum_stack.hpp"
#include "core/rng.hpp"
#include "../same_bits.hpp"

using namespace hqnn;
using namespace hqnn::test;

namespace {

constexpr int kWidth = 8, kLayers = 3;
constexpr Index kBatch = 16;

QuantumStack make_stack() {
  QuantumStackOptions o;
  o.topology = SkipTopology::dense;
  o.width = kWidth;
  o.layers = kLayers;
  Rng rng(5);
  return QuantumStack("q", o, rng);
}

Matrix random_batch(uint64_t seed) {
  Rng rng(seed, 4);
  Matrix m(kBatch, kWidth);
  for (Index c = 0; c < kWidth; ++c)
    for (Index b = 0; b < kBatch; ++b) m(b, c) = static_cast<Real>(rng.normal());
  return m;
}

struct Pass {
  Matrix out, grad_in;
  std::vector<Real> angle_grads;  // all layers, in order
};

Pass run(QuantumStack& q) {
  Pass p;
  q.forward(random_batch(1), p.out);
  q.backward(random_batch(2), p.grad_in);
  for (const auto& b : q.params())
    if (b.kind == ParamKind::angle) p.angle_grads.insert(p.angle_grads.end(), b.grad, b.grad + b.size);
  return p;
}

std::vector<Real> layer_part(const std::vector<Real>& all, const QuantumStack& q, int l) {
  const auto first = all.begin() + l * q.gates_per_layer();
  return std::vector<Real>(first, first + q.gates_per_layer());
}

// Form ① on every layer (angle offsets), form ② (entry offsets) on the given layers.
void attack(QuantumStack& q, const std::vector<int>& form2_layers, bool zero_form2 = false) {
  Rng rng(9);
  for (int l = 0; l < kLayers; ++l) {
    GatePerturbation& p = q.perturbation(l);
    p = GatePerturbation{};
    for (int r = 0; r < q.gates_per_layer(); ++r) p.angle.push_back(static_cast<Real>(0.1 * rng.normal()));
  }
  for (int l : form2_layers) {
    GatePerturbation& p = q.perturbation(l);
    for (int r = 0; r < q.gates_per_layer(); ++r) {
      p.c.push_back(zero_form2 ? Real(0) : static_cast<Real>(0.05 * rng.normal()));
      p.s.push_back(zero_form2 ? Real(0) : static_cast<Real>(0.05 * rng.normal()));
    }
  }
}

TEST(QuantumStackBackwardPath, AnUnattackedLayerTakesTheRotationPath) {
  QuantumStack q = make_stack();
  const Pass fast = run(q);
  for (int l = 0; l < kLayers; ++l) EXPECT_TRUE(q.gates(l).rotation) << "layer " << l;
  // The same gates forced onto the general path (form ② offsets of exactly
  // zero): the same forward and input gradient bits, the same angle gradient up
  // to the rounding of the two formulas.
  QuantumStack general = make_stack();
  for (int l = 0; l < kLayers; ++l) {
    general.perturbation(l).c.assign(static_cast<size_t>(q.gates_per_layer()), Real(0));
    general.perturbation(l).s.assign(static_cast<size_t>(q.gates_per_layer()), Real(0));
  }
  const Pass slow = run(general);
  for (int l = 0; l < kLayers; ++l) EXPECT_FALSE(general.gates(l).rotation) << "layer " << l;
  EXPECT_TRUE(bit_identical(fast.out, slow.out));
  EXPECT_TRUE(bit_identical(fast.grad_in, slow.grad_in));
  ASSERT_EQ(fast.angle_grads.size(), slow.angle_grads.size());
  for (size_t i = 0; i < fast.angle_grads.size(); ++i)
    EXPECT_NEAR(fast.angle_grads[i], slow.angle_grads[i], 1e-5 * (1 + std::abs(slow.angle_grads[i]))) << i;
}

TEST(QuantumStackBackwardPath, AFormTwoAttackedLayerTakesTheGeneralPathWithTodaysResults) {
  // Layer 1 under form ② takes the general path, layers 0 and 2 (form ① only) the rotation path.
  QuantumStack mixed = make_stack();
  attack(mixed, {1});
  const Pass m = run(mixed);
  EXPECT_TRUE(mixed.gates(0).rotation);
  EXPECT_FALSE(mixed.gates(1).rotation);
  EXPECT_TRUE(mixed.gates(2).rotation);
  // Every layer on the general path, as before the rotation path: layers 0
  // and 2 get zero form-② offsets (the same gates). Layer 1's angle gradient
  // is the same bits: the gradient reaching it through layer 2 is the same on
  // either path.
  QuantumStack all_general = make_stack();
  attack(all_general, {0, 2}, true);
  for (int r = 0; r < all_general.gates_per_layer(); ++r) {
    all_general.perturbation(1).c.push_back(mixed.perturbation(1).c[size_t(r)]);
    all_general.perturbation(1).s.push_back(mixed.perturbation(1).s[size_t(r)]);
  }
  const Pass g = run(all_general);
  for (int l = 0; l < kLayers; ++l) EXPECT_FALSE(all_general.gates(l).rotation);
  EXPECT_TRUE(bit_identical(m.out, g.out));
  EXPECT_TRUE(bit_identical(m.grad_in, g.grad_in));
  EXPECT_EQ(layer_part(m.angle_grads, mixed, 1), layer_part(g.angle_grads, all_general, 1));
  // The other layers' angle gradients agree up to rounding.
  for (int l : {0, 2}) {
    const auto a = layer_part(m.angle_grads, mixed, l), b = layer_part(g.angle_grads, all_general, l);
    for (size_t r = 0; r < a.size(); ++r) EXPECT_NEAR(a[r], b[r], 1e-5 * (1 + std::abs(b[r]))) << l << " " << r;
  }
}

TEST(QuantumStackBackwardPath, TheChoiceIsMadeAgainAtEveryPass) {
  QuantumStack q = make_stack();
  attack(q, {0, 1, 2});
  run(q);
  for (int l = 0; l < kLayers; ++l) EXPECT_FALSE(q.gates(l).rotation);
  q.perturbation(1) = GatePerturbation{};  // the attack leaves layer 1 (as a transient attack's next draw may)
  run(q);
  EXPECT_FALSE(q.gates(0).rotation);
  EXPECT_TRUE(q.gates(1).rotation);
  EXPECT_FALSE(q.gates(2).rotation);
  for (int l = 0; l < kLayers; ++l) q.perturbation(l) = GatePerturbation{};
  run(q);
  for (int l = 0; l < kLayers; ++l) EXPECT_TRUE(q.gates(l).rotation);
}

}  // namespace
