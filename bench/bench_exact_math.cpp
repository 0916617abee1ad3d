// Cost of the project's own exp / log / sin / cos (core/exact_math.hpp) beside
// the C library's, per call, over the inputs the project feeds them:
// softmax exponents in [-20, 0], Box–Muller's log of (0, 1] and sin / cos of
// [0, 2π), gate angles in [-π, π].
#include <benchmark/benchmark.h>

#include <cmath>
#include <vector>

#include "core/exact_math.hpp"
#include "core/rng.hpp"

namespace {

template <typename T>
std::vector<T> inputs(double lo, double hi) {
  hqnn::Rng rng(3, 0);
  std::vector<T> x(4096);
  for (auto& v : x) v = static_cast<T>(rng.uniform(lo, hi));
  return x;
}

template <typename T, typename F>
void run(benchmark::State& state, F f, double lo, double hi) {
  const std::vector<T> x = inputs<T>(lo, hi);
  std::vector<T> y(x.size());
  for (auto _ : state) {
    for (size_t i = 0; i < x.size(); ++i) y[i] = f(x[i]);
    benchmark::DoNotOptimize(y.data());
    benchmark::ClobberMemory();
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * x.size()));
}

void BM_ExpFloat_Exact(benchmark::State& s) { run<float>(s, [](float x) { return hqnn::exact::exp(x); }, -20, 0); }
void BM_ExpFloat_Libm(benchmark::State& s) { run<float>(s, [](float x) { return std::exp(x); }, -20, 0); }
void BM_ExpDouble_Exact(benchmark::State& s) { run<double>(s, [](double x) { return hqnn::exact::exp(x); }, -20, 0); }
void BM_ExpDouble_Libm(benchmark::State& s) { run<double>(s, [](double x) { return std::exp(x); }, -20, 0); }
void BM_LogDouble_Exact(benchmark::State& s) { run<double>(s, [](double x) { return hqnn::exact::log(x); }, 1e-9, 1); }
void BM_LogDouble_Libm(benchmark::State& s) { run<double>(s, [](double x) { return std::log(x); }, 1e-9, 1); }
void BM_SinDouble_Exact(benchmark::State& s) { run<double>(s, [](double x) { return hqnn::exact::sin(x); }, 0, 2 * M_PI); }
void BM_SinDouble_Libm(benchmark::State& s) { run<double>(s, [](double x) { return std::sin(x); }, 0, 2 * M_PI); }
void BM_CosDouble_Exact(benchmark::State& s) { run<double>(s, [](double x) { return hqnn::exact::cos(x); }, 0, 2 * M_PI); }
void BM_CosDouble_Libm(benchmark::State& s) { run<double>(s, [](double x) { return std::cos(x); }, 0, 2 * M_PI); }
void BM_SinFloat_Exact(benchmark::State& s) { run<float>(s, [](float x) { return hqnn::exact::sin(x); }, -M_PI, M_PI); }
void BM_SinFloat_Libm(benchmark::State& s) { run<float>(s, [](float x) { return std::sin(x); }, -M_PI, M_PI); }
void BM_CosFloat_Exact(benchmark::State& s) { run<float>(s, [](float x) { return hqnn::exact::cos(x); }, -M_PI, M_PI); }
void BM_CosFloat_Libm(benchmark::State& s) { run<float>(s, [](float x) { return std::cos(x); }, -M_PI, M_PI); }

// One standard normal (Box–Muller: a log, a sin and a cos per pair), as the noises and attacks draw them.
void BM_RngNormal(benchmark::State& s) {
  hqnn::Rng rng(5, 0);
  for (auto _ : s) benchmark::DoNotOptimize(rng.normal());
  s.SetItemsProcessed(s.iterations());
}

BENCHMARK(BM_ExpFloat_Exact);
BENCHMARK(BM_ExpFloat_Libm);
BENCHMARK(BM_ExpDouble_Exact);
BENCHMARK(BM_ExpDouble_Libm);
BENCHMARK(BM_LogDouble_Exact);
BENCHMARK(BM_LogDouble_Libm);
BENCHMARK(BM_SinDouble_Exact);
BENCHMARK(BM_SinDouble_Libm);
BENCHMARK(BM_CosDouble_Exact);
BENCHMARK(BM_CosDouble_Libm);
BENCHMARK(BM_SinFloat_Exact);
BENCHMARK(BM_SinFloat_Libm);
BENCHMARK(BM_CosFloat_Exact);
BENCHMARK(BM_CosFloat_Libm);
BENCHMARK(BM_RngNormal);

}  // namespace

BENCHMARK_MAIN();
