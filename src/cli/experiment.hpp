// `hqnn train` and `hqnn reproduce` on top of the run library (src/run): the
// names the commands use for a run's parts, and driving a run to its end with
// progress lines and checkpoints.
//
// A run is run::RunSpec (defaults, options and seeds in run_spec.hpp and
// option_table.hpp), its data run::PreparedData, its loop run::RunLoop.
// Divergence is a result: the run goes on when the loss or a parameter becomes
// NaN/Inf, and the first step and parameter block where it happened are kept.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "core/json.hpp"
#include "core/model.hpp"
#include "run/data_preparation.hpp"
#include "run/run_loop.hpp"
#include "run/run_spec.hpp"
#include "run/run_writers.hpp"

namespace hqnn::cli {

using DataConfig = run::DataSpec;
using ExperimentConfig = run::RunSpec;
using ExperimentResult = run::RunResult;
using Divergence = run::Divergence;

// Data loaded and split, before noise and scaling: `hqnn reproduce` loads each
// data set once and runs many noise conditions on it.
struct LoadedData {
  Dataset train, test;
  std::string name, source;
  bool image() const { return train.image.is_image(); }
};
LoadedData load_experiment_data(const DataConfig& config);
// Model options that depend on the data: the image shape of convolutional models.
ModelOptions model_options_for(const ModelOptions& options, const LoadedData& data);

struct ExperimentProgress {
  std::function<void(const EpochRecord&)> on_epoch;
  std::function<void(int epoch, long step, long steps_per_epoch)> on_step;  // within an epoch, 1-based
};

// Checkpoints: after every epoch, the whole state of the run (RunLoop::state_json);
// a run resumed from it with the same spec is bit-identical to one never
// interrupted. The spec's epochs may be larger than when it was saved.
struct ExperimentCheckpoints {
  std::function<void(const Json& run_state)> on_epoch;
  std::function<void(const run::RunLoop& loop)> on_epoch_loop;  // the same moment, for savers that take parts (CheckpointWriter)
  const Json* resume = nullptr;  // a run state from on_epoch
};

// Restores `checkpoints.resume` if given, then steps `loop` to its end.
ExperimentResult drive_run(run::RunLoop& loop, const ExperimentProgress& progress,
                           const ExperimentCheckpoints& checkpoints);

// The spec's noise and scaling added to `data` (loaded once for many runs).
run::PreparedData prepare_experiment_data(const ExperimentConfig& config, const LoadedData& data);

// Adds the spec's noise and scaling to `data`, trains, and returns the result.
ExperimentResult run_experiment(const ExperimentConfig& config, const LoadedData& data,
                                const ExperimentProgress& progress = {}, const ExperimentCheckpoints& checkpoints = {});

}  // namespace hqnn::cli
