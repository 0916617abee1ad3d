// The naive softmax (for the NaN experiment only): NaN where the stable loss
// is finite once a logit overflows exp in float, the same loss where it does
// not; and the largest |logit| of each training step is logged.
#include <gtest/gtest.h>

#include <cmath>

#include "core/model.hpp"
#include "core/trainer.hpp"
#include "data/csv_loader.hpp"

using namespace hqnn;

TEST(SoftmaxLoss, NamesRoundTripAndStableIsTheDefault) {
  for (SoftmaxLoss l : {SoftmaxLoss::stable, SoftmaxLoss::naive}) EXPECT_EQ(parse_enum<SoftmaxLoss>(enum_name(l)), l);
  EXPECT_EQ(TrainOptions{}.loss, SoftmaxLoss::stable);
}

TEST(SoftmaxLoss, NaiveGivesNaNWhereStableIsFinite) {
  Matrix logits(2, 3);
  logits << 100, 0, -3,   // exp(100) overflows float: p_0 = inf / inf (p_1 = 1 / inf = 0 would give inf)
            1, 2, 0.5f;
  const std::vector<int> y = {0, 2};
  Matrix gs, gn;
  const double stable = softmax_cross_entropy(logits, y, &gs, SoftmaxLoss::stable);
  const double naive = softmax_cross_entropy(logits, y, &gn, SoftmaxLoss::naive);
  EXPECT_TRUE(std::isfinite(stable));
  EXPECT_NEAR(stable, (std::log1p(std::exp(-100.0) + std::exp(-103.0)) +
                       (std::log(std::exp(1.0) + std::exp(2.0) + std::exp(0.5)) - 0.5)) / 2, 1e-5);
  EXPECT_TRUE(std::isnan(naive));
  EXPECT_TRUE(gs.allFinite());
  EXPECT_TRUE(std::isnan(gn(0, 0)));
}

TEST(SoftmaxLoss, NaiveEqualsStableForModerateLogits) {
  Matrix logits(2, 3);
  logits << 3, -1, 0.25f, 1, 2, 0.5f;
  const std::vector<int> y = {0, 2};
  Matrix gs, gn;
  EXPECT_NEAR(softmax_cross_entropy(logits, y, &gs, SoftmaxLoss::stable),
              softmax_cross_entropy(logits, y, &gn, SoftmaxLoss::naive), 1e-6);
  EXPECT_TRUE(gs.isApprox(gn, 1e-5f));
}

// Through training: an output bias of 100 on one class makes the first naive
// step's loss NaN; the stable step stays finite; both log |logit| >= 100.
TEST(SoftmaxLoss, NaiveTrainingStepTurnsNaNWhereStableDoesNot) {
  const Dataset iris = load_iris();
  for (SoftmaxLoss loss : {SoftmaxLoss::stable, SoftmaxLoss::naive}) {
    ModelOptions mo;
    mo.kind = ModelKind::mlp_leaky;
    Model model(mo, 4, 3);
    for (auto& b : model.params())
      if (b.name == "out.bias") b.value[0] = 100;
    TrainOptions to;
    to.epochs = 1;
    to.threads = 1;
    to.loss = loss;
    Trainer trainer(model, iris, iris, to);
    trainer.step();
    EXPECT_EQ(std::isnan(trainer.last_batch_loss()), loss == SoftmaxLoss::naive) << enum_name(loss);
    EXPECT_GE(model.last_max_abs_logit(), 100.0);
    trainer.run_epoch();
    EXPECT_GE(trainer.history().back().max_abs_logit, 100.0);
  }
}
