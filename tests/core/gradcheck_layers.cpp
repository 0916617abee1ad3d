// Finite-difference gradient checks (double precision) for every layer.
#include <gtest/gtest.h>

#include "core/activation.hpp"
#include "core/amplitude_encoding.hpp"
#include "core/classical_skip_stack.hpp"
#include "core/linear.hpp"
#include "core/orthogonal_linear.hpp"
#include "core/quantum_stack.hpp"
#include "core/rng.hpp"
#include "gradcheck.hpp"

using namespace hqnn;
using namespace hqnn::gradcheck;

TEST(GradcheckLayers, Linear) {
  Rng rng(1);
  Linear layer("fc", 5, 3, rng);
  expect_layer_gradients(layer, random_input(4, 5, 2));
}

TEST(GradcheckLayers, LeakyRelu) {
  LeakyRelu layer(6, 0.1);
  expect_layer_gradients(layer, random_input(4, 6, 3));
}

TEST(GradcheckLayers, RotReluEvenAndOddWidths) {
  RotRelu even(6), odd(5);
  expect_layer_gradients(even, random_input(4, 6, 4));
  expect_layer_gradients(odd, random_input(4, 5, 5));
}

TEST(GradcheckLayers, Tanh) {
  Tanh layer(6);
  expect_layer_gradients(layer, random_input(4, 6, 3));
}

// The Cayley map's gradient with respect to the unconstrained S, with and without a form ① offset.
TEST(GradcheckLayers, OrthogonalLinear) {
  Rng rng(2);
  OrthogonalLinear layer("o", 5, rng);
  expect_layer_gradients(layer, random_input(4, 5, 8));
  layer.weight_offset = random_input(5, 5, 9) * 0.3;
  expect_layer_gradients(layer, random_input(4, 5, 10));
}

struct ClassicalSkipCase {
  SkipTopology topology;
  SkipBranch branch;
};

class GradcheckClassicalSkipStack : public ::testing::TestWithParam<ClassicalSkipCase> {};

// λ, the layers' weights and the input, also with both forms of attack offset installed.
TEST_P(GradcheckClassicalSkipStack, WeightsLambdasAndInput) {
  ClassicalSkipStackOptions o;
  o.topology = GetParam().topology;
  o.branch = GetParam().branch;
  o.width = 4;
  o.layers = 3;
  o.lambda_init = 0.7;
  o.leaky_slope = 0.1;
  Rng rng(6);
  ClassicalSkipStack stack("c", o, rng);
  expect_layer_gradients(stack, random_input(3, 4, 13));
  const AttackTarget t = stack.attack_target(1);
  *t.weight_offset = random_input(4, 4, 14) * 0.2;
  *t.output_offset = random_input(1, 4, 15) * 0.2;
  expect_layer_gradients(stack, random_input(3, 4, 16));
}

INSTANTIATE_TEST_SUITE_P(
    Branches, GradcheckClassicalSkipStack,
    ::testing::Values(ClassicalSkipCase{SkipTopology::residual, SkipBranch::leaky},
                      ClassicalSkipCase{SkipTopology::dense, SkipBranch::leaky},
                      ClassicalSkipCase{SkipTopology::residual, SkipBranch::tanh},
                      ClassicalSkipCase{SkipTopology::dense, SkipBranch::tanh},
                      ClassicalSkipCase{SkipTopology::residual, SkipBranch::orthogonal},
                      ClassicalSkipCase{SkipTopology::dense, SkipBranch::orthogonal}),
    [](const ::testing::TestParamInfo<ClassicalSkipCase>& info) {
      return std::string(enum_name(info.param.topology)) + "_" + enum_name(info.param.branch);
    });

TEST(GradcheckLayers, AmplitudeEncoding) {
  AmplitudeEncoding layer(5);
  expect_layer_gradients(layer, random_input(3, 5, 6));
}

TEST(GradcheckLayers, AmplitudeEncodingOfZeroInputIsUniformAndFinite) {
  AmplitudeEncoding layer(4);
  Matrix x = Matrix::Zero(2, 4), out, grad_in;
  x.row(1) << 3, 0, 4, 0;
  layer.forward(x, out);
  for (Index c = 0; c < 4; ++c) EXPECT_DOUBLE_EQ(out(0, c), 0.5);
  EXPECT_DOUBLE_EQ(out(1, 0), 0.6);
  EXPECT_DOUBLE_EQ(out(1, 2), 0.8);
  layer.backward(Matrix::Ones(2, 4), grad_in);
  EXPECT_TRUE(grad_in.allFinite());
  EXPECT_EQ(grad_in.row(0).cwiseAbs().maxCoeff(), 0.0);
}

struct StackCase {
  SkipTopology topology;
  bool renormalize;
  int width, layers;
};

class GradcheckQuantumStack : public ::testing::TestWithParam<StackCase> {};

TEST_P(GradcheckQuantumStack, AnglesLambdasAndInput) {
  const StackCase c = GetParam();
  QuantumStackOptions o;
  o.topology = c.topology;
  o.renormalize = c.renormalize;
  o.width = c.width;
  o.layers = c.layers;
  o.lambda_init = 0.7;
  Rng rng(7);
  QuantumStack stack("q", o, rng);
  // non-uniform λ so that each one matters differently
  for (auto& b : stack.params())
    if (b.kind == ParamKind::lambda)
      for (Index k = 0; k < b.size; ++k) b.value[k] = 0.3 + 0.2 * static_cast<double>(k) + 0.1 * rng.uniform();
  expect_layer_gradients(stack, random_input(3, c.width, 8));
}

INSTANTIATE_TEST_SUITE_P(
    Topologies, GradcheckQuantumStack,
    ::testing::Values(StackCase{SkipTopology::plain, false, 4, 3}, StackCase{SkipTopology::residual, false, 4, 3},
                      StackCase{SkipTopology::dense, false, 4, 3}, StackCase{SkipTopology::dense, true, 5, 3},
                      StackCase{SkipTopology::residual, true, 2, 2}, StackCase{SkipTopology::dense, false, 8, 4}),
    [](const ::testing::TestParamInfo<StackCase>& info) {
      const StackCase& c = info.param;
      return std::string(enum_name(c.topology)) + (c.renormalize ? "_renorm" : "") + "_n" +
             std::to_string(c.width) + "_L" + std::to_string(c.layers);
    });

// Under a form-② attack the gates are not rotations; the backward pass must
// still invert them exactly and give the right gradients.
TEST(GradcheckLayers, QuantumStackWithPerturbedGates) {
  QuantumStackOptions o;
  o.topology = SkipTopology::dense;
  o.width = 5;
  o.layers = 2;
  Rng rng(21);
  QuantumStack stack("q", o, rng);
  for (int l = 0; l < 2; ++l) {
    GatePerturbation& p = stack.perturbation(l);
    for (int r = 0; r < stack.gates_per_layer(); ++r) {
      p.angle.push_back(0.1 * rng.normal());
      p.c.push_back(0.2 * rng.normal());
      p.s.push_back(0.2 * rng.normal());
    }
  }
  expect_layer_gradients(stack, random_input(3, 5, 22));
}
