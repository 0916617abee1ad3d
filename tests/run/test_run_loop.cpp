// The run loop (run/run_loop.hpp): seeded runs repeat bit for bit, whether
// driven to the end or in time slices; each epoch evaluates the test set once
// (as Trainer::run does, so a transient attack draws the same ε); divergence
// names the block; the attack starts at its epoch.
#include <gtest/gtest.h>

#include <cstring>

#include "run/options/option_table.hpp"
#include "run/run_loop.hpp"
#include "../same_bits.hpp"

using namespace hqnn;
using namespace hqnn::test;
using namespace hqnn::run;

namespace {

RunSpec spec_of(const std::vector<std::string>& argv) { return parse_command_line(argv, kTrain, {}).spec; }

void expect_same_curves(const std::vector<EpochRecord>& a, const std::vector<EpochRecord>& b) {
  ASSERT_EQ(a.size(), b.size());
  for (size_t e = 0; e < a.size(); ++e) {
    EXPECT_TRUE(same_bits(a[e].train_loss, b[e].train_loss)) << "epoch " << e + 1;
    EXPECT_TRUE(same_bits(a[e].test_loss, b[e].test_loss)) << "epoch " << e + 1;
    EXPECT_TRUE(same_bits(a[e].test_accuracy, b[e].test_accuracy)) << "epoch " << e + 1;
    ASSERT_EQ(a[e].grad_norm_mean.size(), b[e].grad_norm_mean.size());
    for (size_t i = 0; i < a[e].grad_norm_mean.size(); ++i)
      EXPECT_TRUE(same_bits(a[e].grad_norm_mean[i], b[e].grad_norm_mean[i]));
  }
}

std::vector<EpochRecord> to_the_end(const RunSpec& spec) {
  RunLoop loop(spec, prepare_data(spec));
  while (!loop.done()) loop.step();
  return loop.history();
}

}  // namespace

TEST(RunLoop, TimeSlicesGiveTheRunDrivenToTheEnd) {
  const RunSpec spec = spec_of({"--model", "qrfnn", "--epochs", "6", "--noise", "mixed-sym", "--attack-form", "2",
                                "--attack-mode", "transient", "--scale", "minmax"});
  RunLoop sliced(spec, prepare_data(spec));
  int epochs_seen = 0;
  while (!sliced.done()) epochs_seen += sliced.step_for(0.05);
  EXPECT_EQ(epochs_seen, 6);
  expect_same_curves(sliced.history(), to_the_end(spec));
  expect_same_curves(to_the_end(spec), to_the_end(spec));
}

TEST(RunLoop, OneTestEvaluationPerEpochDrawsTheTrainersAttackSequence) {
  // Trainer::run evaluates the training set, then the test set, once per
  // epoch. Under a transient attack each pass draws ε, so any extra
  // evaluation would shift every later curve value.
  const RunSpec spec = spec_of({"--model", "qdfnn", "--epochs", "5", "--attack-form", "1", "--attack-mode", "transient",
                                "--attack-magnitude", "0.5"});
  const PreparedData data = prepare_data(spec);
  Model model(spec.model, data.train.feature_count(), data.train.class_count());
  model.set_attack(*spec.attack);
  Trainer trainer(model, data.train, data.test, spec.train);
  trainer.run();
  RunLoop loop(spec, data);
  while (!loop.done()) loop.step();
  expect_same_curves(loop.history(), trainer.history());
  EXPECT_EQ(loop.reports().size(), 5u);
  EXPECT_EQ(loop.reports().back().accuracy, loop.history().back().test_accuracy);
}

TEST(RunLoop, DivergenceNamesTheFirstNonFiniteBlockOnce) {
  const RunSpec spec = spec_of({"--model", "mlp-leaky", "--epochs", "3", "--scale", "none", "--attack-form", "1",
                                "--attack-noise", "gaussian-asym", "--attack-magnitude", "1e37"});
  RunLoop loop(spec, prepare_data(spec));
  while (!loop.done()) loop.step();
  const Divergence& d = loop.divergence();
  ASSERT_TRUE(d.diverged);
  EXPECT_EQ(d.epoch, 1);
  EXPECT_FALSE(d.block.empty());
  EXPECT_TRUE(d.what == "gradient" || d.what == "parameter") << d.what;
  const RunResult r = loop.finish();
  EXPECT_EQ(r.divergence.step, d.step);  // kept, not overwritten by later steps
}

TEST(RunLoop, TheAttackStartsAtItsEpoch) {
  const std::vector<std::string> base = {"--model", "qdfnn", "--epochs", "4"};
  std::vector<std::string> attacked = base;
  for (const char* a : {"--attack-form", "2", "--attack-magnitude", "0.3", "--attack-epoch", "2"}) attacked.push_back(a);
  const RunSpec spec = spec_of(attacked);
  RunLoop loop(spec, prepare_data(spec));
  while (loop.epoch() < 2) {
    loop.step();
    EXPECT_FALSE(loop.attack_installed() && loop.epoch() < 2);
  }
  while (!loop.done()) loop.step();
  EXPECT_TRUE(loop.attack_installed());
  const std::vector<EpochRecord> plain = to_the_end(spec_of(base));
  std::vector<EpochRecord> first_two(loop.history().begin(), loop.history().begin() + 2);
  expect_same_curves(first_two, std::vector<EpochRecord>(plain.begin(), plain.begin() + 2));
  EXPECT_FALSE(same_bits(loop.history()[3].train_loss, plain[3].train_loss));
}
