// Power-of-two batch sizes (1024, 4096, 16384) beside their neighbours (1040,
// 4112, 16400) through the core's own entry points: Model::forward on the whole
// batch, evaluate() with the whole set as one evaluation batch (one thread),
// and, to see where the time goes, the amplitude encoding, the quantum stack
// and the read-out Linear alone. QDFNN n = 64, L = 2 on 64 features (4 classes), and the MLP
// (64 → 64 → 64 → 4) for comparison.
//
// A plain harness, not Google Benchmark: on a shared, loaded machine the
// means wander, so each configuration is timed in per-thread CPU time
// (CLOCK_THREAD_CPUTIME_ID) once per pass, the passes interleave every
// configuration, and the least time over the passes is reported, per sample.
//
//   bench_pow2_batches [--passes N] [--only forward|evaluate|encode|stack|readout]
#include <time.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <functional>
#include <limits>
#include <memory>
#include <string>
#include <vector>

#include "core/amplitude_encoding.hpp"
#include "core/dataset.hpp"
#include "core/linear.hpp"
#include "core/model.hpp"
#include "core/quantum_stack.hpp"
#include "core/random_matrix.hpp"
#include "core/rng.hpp"
#include "core/trainer.hpp"

using namespace hqnn;

namespace {

double thread_seconds() {
  timespec t;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return double(t.tv_sec) + 1e-9 * double(t.tv_nsec);
}

struct Case {
  std::string what, model;
  Index batch;
  std::function<void()> run;
  double best = std::numeric_limits<double>::infinity();
};

ModelOptions options_of(ModelKind kind) {
  ModelOptions mo;
  mo.kind = kind;
  mo.width = 64;
  mo.layers = 2;
  return mo;
}

}  // namespace

int main(int argc, char** argv) {
  int passes = 200;
  std::string only;
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--passes") && i + 1 < argc) passes = std::atoi(argv[++i]);
    else if (!std::strcmp(argv[i], "--only") && i + 1 < argc) only = argv[++i];
    else {
      std::fprintf(stderr, "usage: bench_pow2_batches [--passes N] [--only forward|evaluate|encode|stack|readout]\n");
      return 2;
    }
  }
  const Index batches[] = {1024, 1040, 4096, 4112, 16384, 16400};
  std::vector<std::unique_ptr<Model>> models;
  std::vector<std::unique_ptr<Dataset>> sets;
  std::vector<std::unique_ptr<QuantumStack>> stacks;
  std::vector<std::unique_ptr<Linear>> linears;
  std::vector<std::unique_ptr<AmplitudeEncoding>> encodings;
  std::vector<std::unique_ptr<Matrix>> inputs, outputs;
  std::vector<Case> cases;
  Rng rng(11);
  for (ModelKind kind : {ModelKind::qdfnn, ModelKind::mlp_leaky}) {
    const char* name = kind == ModelKind::qdfnn ? "qdfnn" : "mlp";
    for (Index batch : batches) {
      const ModelOptions mo = options_of(kind);
      if (only.empty() || only == "forward") {
        models.push_back(std::make_unique<Model>(mo, 64, 4));
        inputs.push_back(std::make_unique<Matrix>(random_batch(batch, 64, 3)));
        Model* m = models.back().get();
        const Matrix* x = inputs.back().get();
        cases.push_back({"forward", name, batch, [m, x] { (void)m->forward(*x).data(); }});
      }
      if (only.empty() || only == "evaluate") {
        models.push_back(std::make_unique<Model>(mo, 64, 4));
        auto data = std::make_unique<Dataset>();
        data->features = random_batch(batch, 64, 4);
        data->labels.assign(static_cast<size_t>(batch), 0);
        data->class_names = {"a", "b", "c", "d"};
        sets.push_back(std::move(data));
        Model* m = models.back().get();
        const Dataset* d = sets.back().get();
        cases.push_back({"evaluate", name, batch, [m, d, batch] { (void)evaluate(*m, *d, static_cast<int>(batch)); }});
      }
    }
  }
  for (Index batch : batches) {
    if (only.empty() || only == "encode") {
      encodings.push_back(std::make_unique<AmplitudeEncoding>(64));
      inputs.push_back(std::make_unique<Matrix>(random_batch(batch, 64, 7)));
      outputs.push_back(std::make_unique<Matrix>());
      AmplitudeEncoding* e = encodings.back().get();
      const Matrix* x = inputs.back().get();
      Matrix* y = outputs.back().get();
      cases.push_back({"encode", "64", batch, [e, x, y] { e->forward(*x, *y); }});
    }
    if (only.empty() || only == "stack") {
      QuantumStackOptions o;
      o.topology = SkipTopology::dense;
      o.width = 64;
      o.layers = 2;
      stacks.push_back(std::make_unique<QuantumStack>("q", o, rng));
      inputs.push_back(std::make_unique<Matrix>(random_batch(batch, 64, 5)));
      outputs.push_back(std::make_unique<Matrix>());
      QuantumStack* s = stacks.back().get();
      const Matrix* x = inputs.back().get();
      Matrix* y = outputs.back().get();
      cases.push_back({"stack", "qdfnn", batch, [s, x, y] { s->forward(*x, *y); }});
    }
    if (only.empty() || only == "readout") {
      linears.push_back(std::make_unique<Linear>("out", 64, 4, rng));
      inputs.push_back(std::make_unique<Matrix>(random_batch(batch, 64, 6)));
      outputs.push_back(std::make_unique<Matrix>());
      Linear* f = linears.back().get();
      const Matrix* x = inputs.back().get();
      Matrix* y = outputs.back().get();
      cases.push_back({"readout", "64->4", batch, [f, x, y] { f->forward(*x, *y); }});
    }
  }
  for (Case& c : cases) c.run();  // warm up: allocations, caches of the layers
  for (int p = 0; p < passes; ++p)
    for (Case& c : cases) {
      const double t0 = thread_seconds();
      c.run();
      c.best = std::min(c.best, thread_seconds() - t0);
    }
  std::printf("%-9s %-6s %7s %10s %8s\n", "what", "model", "batch", "ns/sample", "pow2/next");
  for (size_t i = 0; i < cases.size(); ++i) {
    const Case& c = cases[i];
    const double ns = 1e9 * c.best / double(c.batch);
    std::string ratio;
    if (c.batch % 16 == 0 && (c.batch & (c.batch - 1)) == 0)
      for (const Case& d : cases)
        if (d.what == c.what && d.model == c.model && d.batch == c.batch + 16)
          ratio = std::to_string(c.best / double(c.batch) / (d.best / double(d.batch)));
    std::printf("%-9s %-6s %7lld %10.1f %8s\n", c.what.c_str(), c.model.c_str(), static_cast<long long>(c.batch), ns,
                ratio.substr(0, 5).c_str());
  }
  return 0;
}
