// The classical controls (classical_skip_stack.hpp): forward on values worked
// out by hand, the Cayley layer is orthogonal, the models are the hybrids with
// the V chain swapped out, attacks reach the layer inside the skip, and each
// fully connected control learns iris.
#include <gtest/gtest.h>

#include <cmath>

#include "core/activation.hpp"
#include "core/attack.hpp"
#include "core/classical_skip_stack.hpp"
#include "core/linear.hpp"
#include "core/orthogonal_linear.hpp"
#include "core/rng.hpp"
#include "core/trainer.hpp"
#include "data/csv_loader.hpp"

using namespace hqnn;

namespace {

// One residual layer, n = 2, λ = 1, x = (1, −1).
Matrix one_layer(SkipBranch branch) {
  ClassicalSkipStackOptions o;
  o.topology = SkipTopology::residual;
  o.branch = branch;
  o.width = 2;
  o.layers = 1;
  Rng rng(1);
  ClassicalSkipStack stack("c", o, rng);
  const AttackTarget t = stack.attack_target(0);
  Matrix& w = *t.weight;
  if (branch == SkipBranch::orthogonal) {
    w << 0, 0.5, 0, 0;  // A = [[0, .5], [−.5, 0]]: W = (I − A)⁻¹(I + A) = [[.6, .8], [−.8, .6]]
  } else {
    w << 1, 2, 3, 4;
    for (auto& b : stack.params())
      if (b.kind == ParamKind::bias) b.value[0] = 0.5f, b.value[1] = -10;
  }
  Matrix x(1, 2), y;
  x << 1, -1;
  stack.forward(x, y);
  return y;
}

}  // namespace

TEST(ClassicalSkipStack, ResidualLeakyReluOnKnownValues) {
  const Matrix y = one_layer(SkipBranch::leaky);  // W x + b = (−0.5, −11), leaky (0.01) then + x
  EXPECT_FLOAT_EQ(y(0, 0), -0.005f + 1);
  EXPECT_FLOAT_EQ(y(0, 1), -0.11f - 1);
}

TEST(ClassicalSkipStack, ResidualTanhOnKnownValues) {
  const Matrix y = one_layer(SkipBranch::tanh);
  EXPECT_FLOAT_EQ(y(0, 0), float(std::tanh(-0.5) + 1));
  EXPECT_FLOAT_EQ(y(0, 1), float(std::tanh(-11.0) - 1));
}

TEST(ClassicalSkipStack, ResidualCayleyOnKnownValues) {
  const Matrix y = one_layer(SkipBranch::orthogonal);  // W x = (−0.2, −1.4), then + x
  EXPECT_NEAR(y(0, 0), 0.8, 1e-6);
  EXPECT_NEAR(y(0, 1), -2.4, 1e-6);
}

// Dense, L = 3: ψ_l = f(ψ_{l−1}) + Σ_j λ_{l,j} ψ_j, written out with the stack's own layers' outputs.
TEST(ClassicalSkipStack, DenseSumsEveryEarlierStateWithItsLambda) {
  ClassicalSkipStackOptions o;
  o.topology = SkipTopology::dense;
  o.branch = SkipBranch::tanh;
  o.width = 3;
  o.layers = 3;
  o.dense_lambda_inverse = true;
  Rng rng(3);
  ClassicalSkipStack stack("c", o, rng);
  Matrix x(2, 3), y;
  x << 0.3f, -1, 2, 0.5f, 0.25f, -0.75f;
  stack.forward(x, y);
  std::vector<Matrix> psi = {x};
  for (int l = 1; l <= 3; ++l) {
    const AttackTarget t = stack.attack_target(l - 1);
    RowVector bias = RowVector::Zero(3);  // biases start at 0
    Matrix next = ((psi[l - 1] * t.weight->transpose()).rowwise() + bias).array().tanh().matrix();
    for (int j = 0; j < l; ++j) {
      EXPECT_FLOAT_EQ(stack.lambda(l, j), 1.0f / float(l));
      next += stack.lambda(l, j) * psi[j];
    }
    psi.push_back(next);
  }
  EXPECT_TRUE(y.isApprox(psi[3], 1e-5f)) << y << "\n" << psi[3];
}

TEST(OrthogonalLinear, CayleyMapIsOrthogonalForAnyParameters) {
  Rng rng(4);
  OrthogonalLinear layer("o", 8, rng);
  for (Index i = 0; i < layer.weight.size(); ++i) layer.weight.data()[i] = Real(rng.normal(0.0, 2.0));
  Matrix x = Matrix::Identity(8, 8), y;
  layer.forward(x, y);
  const Matrix& w = layer.orthogonal();
  EXPECT_LT((w.transpose() * w - Matrix::Identity(8, 8)).cwiseAbs().maxCoeff(), 1e-5f);
}

// The control is the hybrid with its V chain swapped for a classical layer:
// the same blocks around it, and λ in the same places with the same values.
TEST(ClassicalSkipModels, SameLayoutAndLambdasAsTheHybrid) {
  const std::pair<ModelKind, ModelKind> pairs[] = {{ModelKind::qrfnn, ModelKind::mlp_res_leaky},
                                                   {ModelKind::qdfnn, ModelKind::mlp_dense_orth}};
  for (const auto& [hybrid, control] : pairs) {
    ModelOptions mh, mc;
    mh.kind = hybrid, mc.kind = control;
    mh.layers = mc.layers = 3;
    mh.width = mc.width = 6;
    Model h(mh, 4, 3), c(mc, 4, 3);
    std::vector<std::string> hl, cl;
    for (const auto& b : h.params())
      if (b.kind == ParamKind::lambda) hl.push_back(std::to_string(b.size) + (b.trainable ? "t" : "f"));
    for (const auto& b : c.params())
      if (b.kind == ParamKind::lambda) cl.push_back(std::to_string(b.size) + (b.trainable ? "t" : "f"));
    EXPECT_EQ(hl, cl);
    ASSERT_EQ(h.layers().size(), c.layers().size());
    for (size_t i = 0; i + 2 < h.layers().size(); ++i) EXPECT_EQ(h.layers()[i]->kind(), c.layers()[i]->kind());
    EXPECT_EQ(c.layers()[c.layers().size() - 2]->kind(), "classical_skip_stack");
    EXPECT_EQ(c.classical_skip_stack()->options().topology, skip_topology_of(hybrid));
  }
}

// A form ① persistent attack moves the stored weights (S for the orthogonal
// layer) of the attacked layer only; a form ② attack adds to its output.
TEST(ClassicalSkipModels, AttacksReachTheLayerInsideTheSkip) {
  for (ModelKind kind : {ModelKind::mlp_res_tanh, ModelKind::mlp_dense_orth}) {
    ModelOptions mo;
    mo.kind = kind;
    mo.layers = 2;
    Model m(mo, 4, 3);
    const Matrix w0 = *m.attack_target(0).weight, w1 = *m.attack_target(1).weight;
    AttackOptions a;
    a.layer_list = {1};
    a.magnitude = 0.1;
    m.set_attack(a);
    m.after_optimizer_step();
    EXPECT_EQ(*m.attack_target(0).weight, w0) << enum_name(kind);
    EXPECT_NE(*m.attack_target(1).weight, w1) << enum_name(kind);
    a.form = AttackForm::outside;
    m.set_attack(a);
    m.after_optimizer_step();
    EXPECT_EQ(m.attack_target(1).output_offset->size(), 4);
    EXPECT_EQ(m.attack_target(0).output_offset->size(), 0);
    m.clear_attack();
    EXPECT_EQ(m.attack_target(1).output_offset->size(), 0);
  }
}

// tiny-dnn's "training converges": 100 epochs of the defaults on raw iris (the
// hybrids' setting), test accuracy of the last epoch, split and seed 1.
class ClassicalSkipTraining : public ::testing::TestWithParam<ModelKind> {};

TEST_P(ClassicalSkipTraining, LearnsIris) {
  const Dataset iris = load_iris();
  const TrainTestSplit split = stratified_split(iris, 0.3, 1);
  ModelOptions mo;
  mo.kind = GetParam();
  Model model(mo, iris.feature_count(), iris.class_count());
  TrainOptions to;
  to.threads = 1;
  Trainer trainer(model, split.train, split.test, to);
  trainer.run();
  const Evaluation ev = evaluate(model, split.test);
  EXPECT_GE(ev.accuracy, 0.9) << enum_name(GetParam());
}

INSTANTIATE_TEST_SUITE_P(Kinds, ClassicalSkipTraining,
                         ::testing::Values(ModelKind::mlp_res_leaky, ModelKind::mlp_dense_leaky, ModelKind::mlp_res_tanh,
                                           ModelKind::mlp_dense_tanh, ModelKind::mlp_res_orth, ModelKind::mlp_dense_orth),
                         [](const ::testing::TestParamInfo<ModelKind>& info) {
                           std::string s = enum_name(info.param);
                           for (auto& c : s)
                             if (c == '-') c = '_';
                           return s;
                         });
