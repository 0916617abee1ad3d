#include "experiment.hpp"

namespace hqnn::cli {

LoadedData load_experiment_data(const DataConfig& config) {
  const run::SourceData source = run::load_source_data(config);
  const TrainTestSplit split = run::split_source(config, source);
  return LoadedData{split.train, split.test, source.name, source.source};
}

ModelOptions model_options_for(const ModelOptions& options, const LoadedData& data) {
  return run::model_options_for(options, data.train);
}

ExperimentResult drive_run(run::RunLoop& loop, const ExperimentProgress& progress,
                           const ExperimentCheckpoints& checkpoints) {
  if (checkpoints.resume) loop.restore(*checkpoints.resume);
  while (!loop.done()) {
    if (loop.step()) {
      if (progress.on_epoch) progress.on_epoch(loop.history().back());
      if (checkpoints.on_epoch) checkpoints.on_epoch(loop.state_json());
      if (checkpoints.on_epoch_loop) checkpoints.on_epoch_loop(loop);
    } else if (progress.on_step) {
      progress.on_step(loop.epoch() + 1, loop.step_in_epoch(), loop.steps_per_epoch());
    }
  }
  return loop.finish();
}

run::PreparedData prepare_experiment_data(const ExperimentConfig& config, const LoadedData& data) {
  run::SourceData source;
  source.name = data.name;
  source.source = data.source;
  source.split = TrainTestSplit{data.train, data.test};
  return run::prepare_data(config, source);
}

ExperimentResult run_experiment(const ExperimentConfig& config, const LoadedData& data, const ExperimentProgress& progress,
                                const ExperimentCheckpoints& checkpoints) {
  run::RunLoop loop(config, prepare_experiment_data(config, data));
  return drive_run(loop, progress, checkpoints);
}

}  // namespace hqnn::cli
