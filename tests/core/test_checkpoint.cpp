// save → load → continue training gives the same result as training without
// interruption, optimiser state and shuffling included.
#include <gtest/gtest.h>

#include <cstring>
#include <sstream>

#include "core/attack.hpp"
#include "core/model_io.hpp"
#include "core/state_json.hpp"
#include "core/trainer.hpp"
#include "data/csv_loader.hpp"
#include "../same_bits.hpp"

using namespace hqnn;
using namespace hqnn::test;

namespace {

std::vector<Real> params_of(Model& m) {
  std::vector<Real> v;
  for (const auto& b : m.params()) v.insert(v.end(), b.value, b.value + b.size);
  return v;
}

void check_resume(OptimizerKind kind, int steps_before_save) {
  const Dataset iris = load_iris();
  const TrainTestSplit split = stratified_split(iris, 0.3, 2);
  ModelOptions mo;
  mo.kind = ModelKind::qdfnn;
  mo.layers = 3;
  TrainOptions to;
  to.epochs = 6;
  to.optimizer.kind = kind;
  to.optimizer.lr = kind == OptimizerKind::sgd ? 0.05 : 0.01;

  Model straight(mo, 4, 3);
  Trainer t1(straight, split.train, split.test, to);
  t1.run();

  Model first(mo, 4, 3);
  Trainer t2(first, split.train, split.test, to);
  for (int i = 0; i < steps_before_save; ++i) t2.step();
  ModelInfo info;
  info.class_names = iris.class_names;
  const std::string model_text = model_to_json(first, info).dump();
  const std::string state_text = t2.state_json().dump();

  auto resumed = model_from_json(Json::parse(model_text), nullptr);
  Trainer t3(*resumed, split.train, split.test, to);
  t3.load_state(Json::parse(state_text));
  while (!t3.done()) t3.step();

  const auto a = params_of(straight), b = params_of(*resumed);
  ASSERT_EQ(a.size(), b.size());
  EXPECT_EQ(0, std::memcmp(a.data(), b.data(), a.size() * sizeof(Real)));
  ASSERT_EQ(t1.history().size(), t3.history().size());
  for (size_t e = 0; e < t1.history().size(); ++e) EXPECT_EQ(t1.history()[e].test_loss, t3.history()[e].test_loss);
}

TEST(Checkpoint, ResumeAtAnEpochBoundaryIsBitIdentical) { check_resume(OptimizerKind::adam, 2 * 7); }
TEST(Checkpoint, ResumeInTheMiddleOfAnEpochIsBitIdentical) { check_resume(OptimizerKind::adam, 10); }
TEST(Checkpoint, SgdMomentumStateIsKept) { check_resume(OptimizerKind::sgd, 9); }

TEST(Checkpoint, StateForOtherDataIsRefused) {
  const Dataset iris = load_iris();
  ModelOptions mo;
  Model m(mo, 4, 3);
  TrainOptions to;
  Trainer t(m, iris, iris, to);
  t.step();
  const Json state = t.state_json();
  const TrainTestSplit split = stratified_split(iris, 0.3, 1);
  Trainer other(m, split.train, split.test, to);
  EXPECT_THROW(other.load_state(state), InputError);
}

}  // namespace

namespace {
TEST(Checkpoint, BrokenStatesAreRefusedAndLeaveTheTrainerAsItWas) {
  const Dataset iris = load_iris();
  ModelOptions mo;
  Model m(mo, 4, 3);
  TrainOptions to;
  Trainer t(m, iris, iris, to);
  for (int i = 0; i < 3; ++i) t.step();
  const Json good = t.state_json();
  auto broken = [&](const std::string& key, Json value) {
    Json j = good;
    j.set(key, std::move(value));
    return j;
  };
  Json optimizer = *good.get("optimizer");
  Json empty_v = optimizer;
  empty_v.set("v", Json::array());
  EXPECT_THROW(t.load_state(broken("optimizer", empty_v)), InputError);
  EXPECT_THROW(t.load_state(broken("cursor", 150)), InputError);
  Json twice = Json::array();
  for (int i = 0; i < 150; ++i) twice.push(0);
  EXPECT_THROW(t.load_state(broken("order", twice)), InputError);
  Json bad_steps = optimizer;
  bad_steps.set("steps", Json());
  EXPECT_THROW(t.load_state(broken("optimizer", bad_steps)), InputError);
  EXPECT_EQ(t.state_json().dump(), good.dump());  // nothing was half-restored
}
}  // namespace

// [SECTION] Resuming attacked and diverged runs

namespace {

void expect_same_history(const std::vector<EpochRecord>& a, const std::vector<EpochRecord>& b) {
  ASSERT_EQ(a.size(), b.size());
  for (size_t e = 0; e < a.size(); ++e) {
    EXPECT_TRUE(same_bits(a[e].train_loss, b[e].train_loss)) << "epoch " << e + 1;
    EXPECT_TRUE(same_bits(a[e].test_loss, b[e].test_loss)) << "epoch " << e + 1;
    EXPECT_EQ(a[e].finite, b[e].finite) << "epoch " << e + 1;
    ASSERT_EQ(a[e].grad_norm_mean.size(), b[e].grad_norm_mean.size());
    for (size_t i = 0; i < a[e].grad_norm_mean.size(); ++i) {
      EXPECT_TRUE(same_bits(a[e].grad_norm_mean[i], b[e].grad_norm_mean[i])) << "epoch " << e + 1 << " block " << i;
      EXPECT_TRUE(same_bits(a[e].grad_norm_max[i], b[e].grad_norm_max[i])) << "epoch " << e + 1 << " block " << i;
    }
  }
}

// Trains straight through, and again with a save after `steps_before_save`
// steps (parameters, trainer and attack state through JSON text) and a resume
// into fresh objects; both must agree bit for bit.
void check_resume_under_attack(ModelKind kind, const AttackOptions& attack, int steps_before_save, TrainOptions to,
                               bool expect_divergence = false) {
  const Dataset iris = load_iris();
  const TrainTestSplit split = stratified_split(iris, 0.3, 3);
  ModelOptions mo;
  mo.kind = kind;
  mo.layers = 3;
  to.epochs = 5;

  Model straight(mo, 4, 3);
  straight.set_attack(attack);
  Trainer t1(straight, split.train, split.test, to);
  t1.run();

  Model first(mo, 4, 3);
  first.set_attack(attack);
  Trainer t2(first, split.train, split.test, to);
  for (int i = 0; i < steps_before_save; ++i) t2.step();
  Json params = Json::array();
  for (const auto& b : first.params()) params.push(exact_numbers(b.value, static_cast<size_t>(b.size)));
  const std::string saved = params.dump() + "\n" + t2.state_json().dump() + "\n" + first.attack_state_json().dump();

  std::istringstream lines(saved);
  std::string p_text, t_text, a_text;
  std::getline(lines, p_text), std::getline(lines, t_text), std::getline(lines, a_text);
  Model resumed(mo, 4, 3);
  resumed.set_attack(attack);
  const Json saved_params = Json::parse(p_text);
  const auto& blocks = saved_params.items();
  for (size_t i = 0; i < blocks.size(); ++i) {
    const std::vector<double> v = exact_numbers_of(blocks[i], "params");
    std::copy(v.begin(), v.end(), resumed.params()[i].value);
  }
  Trainer t3(resumed, split.train, split.test, to);
  t3.load_state(Json::parse(t_text));
  resumed.load_attack_state(Json::parse(a_text));
  while (!t3.done()) t3.step();

  const auto a = params_of(straight), b = params_of(resumed);
  ASSERT_EQ(a.size(), b.size());
  EXPECT_EQ(0, std::memcmp(a.data(), b.data(), a.size() * sizeof(Real)));
  expect_same_history(t1.history(), t3.history());
  bool diverged = false;
  for (const auto& r : t1.history()) diverged |= !r.finite;
  EXPECT_EQ(diverged, expect_divergence);
}

AttackOptions attack_of(AttackForm form, AttackMode mode, double magnitude) {
  AttackOptions a;
  a.form = form;
  a.mode = mode;
  a.noise = NoiseKind::gaussian_asym;  // normal draws: the generator's cached draw matters
  a.magnitude = magnitude;
  a.layers = 2;
  return a;
}

TEST(Checkpoint, ResumeUnderPersistentOutsideAttackOnAHybridIsBitIdentical) {
  check_resume_under_attack(ModelKind::qdfnn, attack_of(AttackForm::outside, AttackMode::persistent, 0.02), 11, {});
}

TEST(Checkpoint, ResumeUnderTransientAttackOnAClassicalModelIsBitIdentical) {
  check_resume_under_attack(ModelKind::mlp_leaky, attack_of(AttackForm::inside, AttackMode::transient, 0.1), 9, {});
}

TEST(Checkpoint, ResumeUnderPersistentOutsideAttackOnAClassicalModelIsBitIdentical) {
  check_resume_under_attack(ModelKind::mlp_rot, attack_of(AttackForm::outside, AttackMode::persistent, 0.05), 13, {});
}

TEST(Checkpoint, ResumeAfterDivergenceKeepsTheNaNs) {
  TrainOptions to;
  to.optimizer.kind = OptimizerKind::sgd;
  to.optimizer.lr = 10;
  check_resume_under_attack(ModelKind::mlp_leaky, attack_of(AttackForm::outside, AttackMode::persistent, 1e6), 12,
                            to, /*expect_divergence=*/true);
}

TEST(Checkpoint, AttackStateForOtherLayersIsRefused) {
  ModelOptions mo;
  mo.layers = 3;
  Model m(mo, 4, 3);
  AttackOptions a = attack_of(AttackForm::outside, AttackMode::persistent, 0.1);
  a.layer_list = {0};
  m.set_attack(a);
  const Json state = m.attack_state_json();
  a.layer_list = {1};
  Model other(mo, 4, 3);
  other.set_attack(a);
  EXPECT_THROW(other.load_attack_state(state), InputError);
  Model unattacked(mo, 4, 3);
  EXPECT_THROW(unattacked.load_attack_state(state), InputError);
}

}  // namespace
