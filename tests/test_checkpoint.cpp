// save → load → continue training gives the same result as training without
// interruption, optimiser state and shuffling included.
#include <gtest/gtest.h>

#include <cstring>

#include "core/model_io.hpp"
#include "core/trainer.hpp"
#include "data/csv_loader.hpp"

using namespace hqnn;

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
