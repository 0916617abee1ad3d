// The D9 convolutional front end on 28x28 grayscale images, batch 64:
//   Conv(1→8, 3x3, pad 1) → leaky-relu → MaxPool 2 → Conv(8→16, 3x3, pad 1) → leaky-relu → MaxPool 2
// forward, and forward + backward; items/s = images/s.
#include <benchmark/benchmark.h>

#include <memory>
#include <vector>

#include "core/activation.hpp"
#include "core/conv2d.hpp"
#include "core/max_pool.hpp"
#include "core/rng.hpp"

namespace {

using namespace hqnn;

struct FrontEnd {
  std::vector<std::unique_ptr<Layer>> layers;
  std::vector<Matrix> acts, grads;

  explicit FrontEnd(uint64_t seed) {
    Rng rng(seed, kStreamInit);
    auto conv1 = std::make_unique<Conv2d>("conv1", Conv2dShape{1, 8, 28, 28, 3, 1, 1}, rng);
    conv1->set_input_gradient(false);  // as in a model: nothing precedes it
    layers.push_back(std::move(conv1));
    layers.push_back(std::make_unique<LeakyRelu>(8 * 28 * 28, Real(0.01)));
    layers.push_back(std::make_unique<MaxPool2d>(8, 28, 28, 2));
    layers.push_back(std::make_unique<Conv2d>("conv2", Conv2dShape{8, 16, 14, 14, 3, 1, 1}, rng));
    layers.push_back(std::make_unique<LeakyRelu>(16 * 14 * 14, Real(0.01)));
    layers.push_back(std::make_unique<MaxPool2d>(16, 14, 14, 2));
    acts.resize(layers.size() + 1);
    grads.resize(layers.size() + 1);
  }
  void forward(const Matrix& x) {
    acts[0] = x;
    for (size_t i = 0; i < layers.size(); ++i) layers[i]->forward(acts[i], acts[i + 1]);
  }
  void backward() {
    grads.back() = Matrix::Ones(acts.back().rows(), acts.back().cols());
    for (size_t i = layers.size(); i-- > 0;) layers[i]->backward(grads[i + 1], grads[i]);
  }
};

Matrix random_images(Index batch) {
  Rng rng(7);
  Matrix x(batch, 28 * 28);
  for (Index c = 0; c < x.cols(); ++c)
    for (Index b = 0; b < batch; ++b) x(b, c) = static_cast<Real>(rng.uniform());
  return x;
}

void BM_ConvFrontEndForward(benchmark::State& state) {
  const Index batch = state.range(0);
  FrontEnd net(1);
  const Matrix x = random_images(batch);
  for (auto _ : state) {
    net.forward(x);
    benchmark::DoNotOptimize(net.acts.back().data());
  }
  state.SetItemsProcessed(state.iterations() * batch);
}

void BM_ConvFrontEndForwardBackward(benchmark::State& state) {
  const Index batch = state.range(0);
  FrontEnd net(1);
  const Matrix x = random_images(batch);
  for (auto _ : state) {
    net.forward(x);
    net.backward();
    benchmark::DoNotOptimize(net.grads[0].data());
  }
  state.SetItemsProcessed(state.iterations() * batch);
}

// Each layer alone (forward + backward), to see where the time goes.
void BM_ConvFrontEndLayer(benchmark::State& state) {
  const Index batch = 64;
  const size_t layer = static_cast<size_t>(state.range(0));
  FrontEnd net(1);
  net.forward(random_images(batch));
  net.backward();
  state.SetLabel(net.layers[layer]->kind());
  for (auto _ : state) {
    net.layers[layer]->forward(net.acts[layer], net.acts[layer + 1]);
    net.layers[layer]->backward(net.grads[layer + 1], net.grads[layer]);
  }
  state.SetItemsProcessed(state.iterations() * batch);
}

}  // namespace

BENCHMARK(BM_ConvFrontEndForward)->Arg(64)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ConvFrontEndForwardBackward)->Arg(64)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ConvFrontEndLayer)->DenseRange(0, 5)->Unit(benchmark::kMicrosecond);

BENCHMARK_MAIN();
