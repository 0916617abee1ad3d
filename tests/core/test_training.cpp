// Training converges on iris, and the same seed gives the same numbers bit for bit.
#include <gtest/gtest.h>

#include <cstring>

#include "core/trainer.hpp"
#include "data/csv_loader.hpp"

using namespace hqnn;

namespace {

struct TrainedRun {
  std::vector<EpochRecord> history;
  std::vector<float> params;
};

TrainedRun train_iris(ModelKind kind, uint64_t seed, int epochs = 100) {
  const Dataset iris = load_iris();
  const TrainTestSplit split = stratified_split(iris, 0.3, seed);
  ModelOptions mo;
  mo.kind = kind;
  mo.seed = seed;
  Model model(mo, iris.feature_count(), iris.class_count());
  TrainOptions to;
  to.epochs = epochs;
  to.seed = seed;
  Trainer trainer(model, split.train, split.test, to);
  trainer.run();
  TrainedRun r;
  r.history = trainer.history();
  for (const auto& b : model.params()) r.params.insert(r.params.end(), b.value, b.value + b.size);
  return r;
}

TEST(Training, QdfnnReachesNinetyPercentOnIris) {
  const TrainedRun r = train_iris(ModelKind::qdfnn, 1);
  EXPECT_GE(r.history.back().test_accuracy, 0.90);
  EXPECT_LT(r.history.back().train_loss, r.history.front().train_loss);
}

TEST(Training, QrfnnReachesNinetyPercentOnIris) {
  const TrainedRun r = train_iris(ModelKind::qrfnn, 1);
  EXPECT_GE(r.history.back().test_accuracy, 0.90);
}

TEST(Training, SameSeedGivesBitIdenticalResults) {
  for (ModelKind kind : {ModelKind::qdfnn, ModelKind::mlp_leaky}) {
    const TrainedRun a = train_iris(kind, 7, 20), b = train_iris(kind, 7, 20);
    ASSERT_EQ(a.params.size(), b.params.size());
    EXPECT_EQ(0, std::memcmp(a.params.data(), b.params.data(), a.params.size() * sizeof(float)));
    for (size_t e = 0; e < a.history.size(); ++e) {
      EXPECT_EQ(a.history[e].test_loss, b.history[e].test_loss);
      EXPECT_EQ(a.history[e].train_loss, b.history[e].train_loss);
      EXPECT_EQ(a.history[e].grad_norm_mean, b.history[e].grad_norm_mean);
    }
  }
}

TEST(Training, DifferentSeedsGiveDifferentRuns) {
  const TrainedRun a = train_iris(ModelKind::qdfnn, 1, 5), b = train_iris(ModelKind::qdfnn, 2, 5);
  EXPECT_NE(a.params, b.params);
}

TEST(Training, SgdWithMomentumAlsoLearnsIris) {
  const Dataset iris = load_iris();
  const TrainTestSplit split = stratified_split(iris, 0.3, 1);
  ModelOptions mo;
  mo.kind = ModelKind::qrfnn;
  Model model(mo, 4, 3);
  TrainOptions to;
  to.epochs = 100;
  to.optimizer.kind = OptimizerKind::sgd;
  to.optimizer.lr = 0.05;
  Trainer trainer(model, split.train, split.test, to);
  trainer.run();
  EXPECT_GE(trainer.history().back().test_accuracy, 0.80);
}

TEST(Training, GradientNormsAreRecordedPerParameterBlock) {
  const TrainedRun r = train_iris(ModelKind::qdfnn, 3, 3);
  // q.0.angles, q.0.lambda, q.1.angles, q.1.lambda, out.weight, out.bias
  ASSERT_EQ(r.history[0].grad_norm_mean.size(), 6u);
  for (size_t i = 0; i < 6; ++i) {
    EXPECT_GT(r.history[0].grad_norm_mean[i], 0.0);
    EXPECT_GE(r.history[0].grad_norm_max[i], r.history[0].grad_norm_mean[i]);
  }
}

TEST(Training, FixedLambdaStaysAtItsInitialValue) {
  const Dataset iris = load_iris();
  ModelOptions mo;
  mo.kind = ModelKind::qdfnn;
  mo.train_lambda = false;
  mo.lambda_init = 0.5;
  Model model(mo, 4, 3);
  TrainOptions to;
  to.epochs = 3;
  Trainer trainer(model, iris, iris, to);
  trainer.run();
  for (const auto& b : model.params())
    if (b.kind == ParamKind::lambda) {
      for (Index k = 0; k < b.size; ++k) EXPECT_EQ(b.value[k], 0.5f);
    }
}

TEST(Training, StepwiseTrainingMatchesRunEpoch) {
  const Dataset iris = load_iris();
  ModelOptions mo;
  Model m1(mo, 4, 3), m2(mo, 4, 3);
  TrainOptions to;
  to.epochs = 2;
  Trainer t1(m1, iris, iris, to), t2(m2, iris, iris, to);
  t1.run();
  int steps = 0;
  while (!t2.done()) t2.step(), ++steps;
  EXPECT_EQ(steps, 2 * ((150 + 15) / 16));
  EXPECT_EQ(t1.history().back().test_loss, t2.history().back().test_loss);
}

TEST(Training, BadOptionsAreRejectedWithAMessage) {
  const Dataset iris = load_iris();
  ModelOptions mo;
  Model model(mo, 4, 3);
  TrainOptions to;
  to.optimizer.lr = -1;
  EXPECT_THROW(Trainer(model, iris, iris, to), InputError);
  to.optimizer.lr = 0.01;
  to.batch = 0;
  EXPECT_THROW(Trainer(model, iris, iris, to), InputError);
  mo.layers = 0;
  EXPECT_THROW(Model(mo, 4, 3), InputError);
  mo.layers = 2;
  mo.width = 1;
  EXPECT_THROW(Model(mo, 4, 3), InputError);
}

}  // namespace
