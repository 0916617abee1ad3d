// Training throughput of the playground's models, built natively and to
// WebAssembly from this one file, so the two can be compared on one machine
// (scripts/bench_web.sh builds it natively and against both wasm builds, runs
// those under node and prints the ratios). One training thread in every build;
// SIMD in every build (natively the widest the CPU has, -msimd128 in wasm).
//
//   bench_wasm_vs_native [--seconds S] [--case NAME]   (NAME: run that case only, e.g. for a profile)
//
// Each case is a run's defaults (run::default_spec: model, L, width, batch,
// optimiser, split) with at most one option changed, on unscaled data (scaling
// changes the values, not the cost). For each case: a warm-up (V8 tiers the
// code up), then Trainer::step() for at least S seconds (default 3). samples/s
// counts the training samples of those steps; the time includes the per-epoch
// evaluation of the training and test sets, as in the playground. Prints one
// JSON object per case.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <string>

#include "core/model.hpp"
#include "core/trainer.hpp"
#include "run/data_preparation.hpp"
#include "run/run_spec.hpp"

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// The defaults of `kind`, changed by `change`, trained for `seconds` on one thread.
void run_case(const char* name, hqnn::run::DataKind kind, const std::function<void(hqnn::run::RunSpec&)>& change,
              double seconds) {
  hqnn::run::RunSpec spec = hqnn::run::default_spec(kind);
  spec.data.scaling = hqnn::ScalingKind::none;
  spec.train.threads = 1;
  spec.train.epochs = 1000000;
  change(spec);
  const hqnn::run::PreparedData data = hqnn::run::prepare_data(spec);
  hqnn::Model model(hqnn::run::model_options_for(spec.model, data.train), data.train.feature_count(),
                    data.train.class_count());
  hqnn::Trainer trainer(model, data.train, data.test, spec.train);
  const long long batch = std::min<long long>(spec.train.batch, data.train.size());
  const auto run = [&](double budget) {
    long long samples = 0;
    const Clock::time_point start = Clock::now();
    do {
      trainer.step();
      samples += batch;
    } while (seconds_since(start) < budget);
    return samples / seconds_since(start);
  };
  run(seconds / 3);  // warm-up
  const double rate = run(seconds);
  std::printf("{\"case\":\"%s\",\"model\":\"%s\",\"n\":%d,\"L\":%d,\"batch\":%d,\"epochs\":%d,\"samples_per_second\":%.1f}\n",
              name, hqnn::enum_name(spec.model.kind), static_cast<int>(model.width()), spec.model.layers,
              spec.train.batch, trainer.epoch(), rate);
  std::fflush(stdout);
}

}  // namespace

int main(int argc, char** argv) {
  using hqnn::run::DataKind;
  using hqnn::run::RunSpec;
  double seconds = 3;
  std::string only;
  for (int i = 1; i + 1 < argc; ++i) {
    if (std::string(argv[i]) == "--seconds") seconds = std::atof(argv[++i]);
    else if (std::string(argv[i]) == "--case") only = argv[++i];
  }
  const auto run = [&](const char* name, DataKind kind, const std::function<void(RunSpec&)>& change) {
    if (only.empty() || only == name) run_case(name, kind, change, seconds);
  };
  try {
    run("iris", DataKind::tabular, [](RunSpec&) {});
    run("iris-n64", DataKind::tabular, [](RunSpec& s) { s.model.width = 64; });
    run("fashion", DataKind::image, [](RunSpec&) {});
    run("fashion-cnn", DataKind::image, [](RunSpec& s) { s.model.kind = hqnn::ModelKind::cnn_leaky; });
  } catch (const std::exception& e) {
    std::fprintf(stderr, "bench_wasm_vs_native: %s\n", e.what());
    return 1;
  }
  return 0;
}
