// One training run, step by step: the same loop for the CLI (to the end) and
// the playground (in time slices).
//
//   RunLoop loop(spec, prepare_data(spec));
//   while (!loop.done()) if (loop.step()) { /* loop.history().back(), loop.reports().back() */ }
//   RunResult r = loop.finish();
//
// Per epoch: the trainer's steps, then ONE evaluation of the training set
// (the trainer's) and ONE of the test set (here): under a transient attack
// each draws its ε, in that order, on every surface. Divergence is detected
// here and only here: the first step whose loss, or a parameter block's
// gradient or value, is NaN/Inf; training goes on. The attack is installed
// before the first step of epoch spec.attack_epoch + 1.
// state_json()/restore(): everything needed to continue bit for bit (the
// resumed run equals the uninterrupted one, NaNs included).
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/json.hpp"
#include "core/metrics.hpp"
#include "core/model.hpp"
#include "core/trainer.hpp"
#include "data_preparation.hpp"
#include "run_result.hpp"
#include "run_spec.hpp"

namespace hqnn::run {

class RunLoop {
 public:
  // Builds the model (model.seed) and the trainer on `data`, which the loop keeps.
  RunLoop(const RunSpec& spec, PreparedData data);
  ~RunLoop();
  RunLoop(const RunLoop&) = delete;
  RunLoop& operator=(const RunLoop&) = delete;

  // One optimiser step; true when it finished an epoch (its record and test
  // report are then the last of history() and reports()).
  bool step();
  // Steps until an epoch ends, the run is done or budget_ms has passed; true when an epoch ended.
  bool step_for(double budget_ms);
  bool done() const;
  int epoch() const;                 // finished epochs
  long steps() const { return step_; }  // optimiser steps so far
  long steps_per_epoch() const;
  int step_in_epoch() const;

  const RunSpec& spec() const { return spec_; }
  const PreparedData& data() const { return data_; }
  Model& model() { return *model_; }
  const Model& model() const { return *model_; }
  const std::vector<EpochRecord>& history() const { return history_; }
  const std::vector<ClassificationReport>& reports() const { return reports_; }
  const std::vector<std::string>& block_names() const;
  const Divergence& divergence() const { return divergence_; }
  bool attack_installed() const { return model_->attack() != nullptr; }
  double seconds() const { return seconds_; }

  // The playground switches the attack on or off mid-run: it is (re)installed
  // before the next step when epoch() >= from_epoch.
  void set_attack(const std::optional<AttackOptions>& attack, int from_epoch);

  Json state_json() const;           // after any step
  void restore(const Json& state);   // InputError when it does not fit this spec and data
  // The same state in two parts, so that a checkpoint costs O(1) per epoch:
  // the state without the per-epoch curves and reports (their arrays empty),
  // and one record per finished epoch (0-based), which a file can append.
  // state_with_epochs() joins them back into state_json()'s form.
  Json state_json_without_epochs() const;
  Json epoch_json(size_t epoch_index) const;
  Json state_json(bool with_epochs) const;
  static Json state_with_epochs(const Json& state, const std::vector<Json>& epochs);  // InputError when they do not fit

  // The final model evaluated on both sets (one more pass each), with the curves and D12 statistics.
  RunResult finish();

 private:
  void update_attack();
  RunSpec spec_;
  PreparedData data_;
  Dataset no_test_;                  // the trainer evaluates the training set only; the loop the test set
  std::unique_ptr<Model> model_;
  std::unique_ptr<Trainer> trainer_;
  std::vector<EpochRecord> history_;
  std::vector<ClassificationReport> reports_;
  Divergence divergence_;
  long step_ = 0;
  int step_in_epoch_ = 0;
  double seconds_ = 0, cpu_seconds_ = 0;
};

}  // namespace hqnn::run
