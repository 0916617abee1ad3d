// Determinism: the same seed gives the same curve on every platform. A stored
// native reference (tests/fixtures/iris_qdfnn_reference.json) is compared with the
// run of this build, bit for bit, natively on x86-64 and in WebAssembly (both
// compute exp, log, sin and cos with core/exact_math.hpp and sum in fixed orders).
// The number of training threads changes nothing, bit for bit.
//
// Regenerate the reference (one command, after building hqnn_tests; any change of
// arithmetic that moves the curve's bits needs it):
//   HQNN_WRITE_REFERENCE=1 build-native/tests/hqnn_tests --gtest_filter='Determinism.IrisCurve*'
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "core/json.hpp"
#include "core/rng.hpp"
#include "core/trainer.hpp"
#include "data/csv_loader.hpp"

using namespace hqnn;

namespace {

const std::string kReference = std::string(HQNN_TEST_DATA_DIR) + "/iris_qdfnn_reference.json";

std::vector<EpochRecord> reference_run() {
  const Dataset iris = load_iris();
  const TrainTestSplit split = stratified_split(iris, 0.3, 1);
  ModelOptions mo;
  mo.kind = ModelKind::qdfnn;
  mo.layers = 3;
  Model model(mo, 4, 3);
  TrainOptions to;
  to.epochs = 40;
  Trainer trainer(model, split.train, split.test, to);
  trainer.run();
  return trainer.history();
}

TEST(Determinism, IrisCurveMatchesTheStoredNativeReference) {
  const auto run = reference_run();
  if (std::getenv("HQNN_WRITE_REFERENCE")) {
    Json j = Json::object();
    Json acc = Json::array(), loss = Json::array();
    for (const auto& r : run) {
      acc.push(Json(r.test_accuracy, 17));
      loss.push(Json(r.test_loss, 17));
    }
    j.set("test_accuracy", acc);
    j.set("test_loss", loss);
    std::ofstream(kReference) << j.dump(1) << "\n";
  }
  std::ifstream f(kReference);
  ASSERT_TRUE(f) << "missing " << kReference;
  std::stringstream ss;
  ss << f.rdbuf();
  const Json ref = Json::parse(ss.str(), kReference);
  const auto& acc = ref.at("test_accuracy").items();
  const auto& loss = ref.at("test_loss").items();
  ASSERT_EQ(acc.size(), run.size());
  double worst_acc = 0, worst_loss = 0;
  for (size_t e = 0; e < run.size(); ++e) {
    worst_acc = std::max(worst_acc, std::abs(run[e].test_accuracy - acc[e].as_number()));
    worst_loss = std::max(worst_loss, std::abs(run[e].test_loss - loss[e].as_number()) / std::abs(loss[e].as_number()));
  }
  EXPECT_EQ(worst_acc, 0.0) << "the curve is bit-identical in every build";
  EXPECT_EQ(worst_loss, 0.0);
  std::printf("largest difference from the native reference: accuracy %.4g, relative loss %.3g\n", worst_acc, worst_loss);
}

TEST(Determinism, RunToRunIsBitIdentical) {
  const auto a = reference_run(), b = reference_run();
  for (size_t e = 0; e < a.size(); ++e) {
    EXPECT_EQ(a[e].test_loss, b[e].test_loss);
    EXPECT_EQ(a[e].train_loss, b[e].train_loss);
  }
}

// A run's curves and final parameters, for comparing runs bit for bit.
struct RunResult {
  std::vector<EpochRecord> history;
  std::vector<Real> parameters;
};

RunResult train_with_threads(const ModelOptions& mo, const TrainTestSplit& split, int batch, int threads) {
  Model model(mo, split.train.feature_count(), split.train.class_count());
  TrainOptions to;
  to.epochs = 3;
  to.batch = batch;
  to.threads = threads;
  Trainer trainer(model, split.train, split.test, to);
  trainer.run();
  RunResult r{trainer.history(), {}};
  for (const auto& b : model.params()) r.parameters.insert(r.parameters.end(), b.value, b.value + b.size);
  return r;
}

void expect_identical_for_1_2_4_threads(const ModelOptions& mo, const TrainTestSplit& split, int batch) {
  const RunResult one = train_with_threads(mo, split, batch, 1);
  for (int threads : {2, 4}) {
    const RunResult many = train_with_threads(mo, split, batch, threads);
    ASSERT_EQ(one.history.size(), many.history.size());
    for (size_t e = 0; e < one.history.size(); ++e) {
      const EpochRecord &a = one.history[e], &b = many.history[e];
      EXPECT_EQ(a.train_loss, b.train_loss) << threads << " threads, epoch " << e + 1;
      EXPECT_EQ(a.test_loss, b.test_loss) << threads << " threads, epoch " << e + 1;
      EXPECT_EQ(a.train_accuracy, b.train_accuracy);
      EXPECT_EQ(a.test_accuracy, b.test_accuracy);
      EXPECT_EQ(a.grad_norm_mean, b.grad_norm_mean);
      EXPECT_EQ(a.grad_norm_max, b.grad_norm_max);
    }
    EXPECT_EQ(one.parameters, many.parameters) << threads << " threads";
  }
  // the run learned something, so equal curves are not equal by accident
  EXPECT_LT(one.history.back().train_loss, one.history.front().train_loss);
}

TEST(Determinism, QdfnnIsBitIdenticalFor1_2And4Threads) {
  const TrainTestSplit split = stratified_split(load_iris(), 0.3, 1);
  ModelOptions mo;
  mo.kind = ModelKind::qdfnn;
  mo.width = 8;
  // 105 training samples in batches of 40: chunks of 16, 16, 8 and a last batch of 25
  expect_identical_for_1_2_4_threads(mo, split, 40);
}

TEST(Determinism, QdcnnIsBitIdenticalFor1_2And4Threads) {
  // 8x8 images of two classes: a bright square in the upper or the lower half, on noise
  Rng rng(7, 0);
  Dataset images;
  images.name = "squares";
  images.class_names = {"upper", "lower"};
  images.image = {1, 8, 8};
  images.features.resize(120, 64);
  images.labels.resize(120);
  for (Index i = 0; i < 120; ++i) {
    const int label = static_cast<int>(i % 2);
    images.labels[static_cast<size_t>(i)] = label;
    for (int p = 0; p < 64; ++p) images.features(i, p) = static_cast<Real>(rng.uniform(0, 0.3));
    for (int y = 0; y < 3; ++y)
      for (int x = 2; x < 5; ++x) images.features(i, (label * 4 + 1 + y) * 8 + x) += 1;
  }
  const TrainTestSplit split = stratified_split(images, 0.25, 1);
  ModelOptions mo;
  mo.kind = ModelKind::qdcnn;
  mo.image_channels = 1;
  mo.image_height = 8;
  mo.image_width = 8;
  mo.width = 16;
  expect_identical_for_1_2_4_threads(mo, split, 64);
}

}  // namespace
