// The fully connected layer, forward + backward, on its kernels (the machine's
// widest instruction set; HQNN_SIMD=portable|avx2 lowers it) and on the
// reference (Eigen's products), at the shapes of the playground's models:
// iris with n = 64 (4→64, 64→3, batch 16) and the convolutional models'
// Linear(784→64), Linear(64→64) and Linear(64→4) at batch 64. items/s = samples/s.
//
//   build-native/bench/bench_linear --benchmark_filter=784
#include <benchmark/benchmark.h>

#include "core/linear.hpp"
#include "core/rng.hpp"

namespace {

using namespace hqnn;

// args: in, out, batch, 1 = kernels / 0 = reference
void BM_LinearForwardBackward(benchmark::State& state) {
  const Index in = state.range(0), out = state.range(1), batch = state.range(2);
  Rng rng(5);
  Linear fc("fc", in, out, rng);
  if (state.range(3)) fc.use_kernels(simd_isa());
  else fc.use_reference();
  Matrix x(batch, in), g(batch, out), y, grad_in;
  for (Index k = 0; k < x.size(); ++k) x.data()[k] = static_cast<Real>(rng.uniform(-1, 1));
  for (Index k = 0; k < g.size(); ++k) g.data()[k] = static_cast<Real>(rng.uniform(-1, 1));
  for (auto _ : state) {
    fc.forward(x, y);
    fc.backward(g, grad_in);
    benchmark::DoNotOptimize(grad_in.data());
    benchmark::DoNotOptimize(fc.weight_grad.data());
  }
  state.SetItemsProcessed(state.iterations() * batch);
  state.SetLabel(state.range(3) ? enum_name(simd_isa()) : "eigen");
}

}  // namespace

BENCHMARK(BM_LinearForwardBackward)
    ->ArgNames({"in", "out", "batch", "kernels"})
    ->ArgsProduct({{4}, {64}, {16}, {0, 1}})
    ->ArgsProduct({{64}, {3}, {16}, {0, 1}})
    ->ArgsProduct({{784}, {64}, {64}, {0, 1}})
    ->ArgsProduct({{64}, {64, 4}, {64}, {0, 1}});

BENCHMARK_MAIN();
