// Finite-difference gradient checks of whole models: softmax cross-entropy
// loss through the output layer (Eq. 10), the quantum-inspired stack and the
// encoding, for every model family.
#include <gtest/gtest.h>

#include "core/model.hpp"
#include "gradcheck.hpp"

using namespace hqnn;
using namespace hqnn::gradcheck;

struct ModelCase {
  ModelKind kind;
  int width;  // 0: the input width
  bool renormalize;
};

class GradcheckModel : public ::testing::TestWithParam<ModelCase> {};

TEST_P(GradcheckModel, EveryParameterMatchesFiniteDifferences) {
  const ModelCase c = GetParam();
  ModelOptions o;
  o.kind = c.kind;
  o.layers = 3;
  o.width = c.width;
  o.renormalize = c.renormalize;
  o.seed = 5;
  const Index inputs = 5;
  Model model(o, inputs, 3);
  // Move λ off their common start so that each term is distinguishable, and
  // biases off zero: a sample whose hidden activations are all zero would
  // otherwise sit exactly on a ReLU kink, where finite differences are meaningless.
  Rng rng(3);
  for (auto& b : model.params())
    if (b.kind == ParamKind::lambda || b.kind == ParamKind::bias)
      for (Index k = 0; k < b.size; ++k) b.value[k] = 0.5 + rng.uniform();
  const Matrix x = random_input(4, inputs, 11);
  const std::vector<int> y = {0, 2, 1, 2};
  auto loss = [&] { return softmax_cross_entropy(model.forward(x), y, nullptr); };
  Matrix grad;
  softmax_cross_entropy(model.forward(x), y, &grad);
  model.backward(grad);
  const double h = 1e-6;
  for (auto& b : model.params()) {
    const std::vector<double> analytic(b.grad, b.grad + b.size);
    for (Index k = 0; k < b.size; ++k) {
      const double saved = b.value[k];
      b.value[k] = saved + h;
      const double up = loss();
      b.value[k] = saved - h;
      const double down = loss();
      b.value[k] = saved;
      expect_close(analytic[static_cast<size_t>(k)], (up - down) / (2 * h), b.name + "[" + std::to_string(k) + "]");
    }
  }
}

INSTANTIATE_TEST_SUITE_P(
    Families, GradcheckModel,
    ::testing::Values(ModelCase{ModelKind::tqfnn, 0, false}, ModelCase{ModelKind::qrfnn, 0, false},
                      ModelCase{ModelKind::qdfnn, 0, false}, ModelCase{ModelKind::qdfnn, 0, true},
                      ModelCase{ModelKind::qdfnn, 6, false}, ModelCase{ModelKind::mlp_leaky, 4, false},
                      ModelCase{ModelKind::mlp_rot, 4, false}, ModelCase{ModelKind::mlp_rot, 5, false}),
    [](const ::testing::TestParamInfo<ModelCase>& info) {
      std::string name = model_kind_name(info.param.kind);
      for (auto& ch : name)
        if (ch == '-') ch = '_';
      return name + "_n" + std::to_string(info.param.width) + (info.param.renormalize ? "_renorm" : "");
    });

TEST(GradcheckLoss, SoftmaxCrossEntropy) {
  Matrix logits = random_input(3, 4, 2);
  const std::vector<int> y = {3, 0, 1};
  Matrix grad;
  softmax_cross_entropy(logits, y, &grad);
  const double h = 1e-6;
  for (Index c = 0; c < logits.cols(); ++c)
    for (Index b = 0; b < logits.rows(); ++b) {
      Matrix up = logits, down = logits;
      up(b, c) += h;
      down(b, c) -= h;
      expect_close(grad(b, c), (softmax_cross_entropy(up, y, nullptr) - softmax_cross_entropy(down, y, nullptr)) / (2 * h),
                   "logit");
    }
}
