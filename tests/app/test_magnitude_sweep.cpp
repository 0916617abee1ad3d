// The live map's sweep: which runs it trains, that its points do not depend
// on how the time is sliced, how a model's line is averaged over seeds, and
// the sweeps it refuses (each message listed in docs/bad-inputs.md).
#include <gtest/gtest.h>

#include <cmath>

#include "../bad_input_catalogue.hpp"
#include "core/input_error.hpp"
#include "magnitude_sweep.hpp"
#include "run/log_spacing.hpp"

namespace hqnn::app {
namespace {

run::RunSpec iris_spec(int epochs) {
  run::RunSpec spec = run::default_spec(run::DataKind::tabular);
  spec.train.epochs = epochs;
  return spec;
}

SweepOptions small_sweep() {
  SweepOptions o;
  o.lo = 0.01, o.hi = 10, o.points = 3;
  return o;
}

std::vector<SweepPoint> run_to_the_end(const run::RunSpec& spec, const SweepOptions& o, double budget_ms) {
  MagnitudeSweep sweep(spec, o, run::load_source_data(spec.data));
  size_t seen = 0;
  for (int slice = 0; !sweep.done() && slice < 1000000; ++slice) {
    sweep.advance(budget_ms);
    EXPECT_GE(sweep.points().size(), seen) << "points are only ever added";
    seen = sweep.points().size();
  }
  EXPECT_EQ(sweep.error(), "");
  return sweep.points();
}

}  // namespace

TEST(MagnitudeSweep, RunsAreTheRunWithTheModelAndTheAttackReplacedMagnitudeByMagnitude) {
  run::RunSpec spec = iris_spec(7);
  spec.model.kind = ModelKind::qrfnn;
  spec.model.layers = 3;
  run::set_seed(spec, 4);
  spec.attack = run::default_attack();  // the run's own attack is replaced by the sweep's
  spec.attack->layers = 2;
  spec.attack_epoch = 3;
  SweepOptions o = small_sweep();
  o.hybrid = ModelKind::tqfnn;
  o.classical = ModelKind::mlp_rot;
  o.form = AttackForm::outside;
  o.mode = AttackMode::fixed;
  o.noise = NoiseKind::uniform_asym;
  o.seeds = 2;
  const std::vector<SweepRun> runs = sweep_runs(spec, o);
  ASSERT_EQ(runs.size(), 12u);
  const std::vector<double> m = run::log_spaced_magnitudes(0.01, 10, 3);
  EXPECT_DOUBLE_EQ(m[1], 0.1 * std::sqrt(10.0));
  for (size_t i = 0; i < runs.size(); ++i) {
    const SweepRun& r = runs[i];
    EXPECT_EQ(r.magnitude, m[i / 4]);
    EXPECT_EQ(r.seed, 4u + (i / 2) % 2);
    EXPECT_EQ(r.model, i % 2 == 0 ? ModelKind::tqfnn : ModelKind::mlp_rot);
    EXPECT_EQ(r.spec.model.kind, r.model);
    EXPECT_EQ(r.spec.model.layers, 3);
    EXPECT_EQ(r.spec.train.epochs, 7);
    EXPECT_EQ(r.spec.seed(), r.seed);
    EXPECT_EQ(r.spec.data.split_seed, r.seed);
    ASSERT_TRUE(r.spec.attack.has_value());
    EXPECT_EQ(r.spec.attack->form, AttackForm::outside);
    EXPECT_EQ(r.spec.attack->mode, AttackMode::fixed);
    EXPECT_EQ(r.spec.attack->noise, NoiseKind::uniform_asym);
    EXPECT_EQ(r.spec.attack->magnitude, r.magnitude);
    EXPECT_EQ(r.spec.attack->seed, r.seed);
    EXPECT_EQ(r.spec.attack->layers, 1) << "the default attack, as in hqnn reproduce's map";
    EXPECT_EQ(r.spec.attack_epoch, 0) << "attacked from the first step";
  }
}

TEST(MagnitudeSweep, SuggestsTheRunsHybridAndAttack) {
  run::RunSpec spec = iris_spec(5);
  EXPECT_EQ(sweep_options_for(spec), SweepOptions());
  spec.model.kind = ModelKind::qrfnn;
  spec.attack = run::default_attack();
  spec.attack->form = AttackForm::outside;
  spec.attack->mode = AttackMode::transient;
  spec.attack->noise = NoiseKind::mixed_sym;
  const SweepOptions o = sweep_options_for(spec);
  EXPECT_EQ(o.hybrid, ModelKind::qrfnn);
  EXPECT_EQ(o.form, AttackForm::outside);
  EXPECT_EQ(o.mode, AttackMode::transient);
  EXPECT_EQ(o.noise, NoiseKind::mixed_sym);
  spec.model.kind = ModelKind::mlp_leaky;
  EXPECT_EQ(sweep_options_for(spec).hybrid, ModelKind::qdfnn) << "a classical run is compared with QDFNN";
}

TEST(MagnitudeSweep, PointsAreTheSameHoweverTheTimeIsSliced) {
  const run::RunSpec spec = iris_spec(4);
  const SweepOptions o = small_sweep();
  const std::vector<SweepPoint> sliced = run_to_the_end(spec, o, 0.02);
  const std::vector<SweepPoint> whole = run_to_the_end(spec, o, 1e9);
  ASSERT_EQ(sliced.size(), 6u);
  ASSERT_EQ(whole.size(), 6u);
  for (size_t i = 0; i < whole.size(); ++i) {
    EXPECT_EQ(sliced[i].model, whole[i].model);
    EXPECT_EQ(sliced[i].magnitude, whole[i].magnitude);
    EXPECT_EQ(sliced[i].average_accuracy, whole[i].average_accuracy) << "point " << i;
    EXPECT_EQ(sliced[i].final_accuracy, whole[i].final_accuracy) << "point " << i;
    EXPECT_EQ(sliced[i].diverged, whole[i].diverged) << "point " << i;
    EXPECT_GT(whole[i].average_accuracy, 0.0);
  }
  EXPECT_NE(whole[0].average_accuracy, whole[1].average_accuracy) << "the two models are different runs";
}

TEST(MagnitudeSweep, AdvanceReturnsWhenItsBudgetIsSpent) {
  const run::RunSpec spec = iris_spec(100);
  MagnitudeSweep sweep(spec, small_sweep(), run::load_source_data(spec.data));
  sweep.advance(0.0);
  EXPECT_TRUE(sweep.points().empty()) << "a zero budget trains at most an epoch, not a 100-epoch run";
  EXPECT_GT(sweep.current_run_progress(), 0.0);
  EXPECT_LT(sweep.current_run_progress(), 0.5);
  EXPECT_DOUBLE_EQ(sweep.chance(), 1.0 / 3);
}

TEST(MagnitudeSweep, ALineAveragesEachMagnitudeOverItsSeedsOnceAllAreDone) {
  const ModelKind h = ModelKind::qdfnn, c = ModelKind::mlp_leaky;
  const std::vector<SweepPoint> points = {
      {h, 0.1, 1, 0.9, 1.0, false}, {c, 0.1, 1, 0.8, 0.7, false}, {h, 0.1, 2, 0.7, 0.8, true},
      {c, 0.1, 2, 0.6, 0.5, true},  {h, 1.0, 1, 0.5, 0.4, true}};
  const std::vector<SweepLinePoint> hybrid = sweep_line(points, h, 2);
  ASSERT_EQ(hybrid.size(), 1u) << "m = 1 waits for its second seed";
  EXPECT_DOUBLE_EQ(hybrid[0].magnitude, 0.1);
  EXPECT_DOUBLE_EQ(hybrid[0].average_accuracy, 0.8);
  EXPECT_DOUBLE_EQ(hybrid[0].final_accuracy, 0.9);
  EXPECT_DOUBLE_EQ(hybrid[0].diverged_fraction, 0.5);
  const std::vector<SweepLinePoint> one_seed = sweep_line({points[0], points[1], points[4]}, h, 1);
  ASSERT_EQ(one_seed.size(), 2u) << "with one seed every point of the model is a magnitude";
  EXPECT_DOUBLE_EQ(one_seed[1].average_accuracy, 0.5);
  EXPECT_DOUBLE_EQ(one_seed[1].diverged_fraction, 1.0);
  EXPECT_DOUBLE_EQ(sweep_line(points, c, 2)[0].average_accuracy, 0.7);
}

TEST(MagnitudeSweep, KnowsWhenAnotherRunOrSweepWouldTrainTheSameRuns) {
  run::RunSpec spec = iris_spec(5);
  const SweepOptions o = small_sweep();
  const MagnitudeSweep sweep(spec, o, run::load_source_data(spec.data));
  run::RunSpec attacked = spec;
  attacked.attack = run::default_attack();  // the main run's attack does not enter the sweep
  EXPECT_TRUE(sweep.runs_as(attacked, o));
  run::RunSpec longer = spec;
  longer.train.epochs = 6;
  EXPECT_FALSE(sweep.runs_as(longer, o));
  SweepOptions more = o;
  more.points = 4;
  EXPECT_FALSE(sweep.runs_as(spec, more));
}

TEST(MagnitudeSweep, RefusesSweepsItCannotRunWithAMessageThatSaysWhatToChange) {
  const run::RunSpec iris = iris_spec(5);
  const auto error_of = [](const SweepOptions& o, const run::RunSpec& spec) {
    return testing::input_error_of([&] { validate_sweep(o, spec); });
  };
  SweepOptions o = small_sweep();
  EXPECT_EQ(error_of(o, iris), "(accepted)");
  o.points = 1;
  testing::expect_catalogued(error_of(o, iris), "map_points: a map needs 2 to 25 magnitudes, got 1");
  o = small_sweep();
  o.lo = 10, o.hi = 1;
  testing::expect_catalogued(error_of(o, iris), "map_lo, map_hi: the lowest magnitude (10) must be below the highest (1)");
  o.lo = 0;
  testing::expect_catalogued(error_of(o, iris),
                             "map_lo: the magnitudes are log-spaced, so the lowest must be a finite number above 0, got 0");
  o = small_sweep();
  o.hybrid = ModelKind::mlp_leaky;
  EXPECT_EQ(error_of(o, iris), "map_hybrid: expected tqfnn, qrfnn or qdfnn, got 'mlp-leaky'");
  o = small_sweep();
  o.classical = ModelKind::qdfnn;
  testing::expect_catalogued(error_of(o, iris), "map_classical: expected one of mlp-leaky, mlp-rot, mlp-res-leaky, mlp-dense-leaky, mlp-res-tanh, mlp-dense-tanh, mlp-res-orth, mlp-dense-orth, got 'qdfnn'");
  o = small_sweep();
  o.seeds = 6;
  testing::expect_catalogued(error_of(o, iris), "map_seeds: expected 1 to 5 seeds, got 6");
  run::RunSpec images = run::default_spec(run::DataKind::image);
  images.data.name = "mnist-subset";
  testing::expect_catalogued(error_of(small_sweep(), images),
                             "map: the live map sweeps tabular data (iris or a CSV), not mnist-subset; hqnn reproduce "
                             "--profile robustness-quick maps the image subsets");
  EXPECT_THROW(MagnitudeSweep(images, small_sweep(), run::SourceData{}), InputError);
}

}  // namespace hqnn::app
