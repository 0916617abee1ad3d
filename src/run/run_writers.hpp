// What a run writes: the run JSON (hqnn train --json, hqnn reproduce's runs/),
// the curves CSV, and a model file's `training` section. Each records the
// whole spec (spec_to_json), so the run can be read back and repeated.
//
//   run JSON  { "spec": {...}, "link": "#data=...", "scaling": "standard", "data": ..., "train_accuracy": ...,
//               "test_accuracy": ..., "curves": {...}, "metrics": {...}, ... }
//   training  { "spec": {...}, "scaling": "standard", "epochs_trained": E,
//               "train_accuracy": ..., "test_accuracy": ..., "train_samples": ..., "test_samples": ... }
#pragma once

#include <string>
#include <vector>

#include "core/json.hpp"
#include "core/model_io.hpp"
#include "run_loop.hpp"

namespace hqnn::run {

Json curves_json(const std::vector<EpochRecord>& history, const std::vector<std::string>& block_names);
Json report_json(const ClassificationReport& report, const std::vector<std::string>& class_names);
Json confusion_json(const std::vector<std::vector<int>>& confusion);  // rows: true class
Json divergence_json(const Divergence& d);
Json noise_json(const std::optional<DatasetNoiseOptions>& noise, uint64_t seed);
Json attack_json(const std::optional<AttackOptions>& attack, const std::vector<int>& attacked_layers);

// The largest finite |logit| over every training step of the run.
double max_abs_logit(const std::vector<EpochRecord>& history);
Json run_json(const RunSpec& spec, const PreparedData& data, const RunResult& result, const Model& model);
// One row per epoch: epoch,train_loss,train_accuracy,test_loss,test_accuracy,finite,
// then per parameter block grad_norm.<block>.mean,grad_norm.<block>.max (the
// run JSON's curves.grad_norm.<block>.mean / .max), e.g. grad_norm.q.0.angles.mean.
std::string curves_csv(const std::vector<EpochRecord>& history, const std::vector<std::string>& block_names);

// Everything a model file needs besides its parameters: its `training` section, classes, features, scaler.
ModelInfo model_info(const RunSpec& spec, const PreparedData& data, const RunResult& result);
// The run a model file was trained with (its training.spec, the scaling used
// in place of auto); InputError when the file does not record one.
RunSpec spec_of_model(const ModelInfo& info, const std::string& source);

}  // namespace hqnn::run
