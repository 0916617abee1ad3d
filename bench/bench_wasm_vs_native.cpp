// Training throughput of the playground's models, built natively and to
// WebAssembly from this one file, so the two can be compared on one machine
// (scripts/bench_web.sh builds both, runs the wasm build under node and prints
// the ratio). Single-threaded in both builds; SIMD in both (natively the
// widest the CPU has, -msimd128 in wasm).
//
//   bench_wasm_vs_native [--seconds S] [--assets DIR]
//
// For each case: a warm-up (V8 tiers the code up), then Trainer::step() for
// at least S seconds (default 3). samples/s counts the training samples of those
// steps; the time includes the per-epoch evaluation of the training and test
// sets, as in the playground. Prints one JSON object per case.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "core/model.hpp"
#include "core/trainer.hpp"
#include "data/csv_loader.hpp"
#include "data/image_datasets.hpp"

namespace {

using Clock = std::chrono::steady_clock;

struct Case {
  const char* name;
  hqnn::ModelKind kind;
  int width, layers, batch;
  bool images;
};

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

void run_case(const Case& c, const hqnn::Dataset& train, const hqnn::Dataset& test, double seconds) {
  hqnn::ModelOptions m;
  m.kind = c.kind;
  m.width = c.width;
  m.layers = c.layers;
  if (c.images) {
    m.image_channels = train.image.channels;
    m.image_height = train.image.height;
    m.image_width = train.image.width;
  }
  hqnn::Model model(m, train.feature_count(), train.class_count());
  hqnn::TrainOptions t;
  t.batch = c.batch;
  t.epochs = 1000000;
  t.threads = 1;
  hqnn::Trainer trainer(model, train, test, t);
  const auto run = [&](double budget) {
    long long samples = 0;
    const Clock::time_point start = Clock::now();
    do {
      trainer.step();
      samples += std::min<long long>(c.batch, train.size());
    } while (seconds_since(start) < budget);
    return samples / seconds_since(start);
  };
  run(seconds / 3);  // warm-up
  const double rate = run(seconds);
  std::printf("{\"case\":\"%s\",\"model\":\"%s\",\"n\":%d,\"L\":%d,\"batch\":%d,\"epochs\":%d,\"samples_per_second\":%.1f}\n",
              c.name, hqnn::model_kind_name(c.kind), model.width(), c.layers, c.batch, trainer.epoch(), rate);
  std::fflush(stdout);
}

}  // namespace

int main(int argc, char** argv) {
  double seconds = 3;
  std::string assets;
  for (int i = 1; i + 1 < argc; ++i) {
    if (std::string(argv[i]) == "--seconds") seconds = std::atof(argv[++i]);
    else if (std::string(argv[i]) == "--assets") assets = argv[++i];
  }
  try {
    const hqnn::Dataset iris = hqnn::load_iris();
    const hqnn::TrainTestSplit split = hqnn::stratified_split(iris, 0.3, 1);
    run_case({"iris", hqnn::ModelKind::qdfnn, 0, 2, 16, false}, split.train, split.test, seconds);
    run_case({"iris-n64", hqnn::ModelKind::qdfnn, 64, 2, 16, false}, split.train, split.test, seconds);
    hqnn::ImageDatasetOptions o;
    o.assets_dir = assets;
    const hqnn::ImageData fashion = hqnn::load_image_dataset("fashion-mnist-subset", o);
    run_case({"fashion", hqnn::ModelKind::qdcnn, 16, 2, 64, true}, fashion.train, fashion.test, seconds);
    run_case({"fashion-cnn", hqnn::ModelKind::cnn_leaky, 16, 2, 64, true}, fashion.train, fashion.test, seconds);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "bench_wasm_vs_native: %s\n", e.what());
    return 1;
  }
  return 0;
}
