// Train, then attack (run/train_then_attack.hpp): a cell started from the
// clean checkpoint is bit for bit the uninterrupted run whose attack starts
// after the clean epochs, and one checkpoint serves every cell unchanged.
#include <gtest/gtest.h>

#include "run/options/option_table.hpp"
#include "run/train_then_attack.hpp"
#include "../same_bits.hpp"

using namespace hqnn;
using namespace hqnn::test;
using namespace hqnn::run;

namespace {

RunSpec spec_of(const std::vector<std::string>& argv) { return parse_command_line(argv, kTrain, {}).spec; }

AttackOptions attack_of(AttackForm form, AttackMode mode, AttackScale scale) {
  AttackOptions a;
  a.form = form;
  a.mode = mode;
  a.noise = NoiseKind::gaussian_asym;
  a.magnitude = 0.2;
  a.seed = 5;
  a.scale = scale;
  return a;
}

// On the checkpoint's data: the split, noise and `auto` scaling are prepared once, for the clean run.
RunResult uninterrupted(const RunSpec& spec, const PreparedData& data) {
  RunLoop loop(spec, data);
  while (!loop.done()) loop.step();
  return loop.finish();
}

void expect_same_run(const RunResult& a, const RunResult& b) {
  ASSERT_EQ(a.history.size(), b.history.size());
  for (size_t e = 0; e < a.history.size(); ++e) {
    EXPECT_TRUE(same_bits(a.history[e].train_loss, b.history[e].train_loss)) << "epoch " << e + 1;
    EXPECT_TRUE(same_bits(a.history[e].test_accuracy, b.history[e].test_accuracy)) << "epoch " << e + 1;
    EXPECT_TRUE(same_bits(a.history[e].max_abs_logit, b.history[e].max_abs_logit)) << "epoch " << e + 1;
  }
  EXPECT_TRUE(same_bits(a.test_eval.loss, b.test_eval.loss));
  EXPECT_TRUE(bit_identical(a.test_eval.probabilities, b.test_eval.probabilities));
  EXPECT_EQ(a.attacked_layers, b.attacked_layers);
}

}  // namespace

TEST(TrainThenAttack, CellIsTheUninterruptedRunWithALateAttack) {
  struct Case {
    const char* model;
    AttackOptions attack;
  };
  const Case cases[] = {
      {"qrfnn", attack_of(AttackForm::inside, AttackMode::persistent, AttackScale::absolute)},
      {"mlp-res-tanh", attack_of(AttackForm::outside, AttackMode::transient, AttackScale::absolute)},
      {"mlp-dense-orth", attack_of(AttackForm::inside, AttackMode::persistent, AttackScale::relative)},
      {"mlp-leaky", attack_of(AttackForm::inside, AttackMode::fixed, AttackScale::relative)},
  };
  // With explicit scaling the data does not depend on the budget: prepared from the cell's own spec.
  {
    const RunSpec clean = spec_of({"--model", "mlp-res-orth", "--scale", "standard", "--seed", "4", "--threads", "1"});
    const AttackOptions a = attack_of(AttackForm::outside, AttackMode::persistent, AttackScale::relative);
    const AttackedCell cell = attack_from(pretrain(clean, 2), a, 2);
    const RunSpec whole = attacked_spec(clean, a, 2, 2);
    expect_same_run(cell.result, uninterrupted(whole, prepare_data(whole)));
  }
  for (const Case& c : cases) {
    SCOPED_TRACE(c.model);
    const RunSpec clean = spec_of({"--model", c.model, "--seed", "3", "--threads", "1"});
    const CleanCheckpoint checkpoint = pretrain(clean, 4);
    const AttackedCell cell = attack_from(checkpoint, c.attack, 3);
    const RunResult whole = uninterrupted(attacked_spec(clean, c.attack, 4, 3), checkpoint.data);
    expect_same_run(cell.result, whole);
    EXPECT_TRUE(same_bits(cell.clean_accuracy, whole.history[3].test_accuracy));
    EXPECT_TRUE(same_bits(cell.attacked_accuracy, whole.test_eval.accuracy));
    EXPECT_DOUBLE_EQ(cell.degradation(), cell.clean_accuracy - cell.attacked_accuracy);
  }
}

TEST(TrainThenAttack, OneCheckpointServesEveryCell) {
  const RunSpec clean = spec_of({"--model", "mlp-res-leaky", "--seed", "2", "--threads", "1"});
  const CleanCheckpoint checkpoint = pretrain(clean, 3);
  const AttackOptions a = attack_of(AttackForm::inside, AttackMode::persistent, AttackScale::absolute);
  AttackOptions b = a;
  b.magnitude = 5;
  const AttackedCell first = attack_from(checkpoint, a, 2);
  const AttackedCell other = attack_from(checkpoint, b, 2);
  const AttackedCell again = attack_from(checkpoint, a, 2);
  expect_same_run(first.result, again.result);
  EXPECT_FALSE(same_bits(first.result.test_eval.loss, other.result.test_eval.loss));
}

TEST(TrainThenAttack, RefusesEmptyBudgets) {
  const RunSpec clean = spec_of({"--model", "qdfnn"});
  EXPECT_THROW(pretrain(clean, 0), InputError);
  const CleanCheckpoint checkpoint = pretrain(clean, 1);
  EXPECT_THROW(attack_from(checkpoint, AttackOptions{}, 0), InputError);
}
