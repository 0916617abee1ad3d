// The table of model kinds: every kind once, in the enum's order, with names
// that parse back and flags that match the family.
#include <gtest/gtest.h>

#include "core/model_kind.hpp"

using namespace hqnn;

namespace {

TEST(ModelKinds, TableHoldsEachKindOnceInEnumOrderAndNamesRoundTrip) {
  ASSERT_EQ(model_kinds().size(), 22u);
  for (size_t i = 0; i < model_kinds().size(); ++i) {
    const ModelKindInfo& k = model_kinds()[i];
    EXPECT_EQ(static_cast<size_t>(k.kind), i);
    EXPECT_EQ(parse_model_kind(k.name), k.kind);
    EXPECT_EQ(model_kind_name(k.kind), std::string(k.name));
    EXPECT_EQ(&model_kind_info(k.kind), &k);
  }
  EXPECT_EQ(parse_model_kind("mlp_leaky"), ModelKind::mlp_leaky);
  EXPECT_FALSE(parse_model_kind("resnet").has_value());
  EXPECT_EQ(model_kind_list(),
            "tqfnn, qrfnn, qdfnn, mlp-leaky, mlp-rot, tqcnn, qrcnn, qdcnn, cnn-leaky, cnn-rot, mlp-res-leaky, "
            "mlp-dense-leaky, mlp-res-tanh, mlp-dense-tanh, mlp-res-orth, mlp-dense-orth, cnn-res-leaky, cnn-dense-leaky, "
            "cnn-res-tanh, cnn-dense-tanh, cnn-res-orth, cnn-dense-orth");
  EXPECT_EQ(model_kind_info(ModelKind::cnn_rot).display_name, std::string("CNN(rot-relu)"));
}

// The controls' names say their skips and layer: "-res-" / "-dense-" and "leaky" / "tanh" / "orth".
TEST(ModelKinds, ClassicalControlsNameTheirSkipsAndLayer) {
  int controls = 0;
  for (const ModelKindInfo& k : model_kinds()) {
    const std::string name = k.name;
    if (!k.classical_skip) {
      EXPECT_EQ(k.branch == SkipBranch::v_chain, k.hybrid) << name;
      continue;
    }
    ++controls;
    EXPECT_FALSE(k.hybrid) << name;
    EXPECT_EQ(k.skip, name.find("-res-") != std::string::npos ? SkipTopology::residual : SkipTopology::dense) << name;
    const SkipBranch branch = name.find("leaky") != std::string::npos  ? SkipBranch::leaky
                              : name.find("tanh") != std::string::npos ? SkipBranch::tanh
                                                                       : SkipBranch::orthogonal;
    EXPECT_EQ(k.branch, branch) << name;
  }
  EXPECT_EQ(controls, 12);
}

TEST(ModelKinds, HybridMeansQuantumInspiredLayersAndConvolutionalMeansTheFrontEnd) {
  for (const ModelKindInfo& k : model_kinds()) {
    const std::string name = k.name;
    EXPECT_EQ(is_hybrid(k.kind), name[0] == 'q' || name[0] == 't') << name;
    EXPECT_EQ(is_convolutional(k.kind), name.find("cnn") != std::string::npos) << name;
  }
}

}  // namespace
