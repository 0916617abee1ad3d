// hqnn train's code path: options → data → noise / attack → training → statistics.
//
// The command-line tool's commands are the library hqnn_cli (native only).
#include <gtest/gtest.h>

#include "cli/reproduce/complexity.hpp"
#include "cli/experiment.hpp"
#include "run/options/option_table.hpp"
#include "cli/report.hpp"
#include "cli/reproduce/reproduce.hpp"
#include "cli/reproduce/svg_plot.hpp"

using namespace hqnn;
using namespace hqnn::cli;

namespace {

ExperimentConfig config_from(const std::vector<std::string>& argv) {
  return run::parse_command_line(argv, run::kTrain, {}).spec;
}

}  // namespace

TEST(CliExperiment, ClassicalModelDrivenToNaNFinishesWithDivergenceRecorded) {
  // A persistent asymmetric attack of huge magnitude overflows the hidden weights.
  const ExperimentConfig c = config_from({"--data", "iris", "--model", "mlp-leaky", "--epochs", "4", "--attack-form", "1",
                                          "--attack-noise", "gaussian-asym", "--attack-magnitude", "1e37"});
  const LoadedData data = load_experiment_data(c.data);
  const ExperimentResult r = run_experiment(c, data);
  ASSERT_EQ(r.history.size(), 4u);  // every epoch ran
  EXPECT_TRUE(r.divergence.diverged);
  EXPECT_GE(r.divergence.step, 1);
  EXPECT_GE(r.divergence.epoch, 1);
  EXPECT_FALSE(r.divergence.what.empty());
  EXPECT_FALSE(r.history.back().finite);
  EXPECT_TRUE(std::isnan(r.stats.loss_mean));
  EXPECT_GE(r.test_eval.accuracy, 0.0);  // accuracy as measured
  EXPECT_LE(r.test_eval.accuracy, 1.0);
  ASSERT_EQ(r.reports.size(), 4u);
  const Json curves = curves_json(r.history, r.block_names);
  EXPECT_TRUE(Json::parse(curves.dump()).at("test_loss")[3].is_null());  // NaN is written as null
  const Json d = divergence_json(r.divergence);
  EXPECT_TRUE(d.at("diverged").as_bool());
}

TEST(CliExperiment, HybridUnderAHugeAttackStaysFinite) {
  // Form 1 shifts the angles; cos and sin of a huge (but representable) angle
  // stay bounded. (At 1e37 the accumulated float angle itself overflows.)
  const ExperimentConfig c = config_from({"--data", "iris", "--model", "qdfnn", "--epochs", "4", "--attack-form", "1",
                                          "--attack-noise", "gaussian-asym", "--attack-magnitude", "1e30"});
  const ExperimentResult r = run_experiment(c, load_experiment_data(c.data));
  EXPECT_FALSE(r.divergence.diverged) << r.divergence.what << " " << r.divergence.block;
  EXPECT_TRUE(std::isfinite(r.stats.loss_mean));
}

TEST(CliExperiment, ImageDataSetsTheModelShapeAndImageDefaults) {
  const ExperimentConfig c = config_from({"--data", "mnist-subset", "--model", "qdcnn", "--train-per-class", "16",
                                          "--test-per-class", "8", "--epochs", "1", "--downsample", "2", "--noise",
                                          "uniform-asym", "--noise-on", "train"});
  EXPECT_DOUBLE_EQ(c.train.optimizer.lr, 0.001);  // D6
  EXPECT_EQ(c.train.batch, 64);
  const LoadedData data = load_experiment_data(c.data);
  EXPECT_EQ(data.train.size(), 64);
  EXPECT_EQ(data.test.size(), 32);
  const ModelOptions mo = model_options_for(c.model, data);
  EXPECT_EQ(mo.image_channels, 1);
  EXPECT_EQ(mo.image_height, 14);
  EXPECT_EQ(mo.image_width, 14);
  const ExperimentResult r = run_experiment(c, data);
  EXPECT_EQ(r.stats.points, 1);
  EXPECT_GT(r.noisy_values, 0);
  EXPECT_EQ(r.stats.per_class.size(), 4u);
  // A given lr is kept.
  EXPECT_DOUBLE_EQ(config_from({"--data", "mnist-subset", "--lr", "0.01"}).train.optimizer.lr, 0.01);
}

TEST(CliExperiment, BadOptionsAreInputErrors) {
  EXPECT_THROW(config_from({"--noise", "pink"}), InputError);
  EXPECT_THROW(config_from({"--noise-magnitude", "0.2"}), InputError);  // needs --noise
  EXPECT_THROW(config_from({"--noise", "gaussian-sym", "--noise-on", "sometimes"}), InputError);
  EXPECT_THROW(config_from({"--attack-form", "3"}), InputError);
  EXPECT_THROW(config_from({"--attack-form", "1", "--attack-layers", "1", "--attack-layer-list", "0"}), InputError);
  EXPECT_THROW(config_from({"--data", "mnist-subset", "--classes", "0,x"}), InputError);
  EXPECT_THROW(config_from({"--downsample", "2"}), InputError);  // iris is not an image set
  EXPECT_THROW(config_from({"--data", "fashion-mnist-subset", "--test-fraction", "0.2"}), InputError);
  EXPECT_THROW(config_from({"--model", "resnet"}), InputError);
  EXPECT_THROW(config_from({"--model", "qdcnn"}), InputError);  // a convolutional model on iris: refused when given
  EXPECT_THROW(config_from({"--attack-magnitude", "0.1"}), InputError);  // an attack needs its form
  const ExperimentConfig bad_layer = config_from({"--model", "qrfnn", "--attack-form", "1", "--attack-layer-list", "5"});
  EXPECT_THROW(run_experiment(bad_layer, load_experiment_data(bad_layer.data)), InputError);
}

TEST(CliExperiment, SameSeedSameRun) {
  const ExperimentConfig c = config_from({"--model", "qrfnn", "--epochs", "5", "--noise", "mixed-sym", "--attack-form",
                                          "2", "--attack-mode", "transient"});
  const LoadedData data = load_experiment_data(c.data);
  const ExperimentResult a = run_experiment(c, data), b = run_experiment(c, data);
  for (size_t i = 0; i < a.history.size(); ++i) EXPECT_EQ(a.history[i].test_loss, b.history[i].test_loss);
  EXPECT_EQ(a.stats.accuracy_mean, b.stats.accuracy_mean);
}

