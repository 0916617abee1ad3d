// The V chain: fast kernel (per instruction set) vs the plain loop compiled
// for SSE2 and for this machine's best instruction set, vs the paper's way
// (build U from 2n-3 dense products, then apply it), and whole-model training
// throughput.
//
// Counters: "per_sample" is time per sample per layer (fwd or fwd+bwd);
// items_per_second in the training benchmarks is samples/s of a full
// optimiser step (forward, backward, Adam).
#include <benchmark/benchmark.h>

#include <Eigen/Dense>
#include <cmath>

#include "core/givens_chain.hpp"
#include "core/model.hpp"
#include "core/optimizer.hpp"
#include "core/quantum_stack.hpp"
#include "core/random_matrix.hpp"
#include "core/rng.hpp"
#include "data/csv_loader.hpp"
#include "plain_loop_native_isa.hpp"

using namespace hqnn;

namespace {

std::vector<Real> random_angles(int n) {
  Rng rng(2);
  std::vector<Real> a(static_cast<size_t>(givens_gate_count(n)));
  for (auto& x : a) x = static_cast<Real>(rng.uniform(-kPi, kPi));
  return a;
}

void per_sample_counter(benchmark::State& state, Index batch) {
  state.counters["per_sample"] = benchmark::Counter(static_cast<double>(state.iterations() * batch),
                                                    benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}

void BM_GivensForward(benchmark::State& state) {
  const int n = static_cast<int>(state.range(0));
  const Index batch = state.range(1);
  const auto angles = random_angles(n);
  GivensGates gates;
  givens_rotation_gates(angles.data(), givens_gate_count(n), gates);
  Matrix x = random_batch(batch, n, 1);
  for (auto _ : state) {
    givens_chain_forward(gates, n, x.data(), batch, batch);
    benchmark::DoNotOptimize(x.data());
    benchmark::ClobberMemory();
  }
  per_sample_counter(state, batch);
}

void BM_GivensForwardBackward(benchmark::State& state) {
  const int n = static_cast<int>(state.range(0));
  const Index batch = state.range(1);
  const auto angles = random_angles(n);
  GivensGates gates;
  Matrix x = random_batch(batch, n, 1), g = random_batch(batch, n, 3);
  std::vector<Real> angle_grad(angles.size(), 0);
  for (auto _ : state) {
    givens_rotation_gates(angles.data(), givens_gate_count(n), gates);  // part of every forward pass
    givens_chain_forward(gates, n, x.data(), batch, batch);
    givens_chain_backward(gates, n, x.data(), g.data(), angle_grad.data(), batch, batch);
    benchmark::DoNotOptimize(angle_grad.data());
    benchmark::ClobberMemory();
  }
  per_sample_counter(state, batch);
}

// The quantum-inspired layer around the kernel: a QuantumStack of one plain
// layer (no skips), forward and backward, its copies and gate building
// included. Its angles stay put, so cos and sin come from its cache; /n/batch/1
// moves every angle by one ulp per iteration, as an optimiser step does, so
// that each iteration computes them again.
void BM_QuantumLayerForwardBackward(benchmark::State& state) {
  const int n = static_cast<int>(state.range(0));
  const Index batch = state.range(1);
  QuantumStackOptions o;
  o.topology = SkipTopology::plain;
  o.width = n;
  o.layers = 1;
  Rng rng(2);
  QuantumStack layer("q", o, rng);
  const Matrix x = random_batch(batch, n, 1), g = random_batch(batch, n, 3);
  Matrix out, grad_in;
  const bool step = state.range(2) != 0;
  for (auto _ : state) {
    if (step) {
      Real* angles = layer.layer_angles(0);
      for (int r = 0; r < layer.gates_per_layer(); ++r) angles[r] = std::nextafter(angles[r], Real(4));
    }
    layer.forward(x, out);
    layer.backward(g, grad_in);
    benchmark::DoNotOptimize(grad_in.data());
    benchmark::ClobberMemory();
  }
  state.SetLabel(step ? "angles change every iteration" : "cached cos/sin");
  per_sample_counter(state, batch);
}

// Forward + backward as in training (gates from the angles, forward, backward)
// with a given pair of chain functions.
// `general`: the gates marked as not rotations, so that the backward pass takes
// the general path of a form-② attacked layer (the only path before the
// rotation path existed).
template <class Forward, class Backward>
void forward_backward_with(benchmark::State& state, Forward forward, Backward backward, bool general = false) {
  const int n = static_cast<int>(state.range(0));
  const Index batch = state.range(1);
  const auto angles = random_angles(n);
  GivensGates gates;
  Matrix x = random_batch(batch, n, 1), g = random_batch(batch, n, 3);
  std::vector<Real> angle_grad(angles.size(), 0);
  for (auto _ : state) {
    givens_rotation_gates(angles.data(), givens_gate_count(n), gates);
    if (general) gates.rotation = false;
    forward(gates, n, x.data(), batch, batch);
    backward(gates, n, x.data(), g.data(), angle_grad.data(), batch, batch);
    benchmark::DoNotOptimize(angle_grad.data());
    benchmark::ClobberMemory();
  }
  per_sample_counter(state, batch);
}

// The fast kernel of one instruction set: /isa/n/batch with isa 0 portable, 1 avx2, 2 avx512.
void BM_GivensKernelForwardBackward(benchmark::State& state) {
  const SimdIsa isa = static_cast<SimdIsa>(state.range(2));
  if (!simd_isa_available(isa)) {
    state.SkipWithError("instruction set not available");
    return;
  }
  state.SetLabel(enum_name(isa));
  forward_backward_with(
      state, [isa](const GivensGates& g, int n, Real* s, Index b, Index ld) { givens_chain_forward(isa, g, n, s, b, ld); },
      [isa](const GivensGates& g, int n, Real* s, Real* gr, Real* ag, Index b, Index ld) {
        givens_chain_backward(isa, g, n, s, gr, ag, b, ld);
      });
}

// The same on the general path (a form-② attacked layer's).
void BM_GivensKernelForwardBackwardGeneral(benchmark::State& state) {
  const SimdIsa isa = static_cast<SimdIsa>(state.range(2));
  if (!simd_isa_available(isa)) {
    state.SkipWithError("instruction set not available");
    return;
  }
  state.SetLabel(enum_name(isa));
  forward_backward_with(
      state, [isa](const GivensGates& g, int n, Real* s, Index b, Index ld) { givens_chain_forward(isa, g, n, s, b, ld); },
      [isa](const GivensGates& g, int n, Real* s, Real* gr, Real* ag, Index b, Index ld) {
        givens_chain_backward(isa, g, n, s, gr, ag, b, ld);
      },
      true);
}

// The plain loop as the default build compiles it (SSE2 on x86-64).
void BM_PlainLoopForwardBackward(benchmark::State& state) {
  forward_backward_with(state, givens_chain_forward_reference, givens_chain_backward_reference);
}

// The plain loop compiled with -march=native.
void BM_PlainLoopNativeIsaForwardBackward(benchmark::State& state) {
  forward_backward_with(state, native_plain_chain_forward, native_plain_chain_backward);
}

// The plain rotation loop compiled with -march=native, forward and the short
// backward with an omp simd reduction: the target is <= 1.2x this on AVX2.
void BM_RotationLoopNativeIsaForwardBackward(benchmark::State& state) {
  forward_backward_with(state, native_rotation_loop_forward, native_rotation_loop_backward);
}

void isa_args(benchmark::internal::Benchmark* b) {
  for (int n : {16, 64, 256})
    for (int isa : {0, 1, 2}) b->Args({n, 256, isa});
}

void yardstick_args(benchmark::internal::Benchmark* b) {
  for (int n : {16, 64, 256}) b->Args({n, 256});
}

// The paper's cost model (C ~ B·I·L·n⁴): U = T(α_0)···T(α_{2n-4}) multiplied out
// as dense n x n matrices once per batch, then applied to the batch.
void BM_DenseUForward(benchmark::State& state) {
  const int n = static_cast<int>(state.range(0));
  const Index batch = state.range(1);
  const auto angles = random_angles(n);
  const Matrix x = random_batch(batch, n, 1);
  Matrix y(batch, n);
  using Dense = Eigen::Matrix<Real, Eigen::Dynamic, Eigen::Dynamic>;
  Dense u(n, n), t(n, n), tmp(n, n);
  for (auto _ : state) {
    u.setIdentity();
    for (int r = 0; r < givens_gate_count(n); ++r) {
      const int p = givens_gate_pair(r, n);
      t.setIdentity();
      t(p, p) = std::cos(angles[r]);
      t(p, p + 1) = -std::sin(angles[r]);
      t(p + 1, p) = std::sin(angles[r]);
      t(p + 1, p + 1) = std::cos(angles[r]);
      tmp.noalias() = u * t;
      u.swap(tmp);
    }
    y.noalias() = x * u.transpose();
    benchmark::DoNotOptimize(y.data());
  }
  per_sample_counter(state, batch);
}

void kernel_args(benchmark::internal::Benchmark* b) {
  for (int n : {4, 16, 64, 256, 1024})
    for (int batch : {1, 64, 256}) b->Args({n, batch});
}

void dense_args(benchmark::internal::Benchmark* b) {
  for (int n : {4, 16, 64, 256})
    for (int batch : {1, 64, 256}) b->Args({n, batch});
}

BENCHMARK(BM_GivensForward)->Apply(kernel_args);
BENCHMARK(BM_GivensForwardBackward)->Apply(kernel_args);
BENCHMARK(BM_GivensKernelForwardBackward)->Apply(isa_args);
BENCHMARK(BM_PlainLoopForwardBackward)->Apply(yardstick_args);
BENCHMARK(BM_GivensKernelForwardBackwardGeneral)->Apply(isa_args);
BENCHMARK(BM_QuantumLayerForwardBackward)->Args({64, 256, 0})->Args({64, 256, 1});
BENCHMARK(BM_PlainLoopNativeIsaForwardBackward)->Apply(yardstick_args);
BENCHMARK(BM_RotationLoopNativeIsaForwardBackward)->Apply(yardstick_args);
BENCHMARK(BM_DenseUForward)->Apply(dense_args)->Unit(benchmark::kMicrosecond);

// One optimiser step (forward, backward, Adam) of a model on a batch.
void train_steps(benchmark::State& state, Model& model, const Matrix& x, const std::vector<int>& y) {
  Optimizer opt(OptimizerOptions{});
  Matrix grad;
  for (auto _ : state) {
    softmax_cross_entropy(model.forward(x), y, &grad);
    model.backward(grad);
    opt.step(model.params());
  }
  state.SetItemsProcessed(state.iterations() * x.rows());
}

void BM_TrainQdfnnIris(benchmark::State& state) {
  const Dataset iris = load_iris();
  ModelOptions mo;
  mo.kind = ModelKind::qdfnn;
  mo.layers = static_cast<int>(state.range(0));
  Model model(mo, 4, 3);
  const Index batch = 64;
  Matrix x = iris.features.topRows(batch);
  std::vector<int> y(iris.labels.begin(), iris.labels.begin() + batch);
  train_steps(state, model, x, y);
}

void BM_TrainQdfnnWide(benchmark::State& state) {
  const Index n = state.range(0), batch = 64;
  ModelOptions mo;
  mo.kind = ModelKind::qdfnn;
  mo.layers = 4;
  Model model(mo, n, 4);
  const Matrix x = random_batch(batch, n, 5);
  std::vector<int> y(static_cast<size_t>(batch));
  for (Index i = 0; i < batch; ++i) y[static_cast<size_t>(i)] = static_cast<int>(i % 4);
  train_steps(state, model, x, y);
}

BENCHMARK(BM_TrainQdfnnIris)->Arg(2)->Arg(4);
BENCHMARK(BM_TrainQdfnnWide)->Arg(64)->Arg(256);

}  // namespace

BENCHMARK_MAIN();
