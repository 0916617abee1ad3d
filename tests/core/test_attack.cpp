// Parameter attacks: form ① keeps every gate a rotation, form ② does not;
// persistent attacks change stored parameters, transient ones never do.
#include <gtest/gtest.h>

#include <cmath>

#include "core/attack.hpp"
#include "core/linear.hpp"
#include "core/model.hpp"
#include "core/trainer.hpp"
#include "data/csv_loader.hpp"

using namespace hqnn;

namespace {

std::vector<Real> stored_params(Model& m) {
  std::vector<Real> v;
  for (const auto& b : m.params()) v.insert(v.end(), b.value, b.value + b.size);
  return v;
}

// max |UᵀU - I| of layer l's gates in the last forward pass, from the gate entries
double orthogonality_error(const QuantumStack& q, int l) {
  double worst = 0;
  const GivensGates& g = q.gates(l);
  for (int r = 0; r < g.count(); ++r) worst = std::max(worst, std::abs(double(g.c[r]) * g.c[r] + double(g.s[r]) * g.s[r] - 1.0));
  return worst;
}

Model model_of(ModelKind kind) {
  ModelOptions mo;
  mo.kind = kind;
  mo.layers = 3;
  return Model(mo, 4, 3);
}

TEST(Attack, InsideFormKeepsEveryGateARotation) {
  Model m = model_of(ModelKind::qdfnn);
  AttackOptions a;
  a.form = AttackForm::inside;
  a.mode = AttackMode::transient;
  a.layers = 3;
  a.magnitude = 0.5;
  m.set_attack(a);
  m.forward(load_iris().features);
  for (int l = 0; l < 3; ++l) EXPECT_LT(orthogonality_error(*m.quantum_stack(), l), 1e-6);
}

TEST(Attack, OutsideFormBreaksOrthogonalityOfAttackedLayersOnly) {
  Model m = model_of(ModelKind::qrfnn);
  AttackOptions a;
  a.form = AttackForm::outside;
  a.mode = AttackMode::transient;
  a.layer_list = {1};
  a.magnitude = 0.2;
  m.set_attack(a);
  m.forward(load_iris().features);
  EXPECT_LT(orthogonality_error(*m.quantum_stack(), 0), 1e-6);
  EXPECT_GT(orthogonality_error(*m.quantum_stack(), 1), 1e-3);
  EXPECT_LT(orthogonality_error(*m.quantum_stack(), 2), 1e-6);
}

TEST(Attack, TransientNeverChangesStoredParametersButChangesOutputs) {
  for (ModelKind kind : {ModelKind::qdfnn, ModelKind::mlp_leaky}) {
    for (AttackForm form : {AttackForm::inside, AttackForm::outside}) {
      Model m = model_of(kind);
      const Matrix x = load_iris().features;
      const Matrix clean = m.forward(x);
      const auto before = stored_params(m);
      AttackOptions a;
      a.form = form;
      a.mode = AttackMode::transient;
      a.layers = 2;
      a.magnitude = 0.3;
      m.set_attack(a);
      const Matrix first = m.forward(x);
      const Matrix second = m.forward(x);
      EXPECT_EQ(stored_params(m), before) << enum_name(kind);
      EXPECT_GT((first - clean).cwiseAbs().maxCoeff(), 1e-4) << enum_name(kind);
      EXPECT_GT((first - second).cwiseAbs().maxCoeff(), 1e-4) << "redrawn at each forward pass";
      m.clear_attack();
      EXPECT_EQ((m.forward(x) - clean).cwiseAbs().maxCoeff(), 0.0) << "removing the attack restores the model";
    }
  }
}

TEST(Attack, KeepAttackDrawsReusesTheLastEpsilonAndDrawsNothing) {
  for (ModelKind kind : {ModelKind::qdfnn, ModelKind::mlp_leaky}) {
    const Matrix x = load_iris().features;
    AttackOptions a;
    a.form = AttackForm::outside;
    a.mode = AttackMode::transient;
    a.magnitude = 0.3;
    Model watched = model_of(kind), plain = model_of(kind);
    watched.set_attack(a);
    plain.set_attack(a);
    const Matrix first = watched.forward(x);
    plain.forward(x);
    {
      const Model::KeepAttackDraws keep(watched);
      for (int i = 0; i < 3; ++i)
        EXPECT_EQ((watched.forward(x) - first).cwiseAbs().maxCoeff(), 0.0) << "the last ε is kept";
    }
    // The generator did not move: the next draw is the one the unwatched model makes.
    EXPECT_EQ((watched.forward(x) - plain.forward(x)).cwiseAbs().maxCoeff(), 0.0) << enum_name(kind);
  }
}

TEST(Attack, PersistentInsideFormAccumulatesIntoStoredParameters) {
  for (ModelKind kind : {ModelKind::qrfnn, ModelKind::mlp_rot}) {
    Model m = model_of(kind);
    const auto before = stored_params(m);
    AttackOptions a;
    a.form = AttackForm::inside;
    a.mode = AttackMode::persistent;
    a.layer_list = {0};
    m.set_attack(a);
    m.forward(load_iris().features);
    EXPECT_EQ(stored_params(m), before) << "nothing happens before an optimiser step";
    m.after_optimizer_step();
    const auto after = stored_params(m);
    size_t changed = 0;
    for (size_t i = 0; i < before.size(); ++i) changed += before[i] != after[i];
    const size_t expected = kind == ModelKind::qrfnn ? 5u /* 2n-3 angles of layer 0 */ : 16u /* fc0.weight 4x4 */;
    EXPECT_EQ(changed, expected) << enum_name(kind);
  }
}

TEST(Attack, PersistentOutsideFormAccumulatesOffsetsNotParameters) {
  Model m = model_of(ModelKind::mlp_leaky);
  const auto before = stored_params(m);
  AttackOptions a;
  a.form = AttackForm::outside;
  a.noise = NoiseKind::uniform_asym;
  a.magnitude = 0.1;
  a.layer_list = {2};
  m.set_attack(a);
  m.after_optimizer_step();
  const RowVector one = m.hidden_output_offset(2);
  m.after_optimizer_step();
  const RowVector two = m.hidden_output_offset(2);
  EXPECT_EQ(stored_params(m), before);
  EXPECT_GT(two.sum(), one.sum());  // asymmetric noise drifts one way
  EXPECT_GT(one.minCoeff(), 0.0f);
}

TEST(Attack, RandomLayerChoiceIsSeededAndBadListsAreRefused) {
  Model m = model_of(ModelKind::qdfnn);
  AttackOptions a;
  a.layers = 2;
  a.seed = 9;
  m.set_attack(a);
  const auto first = m.attack()->attacked_layers();
  m.set_attack(a);
  EXPECT_EQ(m.attack()->attacked_layers(), first);
  EXPECT_EQ(first.size(), 2u);
  a.layer_list = {3};
  EXPECT_THROW(m.set_attack(a), InputError);
  a.layer_list.clear();
  a.magnitude = -1;
  EXPECT_THROW(m.set_attack(a), InputError);
}

TEST(Attack, PersistentAsymmetricAttackDrivesAClassicalModelToNanAndTrainingCompletes) {
  const Dataset iris = load_iris();
  ModelOptions mo;
  mo.kind = ModelKind::mlp_leaky;
  Model m(mo, 4, 3);
  AttackOptions a;
  a.form = AttackForm::inside;
  a.noise = NoiseKind::gaussian_asym;
  a.magnitude = 1e36;  // overflows float weights within a few steps
  a.layers = 2;
  m.set_attack(a);
  TrainOptions to;
  to.epochs = 3;
  Trainer t(m, iris, iris, to);
  t.run();
  ASSERT_EQ(t.history().size(), 3u);
  EXPECT_FALSE(t.history().back().finite);
  EXPECT_TRUE(std::isnan(t.history().back().train_loss) || std::isinf(t.history().back().train_loss));
  EXPECT_GE(t.history().back().test_accuracy, 0.0);  // measured, not a crash
}

}  // namespace

namespace {
TEST(Attack, PersistentInsideFormKeepsAnglesFiniteAndWrapped) {
  Model m = model_of(ModelKind::qdfnn);
  AttackOptions a;
  a.form = AttackForm::inside;
  a.mode = AttackMode::persistent;
  a.magnitude = 1e30;
  a.layers = 3;
  m.set_attack(a);
  for (int i = 0; i < 5; ++i) m.after_optimizer_step();
  for (const auto& b : m.params())
    if (b.kind == ParamKind::angle)
      for (Index k = 0; k < b.size; ++k) {
        EXPECT_TRUE(std::isfinite(b.value[k]));
        EXPECT_LE(std::abs(b.value[k]), Real(kPi) + 1e-5f);
      }
  EXPECT_TRUE(m.forward(load_iris().features).allFinite());
}
}  // namespace

// The "fixed" reading of Sec. 5.2: one ε, drawn when the attack starts, held.
namespace {

Json offsets_of(Model& m) { return m.attack_state_json().at("offsets"); }

TEST(Attack, ModeNamesRoundTripThroughOneTable) {
  for (AttackMode mode : enum_values<AttackMode>()) EXPECT_EQ(parse_enum<AttackMode>(enum_name(mode)), mode);
  EXPECT_EQ(enum_values<AttackMode>().size(), 3u);
  EXPECT_EQ(parse_enum<AttackMode>("fixed"), AttackMode::fixed);
  EXPECT_FALSE(parse_enum<AttackMode>("Fixed").has_value());
  EXPECT_EQ(enum_name_list<AttackMode>(", ", " or "), "persistent, transient or fixed");
  EXPECT_EQ(parse_enum<AttackForm>("2"), AttackForm::outside);
  EXPECT_STREQ(enum_name(AttackForm::outside), "outside");
}

TEST(Attack, FixedModeHoldsOneEpsilonAcrossStepsAndForwardPasses) {
  for (ModelKind kind : {ModelKind::qdfnn, ModelKind::mlp_leaky}) {
    for (AttackForm form : {AttackForm::inside, AttackForm::outside}) {
      Model m = model_of(kind);
      const Matrix x = load_iris().features;
      const Matrix clean = m.forward(x);
      const auto before = stored_params(m);
      AttackOptions a;
      a.form = form;
      a.mode = AttackMode::fixed;
      a.layers = 2;
      a.magnitude = 0.3;
      m.set_attack(a);
      const std::string drawn = offsets_of(m).dump();
      const Matrix first = m.forward(x);
      for (int step = 0; step < 3; ++step) m.after_optimizer_step();
      const Matrix later = m.forward(x);
      const std::string label = std::string(enum_name(kind)) + " " + enum_name(form);
      EXPECT_GT((first - clean).cwiseAbs().maxCoeff(), 1e-4) << label << ": ε is installed before the first pass";
      EXPECT_EQ((later - first).cwiseAbs().maxCoeff(), 0.0) << label << ": the same ε after steps and passes";
      EXPECT_EQ(offsets_of(m).dump(), drawn) << label << ": nothing accumulated, nothing redrawn";
      EXPECT_EQ(stored_params(m), before) << label << ": stored parameters untouched";
    }
  }
}

TEST(Attack, FixedInsideFormKeepsRotationsOutsideFormBreaksThem) {
  for (AttackForm form : {AttackForm::inside, AttackForm::outside}) {
    Model m = model_of(ModelKind::qrfnn);
    AttackOptions a;
    a.form = form;
    a.mode = AttackMode::fixed;
    a.layer_list = {1};
    a.magnitude = 0.2;
    m.set_attack(a);
    m.forward(load_iris().features);
    EXPECT_LT(orthogonality_error(*m.quantum_stack(), 0), 1e-6);
    if (form == AttackForm::inside)
      EXPECT_LT(orthogonality_error(*m.quantum_stack(), 1), 1e-6);
    else
      EXPECT_GT(orthogonality_error(*m.quantum_stack(), 1), 1e-3);
  }
}

// Train, save (parameters, trainer, attack) part-way, resume in a fresh model:
// the resumed run is the straight one bit for bit.
void expect_fixed_attack_resume_is_bit_identical(ModelKind kind, AttackForm form) {
  const Dataset iris = load_iris();
  const TrainTestSplit split = stratified_split(iris, 0.3, 5);
  ModelOptions mo;
  mo.kind = kind;
  mo.layers = 3;
  TrainOptions to;
  to.epochs = 4;
  AttackOptions a;
  a.form = form;
  a.mode = AttackMode::fixed;
  a.noise = NoiseKind::gaussian_asym;  // normal draws: the generator's cached draw matters
  a.magnitude = 0.2;
  a.layer_list = {0, 2};

  Model clean(mo, 4, 3), straight(mo, 4, 3);
  straight.set_attack(a);
  Trainer t0(clean, split.train, split.test, to), t1(straight, split.train, split.test, to);
  t0.run();
  t1.run();
  EXPECT_NE(t0.history().back().test_loss, t1.history().back().test_loss) << "the attack changes the run";

  Model first(mo, 4, 3);
  first.set_attack(a);
  Trainer t2(first, split.train, split.test, to);
  for (int i = 0; i < 9; ++i) t2.step();
  const std::string trainer_state = t2.state_json().dump(), attack_state = first.attack_state_json().dump();
  Model resumed(mo, 4, 3);
  a.seed = 77;  // another first draw: only the saved state can make the runs equal
  resumed.set_attack(a);
  const std::vector<ParamBlock> from = first.params(), to_blocks = resumed.params();
  for (size_t b = 0; b < from.size(); ++b) std::copy(from[b].value, from[b].value + from[b].size, to_blocks[b].value);
  Trainer t3(resumed, split.train, split.test, to);
  t3.load_state(Json::parse(trainer_state));
  resumed.load_attack_state(Json::parse(attack_state));
  while (!t3.done()) t3.step();
  EXPECT_EQ(stored_params(resumed), stored_params(straight)) << enum_name(kind);
  ASSERT_EQ(t1.history().size(), t3.history().size());
  for (size_t e = 0; e < t1.history().size(); ++e) EXPECT_EQ(t1.history()[e].test_loss, t3.history()[e].test_loss);
}

TEST(Attack, ResumeUnderFixedAttackIsBitIdentical) {
  expect_fixed_attack_resume_is_bit_identical(ModelKind::qdfnn, AttackForm::inside);
  expect_fixed_attack_resume_is_bit_identical(ModelKind::mlp_leaky, AttackForm::outside);
}

}  // namespace
