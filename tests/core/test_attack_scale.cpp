// The attack scale: relative ε is the absolute ε times the RMS of the attacked
// layer's parameters when the attack starts, one frozen factor per layer, kept
// across a checkpoint.
#include <gtest/gtest.h>

#include <cmath>

#include "core/attack.hpp"
#include "core/model.hpp"

using namespace hqnn;

namespace {

Model model_of(ModelKind kind) {
  ModelOptions mo;
  mo.kind = kind;
  mo.layers = 3;
  mo.width = 6;
  return Model(mo, 4, 3);
}

double rms(const Real* v, Index n) {
  double sq = 0;
  for (Index i = 0; i < n; ++i) sq += double(v[i]) * v[i];
  return std::sqrt(sq / double(n));
}

AttackOptions fixed_attack(AttackScale scale) {
  AttackOptions a;
  a.mode = AttackMode::fixed;
  a.layer_list = {0, 2};
  a.magnitude = 0.5;
  a.noise = NoiseKind::gaussian_sym;
  a.scale = scale;
  return a;
}

}  // namespace

TEST(AttackScale, NamesRoundTrip) {
  for (AttackScale s : {AttackScale::absolute, AttackScale::relative})
    EXPECT_EQ(parse_enum<AttackScale>(enum_name(s)), s);
  EXPECT_FALSE(parse_enum<AttackScale>("rms").has_value());
}

TEST(AttackScale, AbsoluteFactorIsOne) {
  Model m = model_of(ModelKind::mlp_leaky);
  m.set_attack(fixed_attack(AttackScale::absolute));
  EXPECT_EQ(m.attack()->layer_scales(), (std::vector<double>{1.0, 1.0}));
}

// A hybrid: the factor is the RMS of the attacked layer's angles, and the
// relative ε are the absolute ones (same generator) times it.
TEST(AttackScale, RelativeHybridScalesByTheAnglesRms) {
  Model a = model_of(ModelKind::qdfnn), r = model_of(ModelKind::qdfnn);
  a.set_attack(fixed_attack(AttackScale::absolute));
  r.set_attack(fixed_attack(AttackScale::relative));
  const QuantumStack& q = *r.quantum_stack();
  for (size_t i = 0; i < 2; ++i) {
    const int l = r.attack()->attacked_layers()[i];
    const double s = rms(q.layer_angles(l), q.gates_per_layer());
    EXPECT_DOUBLE_EQ(r.attack()->layer_scales()[i], s);
    EXPECT_GT(s, 1.0);  // U(−π, π): about 1.81
    const auto& ea = a.quantum_stack()->perturbation(l).angle;
    const auto& er = r.quantum_stack()->perturbation(l).angle;
    ASSERT_EQ(ea.size(), er.size());
    for (size_t k = 0; k < ea.size(); ++k) EXPECT_NEAR(er[k], ea[k] * s, 1e-5 * std::abs(ea[k] * s) + 1e-7);
  }
}

// A classical model: the weights' RMS, for the MLP's hidden Linear and for
// the S of an orthogonal layer inside a skip.
TEST(AttackScale, RelativeClassicalScalesByTheWeightsRms) {
  for (ModelKind kind : {ModelKind::mlp_leaky, ModelKind::mlp_res_orth}) {
    Model a = model_of(kind), r = model_of(kind);
    a.set_attack(fixed_attack(AttackScale::absolute));
    r.set_attack(fixed_attack(AttackScale::relative));
    const Matrix& w = *r.attack_target(2).weight;
    const double s = rms(w.data(), w.size());
    EXPECT_DOUBLE_EQ(r.attack()->layer_scales()[1], s) << enum_name(kind);
    EXPECT_LT(s, 1.0);
    const Matrix& ea = *a.attack_target(2).weight_offset;
    const Matrix& er = *r.attack_target(2).weight_offset;
    EXPECT_TRUE(er.isApprox(ea * Real(s), 1e-5f)) << enum_name(kind);
  }
}

// Persistent: the factor is the one at the start, not recomputed as the
// weights grow; a checkpoint restores it even into a model whose weights differ.
TEST(AttackScale, RelativeFactorIsFrozenAndCheckpointed) {
  Model m = model_of(ModelKind::mlp_leaky);
  AttackOptions o = fixed_attack(AttackScale::relative);
  o.mode = AttackMode::persistent;
  o.magnitude = 5;
  m.set_attack(o);
  const std::vector<double> start = m.attack()->layer_scales();
  for (int i = 0; i < 3; ++i) m.after_optimizer_step();
  EXPECT_EQ(m.attack()->layer_scales(), start);
  const Json state = m.attack_state_json();
  Model other = model_of(ModelKind::mlp_leaky);
  *other.attack_target(0).weight *= Real(10);
  other.set_attack(o);
  EXPECT_NE(other.attack()->layer_scales(), start);
  other.load_attack_state(state);
  EXPECT_EQ(other.attack()->layer_scales(), start);
}
