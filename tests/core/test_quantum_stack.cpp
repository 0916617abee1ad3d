// The quantum stack keeps cos θ and sin θ of its gate angles between forward
// passes (GivensAngleTrig). These tests prove the kept values are never stale:
// after every way the angles change (optimiser step, parameter attacks, values
// written in by a model file or a checkpoint), the gates of the next forward
// pass are, bit for bit, the ones computed from scratch.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <limits>
#include <vector>

#include "core/attack.hpp"
#include "core/exact_math.hpp"
#include "core/model.hpp"
#include "core/quantum_stack.hpp"
#include "core/trainer.hpp"
#include "data/csv_loader.hpp"
#include "../same_bits.hpp"

using namespace hqnn;
using namespace hqnn::test;

namespace {

// Every gate of the last forward pass against exact::cos / exact::sin of the
// current angles and perturbations, computed here from scratch.
void expect_fresh_gates(QuantumStack& q, const char* after) {
  for (int l = 0; l < q.options().layers; ++l) {
    const GatePerturbation& p = q.perturbation(l);
    const GivensGates& g = q.gates(l);
    ASSERT_EQ(g.count(), q.gates_per_layer());
    for (int r = 0; r < g.count(); ++r) {
      const Real theta = p.empty() ? q.layer_angles(l)[r] : q.layer_angles(l)[r] + (p.angle.empty() ? 0 : p.angle[r]);
      const Real c = p.empty() ? exact::cos(theta) : exact::cos(theta) + (p.c.empty() ? Real(0) : p.c[r]);
      const Real s = p.empty() ? exact::sin(theta) : exact::sin(theta) + (p.s.empty() ? Real(0) : p.s[r]);
      EXPECT_TRUE(same_bits(g.c[r], c)) << after << ": layer " << l << " gate " << r;
      EXPECT_TRUE(same_bits(g.s[r], s)) << after << ": layer " << l << " gate " << r;
      EXPECT_TRUE(same_bits(g.dc[r], -exact::sin(theta))) << after << ": layer " << l << " gate " << r;
    }
  }
}

Model hybrid(ModelKind kind = ModelKind::qdfnn) {
  ModelOptions mo;
  mo.kind = kind;
  mo.layers = 2;
  return Model(mo, 4, 3);
}

}  // namespace

TEST(GivensAngleTrig, RecomputesChangedAnglesBitForBitIncludingSignedZeroAndNan) {
  std::vector<Real> angles = {Real(0.3), Real(-1.2), Real(2.9), Real(0)};
  GivensAngleTrig trig;
  for (int round = 0; round < 4; ++round) {
    if (round == 1) angles[1] = std::nextafter(angles[1], Real(0));  // one ulp
    if (round == 2) angles[3] = -Real(0);                             // sin(-0) = -0, sin(+0) = +0
    if (round == 3) angles[0] = std::numeric_limits<Real>::quiet_NaN();
    trig.update(angles.data(), static_cast<int>(angles.size()));
    for (size_t r = 0; r < angles.size(); ++r) {
      EXPECT_TRUE(same_bits(trig.cos()[r], exact::cos(angles[r]))) << "round " << round << " angle " << r;
      EXPECT_TRUE(same_bits(trig.sin()[r], exact::sin(angles[r]))) << "round " << round << " angle " << r;
    }
  }
  angles.push_back(Real(0.5));  // a different gate count starts over
  trig.update(angles.data(), static_cast<int>(angles.size()));
  EXPECT_TRUE(same_bits(trig.sin()[4], exact::sin(Real(0.5))));
}

TEST(QuantumStack, GatesFollowOptimiserSteps) {
  const Dataset iris = load_iris();
  Model m = hybrid();
  TrainOptions options;
  options.threads = 1;
  Trainer trainer(m, iris, iris, options);
  const std::vector<Real> before(m.quantum_stack()->layer_angles(0),
                                 m.quantum_stack()->layer_angles(0) + m.quantum_stack()->gates_per_layer());
  for (int step = 0; step < 3; ++step) {
    trainer.step();
    m.forward(iris.features);
    expect_fresh_gates(*m.quantum_stack(), "an optimiser step");
  }
  EXPECT_NE(std::vector<Real>(m.quantum_stack()->layer_angles(0),
                              m.quantum_stack()->layer_angles(0) + m.quantum_stack()->gates_per_layer()),
            before)
      << "the steps must have moved the angles for this test to mean anything";
}

TEST(QuantumStack, GatesFollowEveryParameterAttack) {
  const Dataset iris = load_iris();
  for (AttackForm form : {AttackForm::inside, AttackForm::outside})
    for (AttackMode mode : {AttackMode::persistent, AttackMode::transient, AttackMode::fixed}) {
      Model m = hybrid(ModelKind::qrfnn);
      m.forward(iris.features);  // fills the cache with the clean angles
      AttackOptions a;
      a.form = form;
      a.mode = mode;
      a.magnitude = 0.3;
      a.layer_list = {1};
      m.set_attack(a);
      for (int step = 0; step < 2; ++step) {
        m.forward(iris.features);
        expect_fresh_gates(*m.quantum_stack(), "an attack");
        m.after_optimizer_step();
      }
      m.clear_attack();
      m.forward(iris.features);
      expect_fresh_gates(*m.quantum_stack(), "removing the attack");
    }
}

TEST(QuantumStack, GatesFollowAnglesWrittenThroughParameterBlocks) {
  // Model files, checkpoints and the playground's controls write the angles in
  // place through the parameter blocks.
  const Dataset iris = load_iris();
  Model m = hybrid();
  m.forward(iris.features);
  for (const ParamBlock& b : m.params())
    if (b.kind == ParamKind::angle)
      for (int i = 0; i < b.size; ++i) b.value[i] = Real(0.25) * Real(i) - Real(1);
  m.forward(iris.features);
  expect_fresh_gates(*m.quantum_stack(), "writing the parameter blocks");
  m.quantum_stack()->layer_angles(1)[2] = -Real(0);
  m.forward(iris.features);
  expect_fresh_gates(*m.quantum_stack(), "writing one angle");
}
