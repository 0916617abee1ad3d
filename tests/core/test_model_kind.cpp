// The table of model kinds: every kind once, in the enum's order, with names
// that parse back and predicates that match the family, written out by hand.
#include <gtest/gtest.h>

#include <iterator>
#include <string>

#include "core/model_kind.hpp"

using namespace hqnn;

namespace {

TEST(ModelKinds, TableHoldsEachKindOnceInEnumOrderAndNamesRoundTrip) {
  ASSERT_EQ(enum_rows<ModelKind>().size(), 22u);
  for (size_t i = 0; i < enum_rows<ModelKind>().size(); ++i) {
    const ModelKindInfo& k = enum_rows<ModelKind>()[i];
    EXPECT_EQ(static_cast<size_t>(k.kind), i);
    EXPECT_EQ(parse_enum<ModelKind>(k.name), k.kind);
    EXPECT_EQ(enum_name(k.kind), std::string(k.name));
    EXPECT_EQ(&enum_row(k.kind), &k);
  }
  EXPECT_EQ(parse_enum<ModelKind>("mlp_leaky"), ModelKind::mlp_leaky);
  EXPECT_FALSE(parse_enum<ModelKind>("resnet").has_value());
  EXPECT_EQ(enum_name_list<ModelKind>(),
            "tqfnn, qrfnn, qdfnn, mlp-leaky, mlp-rot, tqcnn, qrcnn, qdcnn, cnn-leaky, cnn-rot, mlp-res-leaky, "
            "mlp-dense-leaky, mlp-res-tanh, mlp-dense-tanh, mlp-res-orth, mlp-dense-orth, cnn-res-leaky, cnn-dense-leaky, "
            "cnn-res-tanh, cnn-dense-tanh, cnn-res-orth, cnn-dense-orth");
  EXPECT_EQ(enum_row(ModelKind::cnn_rot).display_name, std::string("CNN(rot-relu)"));
}

// The controls' names say their skips and layer: "-res-" / "-dense-" and "leaky" / "tanh" / "orth".
TEST(ModelKinds, ClassicalControlsNameTheirSkipsAndLayer) {
  int controls = 0;
  for (const ModelKindInfo& k : enum_rows<ModelKind>()) {
    const std::string name = k.name;
    if (!k.classical_skip) {
      EXPECT_EQ(k.branch() == SkipBranch::v_chain, k.hybrid) << name;
      continue;
    }
    ++controls;
    EXPECT_FALSE(k.hybrid) << name;
    EXPECT_EQ(k.topology, name.find("-res-") != std::string::npos ? SkipTopology::residual : SkipTopology::dense) << name;
    const SkipBranch branch = name.find("leaky") != std::string::npos  ? SkipBranch::leaky
                              : name.find("tanh") != std::string::npos ? SkipBranch::tanh
                                                                       : SkipBranch::orthogonal;
    EXPECT_EQ(k.branch(), branch) << name;
  }
  EXPECT_EQ(controls, 12);
}

TEST(ModelKinds, HybridMeansQuantumInspiredLayersAndConvolutionalMeansTheFrontEnd) {
  for (const ModelKindInfo& k : enum_rows<ModelKind>()) {
    const std::string name = k.name;
    EXPECT_EQ(is_hybrid(k.kind), name[0] == 'q' || name[0] == 't') << name;
    EXPECT_EQ(is_convolutional(k.kind), name.find("cnn") != std::string::npos) << name;
  }
}

// Each model kind's predicates, written out by hand: front end, skips, layer.
struct KindExpectation {
  ModelKind kind;
  const char* name;
  const char* display_name;
  bool hybrid, convolutional;
  SkipTopology topology;
  Activation activation;
  bool has_lambda, classical_skip, reads_leaky_slope;
  SkipBranch branch;
};

TEST(ModelKinds, PredicatesAreTheFamiliesWrittenOutByHand) {
  using K = ModelKind;
  using T = SkipTopology;
  using A = Activation;
  using B = SkipBranch;
  const KindExpectation expected[] = {
      {K::tqfnn, "tqfnn", "TQFNN", true, false, T::plain, A::none, false, false, false, B::v_chain},
      {K::qrfnn, "qrfnn", "QRFNN", true, false, T::residual, A::none, true, false, false, B::v_chain},
      {K::qdfnn, "qdfnn", "QDFNN", true, false, T::dense, A::none, true, false, false, B::v_chain},
      {K::mlp_leaky, "mlp-leaky", "MLP(leaky-relu)", false, false, T::plain, A::leaky_relu, false, false, true, B::none},
      {K::mlp_rot, "mlp-rot", "MLP(rot-relu)", false, false, T::plain, A::rot_relu, false, false, false, B::none},
      {K::tqcnn, "tqcnn", "TQCNN", true, true, T::plain, A::none, false, false, true, B::v_chain},
      {K::qrcnn, "qrcnn", "QRCNN", true, true, T::residual, A::none, true, false, true, B::v_chain},
      {K::qdcnn, "qdcnn", "QDCNN", true, true, T::dense, A::none, true, false, true, B::v_chain},
      {K::cnn_leaky, "cnn-leaky", "CNN(leaky-relu)", false, true, T::plain, A::leaky_relu, false, false, true, B::none},
      {K::cnn_rot, "cnn-rot", "CNN(rot-relu)", false, true, T::plain, A::rot_relu, false, false, true, B::none},
      {K::mlp_res_leaky, "mlp-res-leaky", "MLP-res(leaky-relu)", false, false, T::residual, A::leaky_relu, true, true, true, B::leaky},
      {K::mlp_dense_leaky, "mlp-dense-leaky", "MLP-dense(leaky-relu)", false, false, T::dense, A::leaky_relu, true, true, true, B::leaky},
      {K::mlp_res_tanh, "mlp-res-tanh", "MLP-res(tanh)", false, false, T::residual, A::tanh, true, true, false, B::tanh},
      {K::mlp_dense_tanh, "mlp-dense-tanh", "MLP-dense(tanh)", false, false, T::dense, A::tanh, true, true, false, B::tanh},
      {K::mlp_res_orth, "mlp-res-orth", "MLP-res(orthogonal)", false, false, T::residual, A::orthogonal, true, true, false, B::orthogonal},
      {K::mlp_dense_orth, "mlp-dense-orth", "MLP-dense(orthogonal)", false, false, T::dense, A::orthogonal, true, true, false, B::orthogonal},
      {K::cnn_res_leaky, "cnn-res-leaky", "CNN-res(leaky-relu)", false, true, T::residual, A::leaky_relu, true, true, true, B::leaky},
      {K::cnn_dense_leaky, "cnn-dense-leaky", "CNN-dense(leaky-relu)", false, true, T::dense, A::leaky_relu, true, true, true, B::leaky},
      {K::cnn_res_tanh, "cnn-res-tanh", "CNN-res(tanh)", false, true, T::residual, A::tanh, true, true, true, B::tanh},
      {K::cnn_dense_tanh, "cnn-dense-tanh", "CNN-dense(tanh)", false, true, T::dense, A::tanh, true, true, true, B::tanh},
      {K::cnn_res_orth, "cnn-res-orth", "CNN-res(orthogonal)", false, true, T::residual, A::orthogonal, true, true, true, B::orthogonal},
      {K::cnn_dense_orth, "cnn-dense-orth", "CNN-dense(orthogonal)", false, true, T::dense, A::orthogonal, true, true, true, B::orthogonal},
  };
  ASSERT_EQ(std::size(expected), enum_rows<ModelKind>().size());
  for (const KindExpectation& e : expected) {
    const ModelKindInfo& k = enum_row(e.kind);
    SCOPED_TRACE(e.name);
    EXPECT_EQ(std::string(k.name), e.name);
    EXPECT_EQ(std::string(k.display_name), e.display_name);
    EXPECT_EQ(k.hybrid, e.hybrid);
    EXPECT_EQ(k.convolutional, e.convolutional);
    EXPECT_EQ(k.topology, e.topology);
    EXPECT_EQ(k.activation, e.activation);
    EXPECT_EQ(k.has_lambda(), e.has_lambda);
    EXPECT_EQ(k.classical_skip, e.classical_skip);
    EXPECT_EQ(k.reads_leaky_slope(), e.reads_leaky_slope);
    EXPECT_EQ(k.branch(), e.branch);
  }
}

}  // namespace
