// Finite-difference gradient checks of the convolutional hybrids and baselines
// (D9 front end, scaled down to an 8x8 image so the check stays fast).
#include <gtest/gtest.h>

#include "core/model.hpp"
#include "gradcheck.hpp"

using namespace hqnn;
using namespace hqnn::gradcheck;

class GradcheckConvModel : public ::testing::TestWithParam<ModelKind> {};

TEST_P(GradcheckConvModel, EveryParameterMatchesFiniteDifferences) {
  ModelOptions o;
  o.kind = GetParam();
  o.layers = 2;
  o.width = 6;
  o.conv1_channels = 2;
  o.conv2_channels = 3;
  o.image_channels = 2;
  o.image_height = 8;
  o.image_width = 8;
  o.seed = 3;
  Model model(o, 2 * 8 * 8, 4);
  Rng rng(4);
  for (auto& b : model.params())
    if (b.kind == ParamKind::lambda || b.kind == ParamKind::bias)
      for (Index k = 0; k < b.size; ++k) b.value[k] = 0.2 + 0.5 * rng.uniform();
  const Matrix x = random_input(3, 2 * 8 * 8, 12);
  const std::vector<int> y = {3, 0, 1};
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
      expect_close(analytic[static_cast<size_t>(k)], (up - down) / (2 * h), b.name + "[" + std::to_string(k) + "]", 1e-5);
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Families, GradcheckConvModel,
                         ::testing::Values(ModelKind::tqcnn, ModelKind::qrcnn, ModelKind::qdcnn, ModelKind::cnn_leaky,
                                           ModelKind::cnn_rot),
                         [](const ::testing::TestParamInfo<ModelKind>& info) {
                           std::string s = model_kind_name(info.param);
                           for (auto& c : s)
                             if (c == '-') c = '_';
                           return s;
                         });
