// hqnn train --checkpoint / --resume: a run resumed from its checkpoint is the
// run that was never interrupted, bit for bit (curves, D12 statistics,
// divergence, final metrics); bad checkpoint files and changed options are
// refused with messages.
#include <gtest/gtest.h>

#include <cstring>
#include <filesystem>
#include <fstream>

#include "cli/checkpoint.hpp"
#include "cli/experiment.hpp"
#include "run/options/option_table.hpp"
#include "cli/report.hpp"
#include "../same_bits.hpp"
#include "../scratch_dir.hpp"

using namespace hqnn;
using namespace hqnn::test;
using namespace hqnn::cli;
namespace fs = std::filesystem;

namespace {

ExperimentConfig config_from(const std::vector<std::string>& argv) {
  return run::parse_command_line(argv, run::kTrain, {}).spec;
}

// Runs `argv` straight, and again from the checkpoint written after
// `save_after` epochs (through its text, as a file would carry it).
// expect_divergence_by > 0: the straight run must have diverged by that epoch.
void expect_resume_identical(const std::vector<std::string>& argv, int save_after, int expect_divergence_by = 0) {
  const ExperimentConfig c = config_from(argv);
  const LoadedData data = load_experiment_data(c.data);
  std::string saved;
  ExperimentCheckpoints save;
  save.on_epoch = [&](const Json& state) {
    if (state.at("epoch").as_number() == save_after) saved = state.dump();
  };
  const ExperimentResult straight = run_experiment(c, data, {}, save);
  ASSERT_FALSE(saved.empty());
  if (expect_divergence_by > 0) {  // the point of the test: the checkpoint is taken after the divergence
    ASSERT_TRUE(straight.divergence.diverged);
    ASSERT_LE(straight.divergence.epoch, expect_divergence_by);
  }
  const Json state = Json::parse(saved);
  ExperimentCheckpoints resume;
  resume.resume = &state;
  const ExperimentResult resumed = run_experiment(c, data, {}, resume);

  ASSERT_EQ(straight.history.size(), resumed.history.size());
  for (size_t e = 0; e < straight.history.size(); ++e) {
    EXPECT_TRUE(same_bits(straight.history[e].test_loss, resumed.history[e].test_loss)) << "epoch " << e + 1;
    EXPECT_TRUE(same_bits(straight.history[e].train_loss, resumed.history[e].train_loss)) << "epoch " << e + 1;
    EXPECT_EQ(straight.history[e].grad_norm_mean.size(), resumed.history[e].grad_norm_mean.size());
    for (size_t i = 0; i < straight.history[e].grad_norm_mean.size(); ++i)
      EXPECT_TRUE(same_bits(straight.history[e].grad_norm_mean[i], resumed.history[e].grad_norm_mean[i]));
  }
  EXPECT_EQ(to_json(straight.stats).dump(), to_json(resumed.stats).dump()) << "D12 statistics over all epochs";
  EXPECT_EQ(report_json(straight.final_report, data.train.class_names).dump(),
            report_json(resumed.final_report, data.train.class_names).dump());
  EXPECT_EQ(divergence_json(straight.divergence).dump(), divergence_json(resumed.divergence).dump());
  EXPECT_EQ(straight.attacked_layers, resumed.attacked_layers);
}

}  // namespace

TEST(CliCheckpoint, ResumedRunUnderNoiseAndTransientAttackIsTheUninterruptedRun) {
  expect_resume_identical({"--model", "qrfnn", "--epochs", "6", "--noise", "mixed-sym", "--attack-form", "2",
                           "--attack-mode", "transient", "--attack-noise", "gaussian-asym"},
                          3);
}

TEST(CliCheckpoint, ResumedRunUnderPersistentAttackIsTheUninterruptedRun) {
  expect_resume_identical({"--model", "mlp-rot", "--epochs", "5", "--attack-form", "2", "--attack-magnitude", "0.05",
                           "--attack-layers", "2"},
                          2);
}

TEST(CliCheckpoint, ResumedRunAfterDivergenceKeepsWhereItDiverged) {
  expect_resume_identical({"--model", "mlp-leaky", "--epochs", "4", "--attack-form", "1", "--attack-noise",
                           "gaussian-asym", "--attack-magnitude", "1e37"},
                          2, /*expect_divergence_by=*/2);
}

TEST(CliCheckpoint, ResumedImageRunIsTheUninterruptedRun) {
  expect_resume_identical({"--data", "mnist-subset", "--model", "qdcnn", "--train-per-class", "16", "--test-per-class",
                           "8", "--epochs", "3", "--downsample", "2", "--batch", "16"},
                          1);
}

TEST(CliCheckpoint, ACheckpointOfAnotherModelIsRefused) {
  const ExperimentConfig c = config_from({"--model", "qdfnn", "--epochs", "2"});
  const LoadedData data = load_experiment_data(c.data);
  Json saved;
  ExperimentCheckpoints save;
  save.on_epoch = [&](const Json& state) { saved = state; };
  run_experiment(c, data, {}, save);
  const ExperimentConfig other = config_from({"--model", "qdfnn", "--layers", "3", "--epochs", "2"});
  ExperimentCheckpoints resume;
  resume.resume = &saved;
  EXPECT_THROW(run_experiment(other, data, {}, resume), InputError);
  const ExperimentConfig attacked = config_from({"--model", "qdfnn", "--epochs", "2", "--attack-form", "1"});
  const ExperimentConfig plain = config_from({"--model", "qdfnn", "--epochs", "2"});
  Json attacked_state;
  ExperimentCheckpoints save_attacked;
  save_attacked.on_epoch = [&](const Json& state) { attacked_state = state; };
  run_experiment(attacked, data, {}, save_attacked);
  resume.resume = &attacked_state;
  try {
    run_experiment(plain, data, {}, resume);
    ADD_FAILURE() << "accepted";
  } catch (const InputError& e) {
    EXPECT_STREQ(e.what(), "checkpoint: saved under a parameter attack, this run has none");
  }
}

TEST(CliCheckpoint, FilesRoundTripAndBadFilesAreRefused) {
  const std::string dir = hqnn::testing::scratch_folder("checkpoint").string();
  CheckpointFile c;
  c.spec = config_from({"--model", "qrfnn", "--noise", "mixed-sym", "--seed", "7"});
  c.scaling = CheckpointScaling{};
  c.run = Json::parse(R"({"epoch": 0, "trainer": {"history": []}, "test_loss": [], "test_accuracy": [], "reports": []})");
  write_checkpoint_file(dir + "/a.ckpt", c);
  EXPECT_FALSE(fs::exists(dir + "/a.ckpt.tmp"));
  EXPECT_TRUE(fs::exists(dir + "/a.ckpt.epochs"));
  const CheckpointFile back = read_checkpoint_file(dir + "/a.ckpt");
  EXPECT_TRUE(run::same_run(back.spec, c.spec));
  EXPECT_EQ(back.run.dump(), c.run.dump());
  const auto message = [&](const std::string& text) {
    std::ofstream(dir + "/b.ckpt") << text;
    try {
      read_checkpoint_file(dir + "/b.ckpt");
    } catch (const InputError& e) {
      return std::string(e.what());
    }
    return std::string("(accepted)");
  };
  EXPECT_EQ(message("{\"format\": \"hqnn-model\"}"), dir + "/b.ckpt: not an hqnn checkpoint (written by hqnn train --checkpoint FILE)");
  EXPECT_EQ(message("{\"format\": \"hqnn-checkpoint\", \"version\": 1, \"args\": [], \"run\": {}}"),
            dir + "/b.ckpt: checkpoint version 1 is not supported (this hqnn reads versions 2 and 3; start the run again)");
  EXPECT_NE(message("{\"format\": "), "(accepted)");
  EXPECT_THROW(read_checkpoint_file(dir + "/missing.ckpt"), InputError);
}
