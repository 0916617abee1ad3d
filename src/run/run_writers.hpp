// What a run writes: the run record (hqnn train --json, the playground's and
// Python's runs, hqnn reproduce's runs/<id>.json with the grid's labels added),
// its curves CSV, and a model file's `training` section. The record names the
// run's settings once, as `spec` (spec_to_json) and as the playground `link`
// (to_link) that replays it (hqnn train --link); everything else in it is a
// result.
//
//   run record { "spec": {...}, "link": "#data=...", "data": ..., "data_source": ..., "scaling": "standard",
//                "scaling_validation_accuracy": ..., "scaler": ..., "data_note": ..., "train_samples": ...,
//                "test_samples": ..., "parameters": ..., "train_accuracy": ..., "train_loss": ...,
//                "test_accuracy": ..., "test_loss": ..., "diverged": ..., "divergence": {...},
//                "max_abs_logit": ..., "noisy_values": ..., "attacked_layers": [...] | null,
//                "seconds": ..., "cpu_seconds": ..., "statistics": {...}, "metrics": {...}, "curves": {...} }
//   training   { "spec": {...}, "scaling": "standard", "epochs_trained": E,
//                "train_accuracy": ..., "test_accuracy": ..., "train_samples": ..., "test_samples": ... }
#pragma once

#include <string>
#include <vector>

#include "core/json.hpp"
#include "core/model_io.hpp"
#include "data_preparation.hpp"
#include "run_result.hpp"
#include "run_spec.hpp"

namespace hqnn::run {

// Per epoch: epoch, train_loss, train_accuracy, test_loss, test_accuracy,
// finite, and grad_norm.<block>.mean / .max per parameter block.
Json curves_json(const std::vector<EpochRecord>& history, const std::vector<std::string>& block_names);
Json report_json(const ClassificationReport& report, const std::vector<std::string>& class_names);
Json confusion_json(const std::vector<std::vector<int>>& confusion);  // rows: true class
Json divergence_json(const Divergence& d);

// The largest finite |logit| over every training step of the run.
double max_abs_logit(const std::vector<EpochRecord>& history);
// The run record of `spec` trained on `data` (the spec the loop ran, RunLoop::spec()).
Json run_json(const RunSpec& spec, const PreparedData& data, const RunResult& result);
// The curves CSV, written from a record's `curves` (curves_json): one row per
// epoch, epoch,train_loss,train_accuracy,test_loss,test_accuracy,finite, then
// per parameter block grad_norm.<block>.mean,grad_norm.<block>.max, e.g.
// grad_norm.q.0.angles.mean; numbers at %.17g (exact), finite 1 or 0, and
// "nan" for a number the record holds as null (NaN or Inf).
std::string curves_csv(const Json& curves);
std::string curves_csv(const std::vector<EpochRecord>& history, const std::vector<std::string>& block_names);

// Everything a model file needs besides its parameters: its `training` section, classes, features, scaler.
ModelInfo model_info(const RunSpec& spec, const PreparedData& data, const RunResult& result);
// The run a model file was trained with (its training.spec, the scaling used
// in place of auto); InputError when the file does not record one.
RunSpec spec_of_model(const ModelInfo& info, const std::string& source);

}  // namespace hqnn::run
