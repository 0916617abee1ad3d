// Finite-difference gradient checks (double precision) for the convolutional
// layers: conv weights, bias and input, max-pool input, and the D9 front end.
#include <gtest/gtest.h>

#include "core/activation.hpp"
#include "core/conv2d.hpp"
#include "core/max_pool.hpp"
#include "core/rng.hpp"
#include "gradcheck.hpp"

using namespace hqnn;
using namespace hqnn::gradcheck;

struct ConvCase {
  int in_channels, out_channels, height, width, kernel, padding, stride;
};

class GradcheckConv2d : public ::testing::TestWithParam<ConvCase> {};

TEST_P(GradcheckConv2d, WeightsBiasAndInput) {
  const ConvCase c = GetParam();
  Rng rng(7);
  Conv2d layer("conv", {c.in_channels, c.out_channels, c.height, c.width, c.kernel, c.padding, c.stride}, rng);
  expect_layer_gradients(layer, random_input(3, layer.input_width(), 11));
}

INSTANTIATE_TEST_SUITE_P(Shapes, GradcheckConv2d,
                         ::testing::Values(ConvCase{1, 1, 3, 3, 2, 0, 1},   // the hand-computed example
                                           ConvCase{1, 2, 5, 4, 3, 1, 1},   // padding, non-square image
                                           ConvCase{2, 3, 5, 5, 3, 1, 1},   // several channels in and out
                                           ConvCase{3, 2, 6, 5, 3, 0, 2},   // stride 2, no padding
                                           ConvCase{2, 2, 4, 4, 1, 0, 1},   // 1x1 kernel
                                           ConvCase{1, 2, 4, 4, 3, 2, 1})); // padding wider than a border

TEST(GradcheckMaxPool2d, Input) {
  MaxPool2d pool2(2, 4, 6, 2), pool3(1, 7, 6, 3);  // 7 rows: the last row is dropped
  expect_layer_gradients(pool2, random_input(3, pool2.input_width(), 12));
  expect_layer_gradients(pool3, random_input(3, pool3.input_width(), 13));
}

// The D9 front end in miniature: conv → leaky-relu → pool → conv → leaky-relu → pool.
TEST(GradcheckConvFrontEnd, ChainRuleThroughEveryLayer) {
  Rng rng(3);
  Conv2d conv1("conv1", {1, 2, 8, 8, 3, 1, 1}, rng);
  LeakyRelu act1(conv1.output_width(), 0.1);
  MaxPool2d pool1(2, 8, 8, 2);
  Conv2d conv2("conv2", {2, 3, 4, 4, 3, 1, 1}, rng);
  LeakyRelu act2(conv2.output_width(), 0.1);
  MaxPool2d pool2(3, 4, 4, 2);
  std::vector<Layer*> net{&conv1, &act1, &pool1, &conv2, &act2, &pool2};
  const Matrix x = random_input(2, 64, 21);
  const Matrix w = random_input(2, pool2.output_width(), 22);
  auto loss = [&](const Matrix& in) {
    Matrix a = in, b;
    for (Layer* l : net) {
      l->forward(a, b);
      std::swap(a, b);
    }
    return (a.array() * w.array()).sum();
  };
  loss(x);
  Matrix g = w, g_in;
  for (auto it = net.rbegin(); it != net.rend(); ++it) {
    (*it)->backward(g, g_in);
    std::swap(g, g_in);
  }
  const Conv2d::WeightMatrix w1 = conv1.weight_grad;
  const double h = 1e-6;
  for (Index k = 0; k < conv1.weight.size(); ++k) {
    const double saved = conv1.weight.data()[k];
    conv1.weight.data()[k] = saved + h;
    const double up = loss(x);
    conv1.weight.data()[k] = saved - h;
    const double down = loss(x);
    conv1.weight.data()[k] = saved;
    expect_close(w1.data()[k], (up - down) / (2 * h), "conv1.weight[" + std::to_string(k) + "]");
  }
  for (Index c = 0; c < x.cols(); c += 5) {
    Matrix xp = x, xm = x;
    xp(1, c) += h;
    xm(1, c) -= h;
    expect_close(g(1, c), (loss(xp) - loss(xm)) / (2 * h), "input(1," + std::to_string(c) + ")");
  }
}
