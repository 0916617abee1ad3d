// One training run as the CLI and `hqnn reproduce` do it: data (tabular or
// image) → optional dataset noise → model → optional parameter attack →
// training with a test evaluation per epoch → D12 statistics.
//
// Divergence is a result: the run goes on when the loss or a parameter becomes
// NaN/Inf, and the first step and parameter block where it happened are kept.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "args.hpp"
#include "core/attack.hpp"
#include "core/metrics.hpp"
#include "core/model.hpp"
#include "core/noise.hpp"
#include "core/run_statistics.hpp"
#include "core/trainer.hpp"

namespace hqnn::cli {

struct DataConfig {
  std::string name = "iris";       // iris | FILE.csv | an image dataset name (image_datasets.hpp)
  std::string label_column;        // CSV
  double test_fraction = 0.3;      // tabular data: stratified split (D7)
  uint64_t split_seed = 1;
  bool standardize = false;
  std::vector<int> classes{0, 1, 2, 3};  // image data (D13)
  int downsample = 1;
  size_t train_per_class = 0, test_per_class = 0;  // image data: 0 keeps every image
};

struct ExperimentConfig {
  DataConfig data;
  ModelOptions model;
  TrainOptions train;
  std::optional<DatasetNoiseOptions> noise;
  uint64_t noise_seed = 1;
  std::optional<AttackOptions> attack;
};

struct LoadedData {
  Dataset train, test;
  std::string name, source;
  std::optional<Standardizer> standardizer;  // fitted on train and already applied
  bool image() const { return train.image.is_image(); }
};

// Where the loss or a parameter first stopped being finite.
struct Divergence {
  bool diverged = false;
  long step = 0;        // 1-based optimiser step over the whole run
  int epoch = 0;        // 1-based
  std::string block;    // first parameter block whose gradient or value is NaN/Inf ("" if only the loss was)
  std::string what;     // "loss", "gradient" or "parameter"
};

struct ExperimentResult {
  std::vector<EpochRecord> history;
  std::vector<std::string> block_names;
  std::vector<ClassificationReport> reports;  // test set, one per epoch
  ClassificationReport final_report;
  Evaluation train_eval, test_eval;           // the final model
  RunStatistics stats;
  Divergence divergence;
  double seconds = 0;      // wall time of training (with the per-epoch evaluations)
  double cpu_seconds = 0;  // CPU time of this thread for the same span (unaffected by other load)
  long long parameters = 0;
  int width = 0;
  long long noisy_values = 0;
  std::vector<int> attacked_layers;
};

struct ExperimentProgress {
  std::function<void(const EpochRecord&)> on_epoch;
  std::function<void(int epoch, long step, long steps_per_epoch)> on_step;  // within an epoch, 1-based
};

// The options every command that trains shares, and reading them.
std::set<std::string> experiment_valued_options();
std::set<std::string> experiment_flag_options();
// Image data gets the D6 image defaults (lr 0.001, batch 64, 10 epochs) unless given.
ExperimentConfig experiment_config_from_args(const Args& args);
DataConfig data_config_from_args(const Args& args);

LoadedData load_experiment_data(const DataConfig& config);
// Model options that depend on the data: the image shape of convolutional models.
ModelOptions model_options_for(const ModelOptions& options, const LoadedData& data);

// Checkpoints: after every epoch, the whole state of the run (parameters,
// optimiser, shuffling, attack, per-epoch reports, divergence, time so far);
// a run resumed from it with the same config and data is bit-identical to one
// never interrupted. The config's epochs may be larger than when it was saved.
struct ExperimentCheckpoints {
  std::function<void(const Json& run_state)> on_epoch;
  const Json* resume = nullptr;  // a run state from on_epoch
};

// Trains on a copy of `data` (noise is added to the copy). `model_out`, when
// given, receives the trained model.
ExperimentResult run_experiment(const ExperimentConfig& config, const LoadedData& data,
                                const ExperimentProgress& progress = {}, std::unique_ptr<Model>* model_out = nullptr,
                                const ExperimentCheckpoints& checkpoints = {});


Json noise_json(const std::optional<DatasetNoiseOptions>& noise, uint64_t seed);
Json attack_json(const std::optional<AttackOptions>& attack, const std::vector<int>& attacked_layers);
Json divergence_json(const Divergence& d);

}  // namespace hqnn::cli
