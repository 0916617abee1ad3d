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
  expect_model_gradients(model, random_input(3, 2 * 8 * 8, 12), {3, 0, 1}, 1e-5);
}

INSTANTIATE_TEST_SUITE_P(Families, GradcheckConvModel,
                         ::testing::Values(ModelKind::tqcnn, ModelKind::qrcnn, ModelKind::qdcnn, ModelKind::cnn_leaky,
                                           ModelKind::cnn_rot, ModelKind::cnn_res_leaky, ModelKind::cnn_dense_leaky,
                                           ModelKind::cnn_res_tanh, ModelKind::cnn_dense_tanh, ModelKind::cnn_res_orth,
                                           ModelKind::cnn_dense_orth),
                         [](const ::testing::TestParamInfo<ModelKind>& info) {
                           std::string s = enum_name(info.param);
                           for (auto& c : s)
                             if (c == '-') c = '_';
                           return s;
                         });
