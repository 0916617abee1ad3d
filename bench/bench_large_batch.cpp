// Large forward batches through the core's own entry points: the quantum stack
// and Model::forward on a whole batch (no thread pool), and evaluate() (chunks
// on a one-thread pool). Power-of-two batch sizes (1024, 4096, 16384) beside
// their neighbours (1040, 4112, 16400): on the batch-contiguous layout a
// power-of-two leading dimension maps every amplitude row to the same cache
// sets, which the quantum stack and the Linear layer avoid by computing such a
// batch at a padded stride (kernels/cache_sets.hpp). bench_pow2_batches times
// the same in thread CPU time, least of interleaved passes, with evaluate().
//
// Counter "per_sample": time per sample of the whole pass.
#include <benchmark/benchmark.h>

#include "core/model.hpp"
#include "core/quantum_stack.hpp"
#include "core/random_matrix.hpp"
#include "core/rng.hpp"
#include "core/trainer.hpp"

using namespace hqnn;

namespace {

void per_sample_counter(benchmark::State& state, Index batch) {
  state.counters["per_sample"] = benchmark::Counter(static_cast<double>(state.iterations() * batch),
                                                    benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}

// One plain quantum-inspired layer (TQFNN's stack, L = 1): the V chain and its copies.
void BM_QuantumStackForward(benchmark::State& state) {
  const int n = static_cast<int>(state.range(0));
  const Index batch = state.range(1);
  Rng rng(1);
  QuantumStackOptions o;
  o.topology = SkipTopology::plain;
  o.width = n;
  o.layers = 1;
  QuantumStack stack("q", o, rng);
  const Matrix x = random_batch(batch, n, 2);
  Matrix y;
  for (auto _ : state) {
    stack.forward(x, y);
    benchmark::DoNotOptimize(y.data());
  }
  per_sample_counter(state, batch);
}

// A QDFNN on 64 features (n = 64, L = 2), whole batch at once.
void BM_ModelForward(benchmark::State& state) {
  const Index batch = state.range(1);
  ModelOptions mo;
  mo.width = static_cast<int>(state.range(0));
  Model model(mo, mo.width, 4);
  const Matrix x = random_batch(batch, mo.width, 3);
  for (auto _ : state) benchmark::DoNotOptimize(model.forward(x).data());
  per_sample_counter(state, batch);
}

// evaluate() in its batches of `batch` on one thread.
void BM_Evaluate(benchmark::State& state) {
  const Index batch = state.range(1);
  ModelOptions mo;
  mo.width = static_cast<int>(state.range(0));
  Model model(mo, mo.width, 4);
  Dataset data;
  data.features = random_batch(batch, mo.width, 4);
  data.labels.assign(static_cast<size_t>(batch), 0);
  data.class_names = {"a", "b", "c", "d"};
  for (auto _ : state) benchmark::DoNotOptimize(evaluate(model, data, static_cast<int>(batch)).accuracy);
  per_sample_counter(state, batch);
}

void batches(benchmark::internal::Benchmark* b) {
  for (long batch : {1024L, 1040L, 4096L, 4112L, 16384L, 16400L}) b->Args({64, batch});
}

}  // namespace

BENCHMARK(BM_QuantumStackForward)->Apply(batches)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_ModelForward)->Apply(batches)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_Evaluate)->Args({64, 4096})->Args({64, 4112})->Unit(benchmark::kMicrosecond);

BENCHMARK_MAIN();
