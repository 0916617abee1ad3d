// The live robustness map: the attack magnitude swept for the current run's
// data set, a hybrid against a classical model (the paper's claim, Sec. 5.2,
// Fig. 6-8, measured over the magnitude the paper does not state).
//
// Every point is one whole run, exactly the run `hqnn train` does for its
// RunSpec: the playground's run with the model replaced, the attack (form,
// mode, noise, magnitude) installed from the first step on, and the seed
// stepped for each repeat. The runs go one after another in time slices
// (advance(budget_ms)), so the sweep works in the single-threaded page,
// pumped once per frame, beside the main training. UI-free: tests use it alone.
//
//   MagnitudeSweep sweep(spec, options, source);   // InputError on bad options
//   while (!sweep.done()) sweep.advance(5.0);       // sweep.points() grows as runs finish
//
// The numbers are those of hqnn reproduce --profile robustness-*
// (cli/robustness_report.cpp): the average test accuracy is the mean of the
// test-accuracy curve (D12), a run whose loss or parameters became NaN/Inf
// diverged, chance is 1 / classes.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/attack.hpp"
#include "core/model_kind.hpp"
#include "core/noise.hpp"
#include "run/data_preparation.hpp"
#include "run/log_spacing.hpp"
#include "core/settings/field.hpp"
#include "run/run_loop.hpp"
#include "run/run_spec.hpp"

namespace hqnn::app {

// What a map link carries (the map_* keys of sweep_fields()). The defaults are
// the robustness profiles' axis (9 half-decade points from 1e-3 to 10) and
// attack (form ①, persistent, gaussian-asym, D11).
struct SweepOptions {
  ModelKind hybrid = ModelKind::qdfnn;
  ModelKind classical = ModelKind::mlp_leaky;
  AttackForm form = AttackForm::inside;
  AttackMode mode = AttackMode::persistent;
  NoiseKind noise = NoiseKind::gaussian_asym;
  double lo = run::kMapMagnitudeLo, hi = run::kMapMagnitudeHi;  // magnitudes, log-spaced
  int points = run::kMapMagnitudePoints;
  int seeds = 1;               // repeats: the run's seed, seed + 1, ...

  bool operator==(const SweepOptions& o) const;  // every row of sweep_fields()
  bool operator!=(const SweepOptions& o) const { return !(*this == o); }
};

inline constexpr int kSweepMaxPoints = 25;  // magnitudes on the axis
inline constexpr int kSweepMaxSeeds = 5;

// The map's settings as rows (core/settings/field.hpp): its link keys, their
// words and ranges; the link codec, equality and validate_sweep's model check
// all read them.
const std::vector<Field<SweepOptions>>& sweep_fields();

// The sweep a run suggests: its model as the hybrid when it is a hybrid FNN
// (else QDFNN), its attack's form, mode and noise when it has one.
SweepOptions sweep_options_for(const run::RunSpec& spec);
// The classical side of a sweep: the fully connected classical models, the
// baselines and the controls with the hybrids' skips, from the model-kind table.
std::vector<ModelKind> sweep_classical_kinds();
// Throws InputError saying what to change: points outside [2, 25], seeds
// outside [1, 5], lo <= 0, lo >= hi, a hybrid that is not a hybrid FNN, a
// classical model that is not an MLP, or image data.
void validate_sweep(const SweepOptions& options, const run::RunSpec& spec);

// One run of the sweep: what it trains and where it goes on the map.
struct SweepRun {
  ModelKind model;
  double magnitude;
  uint64_t seed;
  run::RunSpec spec;  // the run `hqnn train` trains for this point
};
// Magnitude by magnitude, each seed, the hybrid then the classical model, so
// both lines grow together.
std::vector<SweepRun> sweep_runs(const run::RunSpec& spec, const SweepOptions& options);

// A finished run.
struct SweepPoint {
  ModelKind model;
  double magnitude;
  uint64_t seed;
  double average_accuracy;  // mean of the test-accuracy curve (D12)
  double final_accuracy;    // the final model on the test set
  bool diverged;            // the loss, a gradient or a parameter became NaN/Inf
};

// A model's line: per magnitude whose every seed has finished, the mean over
// the seeds and the share of them that diverged.
struct SweepLinePoint {
  double magnitude;
  double average_accuracy, final_accuracy;
  double diverged_fraction;
};
std::vector<SweepLinePoint> sweep_line(const std::vector<SweepPoint>& points, ModelKind model, int seeds);

class MagnitudeSweep {
 public:
  // The data as loaded (iris, the user's CSV); each run prepares it as `hqnn train` does.
  MagnitudeSweep(const run::RunSpec& spec, const SweepOptions& options, run::SourceData source);
  ~MagnitudeSweep();
  MagnitudeSweep(const MagnitudeSweep&) = delete;
  MagnitudeSweep& operator=(const MagnitudeSweep&) = delete;

  // Trains for about budget_ms (at least one optimiser step); true when a run finished.
  bool advance(double budget_ms);
  bool done() const { return points_.size() == runs_.size() || !error_.empty(); }

  const run::RunSpec& spec() const { return spec_; }
  const SweepOptions& options() const { return options_; }
  const std::vector<SweepRun>& runs() const { return runs_; }
  const std::vector<SweepPoint>& points() const { return points_; }  // in the order of runs()
  int classes() const { return classes_; }
  double chance() const { return 1.0 / classes_; }
  double current_run_progress() const;  // 0..1 of the run in progress
  const std::string& error() const { return error_; }  // a run that could not start (it stops the sweep)
  // True when a sweep of (spec, options) trains the same runs (the run's own attack, say, does not matter).
  bool runs_as(const run::RunSpec& spec, const SweepOptions& options) const;

 private:
  run::RunSpec spec_;
  SweepOptions options_;
  run::SourceData source_;
  std::vector<SweepRun> runs_;
  std::vector<SweepPoint> points_;
  std::unique_ptr<run::RunLoop> loop_;  // the run in progress
  int classes_ = 2;
  std::string error_;
};

}  // namespace hqnn::app
