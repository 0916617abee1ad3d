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
  expect_model_gradients(model, random_input(4, inputs, 11), {0, 2, 1, 2});
}

INSTANTIATE_TEST_SUITE_P(
    Families, GradcheckModel,
    ::testing::Values(ModelCase{ModelKind::tqfnn, 0, false}, ModelCase{ModelKind::qrfnn, 0, false},
                      ModelCase{ModelKind::qdfnn, 0, false}, ModelCase{ModelKind::qdfnn, 0, true},
                      ModelCase{ModelKind::qdfnn, 6, false}, ModelCase{ModelKind::mlp_leaky, 4, false},
                      ModelCase{ModelKind::mlp_rot, 4, false}, ModelCase{ModelKind::mlp_rot, 5, false},
                      ModelCase{ModelKind::mlp_res_leaky, 0, false}, ModelCase{ModelKind::mlp_dense_leaky, 6, false},
                      ModelCase{ModelKind::mlp_res_tanh, 0, false}, ModelCase{ModelKind::mlp_dense_tanh, 6, false},
                      ModelCase{ModelKind::mlp_res_orth, 6, false}, ModelCase{ModelKind::mlp_dense_orth, 0, false}),
    [](const ::testing::TestParamInfo<ModelCase>& info) {
      std::string name = enum_name(info.param.kind);
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
