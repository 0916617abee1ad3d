// D12 statistics over a run's evaluation points, against hand-computed values.
#include <gtest/gtest.h>

#include <cmath>

#include "core/input_error.hpp"
#include "core/run_statistics.hpp"

using namespace hqnn;

namespace {

// One-hot scores that make `predictions` the arg-max.
ClassificationReport report_for(const std::vector<int>& labels, const std::vector<int>& predictions, int classes) {
  Matrix p = Matrix::Zero(static_cast<Index>(labels.size()), classes);
  for (size_t i = 0; i < predictions.size(); ++i) p(static_cast<Index>(i), predictions[i]) = 1;
  return classification_report(labels, p, classes);
}

EpochRecord record(double accuracy, double loss, std::vector<double> norm_mean, std::vector<double> norm_max) {
  EpochRecord r;
  r.test_accuracy = accuracy;
  r.test_loss = loss;
  r.grad_norm_mean = std::move(norm_mean);
  r.grad_norm_max = std::move(norm_max);
  return r;
}

}  // namespace

TEST(RunStatistics, MeanAndPopulationVariance) {
  const MeanVariance mv = mean_variance({1, 2, 3, 4});
  EXPECT_DOUBLE_EQ(mv.mean, 2.5);
  EXPECT_DOUBLE_EQ(mv.variance, 1.25);  // (2.25 + 0.25 + 0.25 + 2.25) / 4
  EXPECT_DOUBLE_EQ(mean_variance({7}).variance, 0);
  EXPECT_TRUE(std::isnan(mean_variance({1, NAN}).mean));
  EXPECT_DOUBLE_EQ(mean_variance({}).mean, 0);
}

TEST(RunStatistics, TwoEvaluationPointsByHand) {
  const std::vector<int> labels = {0, 0, 1, 1};
  // Point 1: one class-0 sample predicted as 1. Class 0: P 1, R 1/2, F1 2/3; class 1: P 2/3, R 1, F1 4/5.
  // Point 2: all correct, every metric 1.
  const std::vector<ClassificationReport> reports = {report_for(labels, {0, 1, 1, 1}, 2), report_for(labels, {0, 0, 1, 1}, 2)};
  const std::vector<EpochRecord> history = {record(0.75, 0.5, {1.0, 4.0}, {2.0, 8.0}), record(1.0, 0.3, {3.0, 2.0}, {5.0, 3.0})};
  const RunStatistics s = run_statistics(reports, history, {"w", "b"});
  EXPECT_EQ(s.points, 2);
  EXPECT_DOUBLE_EQ(s.accuracy_mean, 0.875);
  EXPECT_DOUBLE_EQ(s.accuracy_sd, 0.125);
  EXPECT_DOUBLE_EQ(s.loss_mean, 0.4);
  ASSERT_EQ(s.per_class.size(), 2u);
  EXPECT_DOUBLE_EQ(s.per_class[0].precision.mean, 1.0);
  EXPECT_DOUBLE_EQ(s.per_class[0].precision.variance, 0.0);
  EXPECT_DOUBLE_EQ(s.per_class[0].recall.mean, 0.75);
  EXPECT_DOUBLE_EQ(s.per_class[0].recall.variance, 0.0625);
  EXPECT_NEAR(s.per_class[0].f1.mean, 5.0 / 6, 1e-12);
  EXPECT_NEAR(s.per_class[0].f1.variance, 1.0 / 36, 1e-12);
  EXPECT_NEAR(s.per_class[1].precision.mean, 5.0 / 6, 1e-12);
  EXPECT_NEAR(s.per_class[1].f1.mean, 0.9, 1e-12);
  EXPECT_NEAR(s.per_class[1].f1.variance, 0.01, 1e-12);
  // Areas are those of the last point (all correct, one-hot scores: 1).
  EXPECT_DOUBLE_EQ(s.roc_auc_micro, reports[1].roc_auc_micro);
  EXPECT_DOUBLE_EQ(s.pr_auc_macro, 1.0);
  ASSERT_EQ(s.gradients.size(), 2u);
  EXPECT_EQ(s.gradients[0].block, "w");
  EXPECT_DOUBLE_EQ(s.gradients[0].mean, 2.0);
  EXPECT_DOUBLE_EQ(s.gradients[0].max, 5.0);
  EXPECT_DOUBLE_EQ(s.gradients[1].mean, 3.0);
  EXPECT_DOUBLE_EQ(s.gradients[1].max, 8.0);
}

TEST(RunStatistics, NonFiniteLossAndGradientsAreNaN) {
  const std::vector<int> labels = {0, 1};
  const std::vector<ClassificationReport> reports = {report_for(labels, {0, 1}, 2), report_for(labels, {0, 0}, 2)};
  const std::vector<EpochRecord> history = {record(1.0, 0.1, {1.0}, {1.0}), record(0.5, INFINITY, {NAN}, {1.0})};
  const RunStatistics s = run_statistics(reports, history, {"w"});
  EXPECT_TRUE(std::isnan(s.loss_mean));
  EXPECT_TRUE(std::isnan(s.gradients[0].max));
  EXPECT_TRUE(std::isnan(s.gradients[0].mean));
  EXPECT_DOUBLE_EQ(s.accuracy_mean, 0.75);
  // Class 1 was never predicted at point 2: precision 0 there (metrics.hpp), so mean 1/2.
  EXPECT_DOUBLE_EQ(s.per_class[1].precision.mean, 0.5);
}

TEST(RunStatistics, RefusesMismatchedPoints) {
  const std::vector<ClassificationReport> reports = {report_for({0, 1}, {0, 1}, 2)};
  EXPECT_THROW(run_statistics(reports, {}, {}), std::invalid_argument);
}

TEST(RunStatistics, JsonRoundTripKeepsNaN) {
  const std::vector<int> labels = {0, 0, 1, 1};
  const std::vector<ClassificationReport> reports = {report_for(labels, {0, 1, 1, 1}, 2)};
  const RunStatistics s = run_statistics(reports, {record(0.75, NAN, {1.5}, {2.5})}, {"q.angles"});
  const RunStatistics t = run_statistics_from_json(Json::parse(to_json(s).dump()));
  EXPECT_EQ(t.points, 1);
  EXPECT_DOUBLE_EQ(t.accuracy_mean, 0.75);
  EXPECT_TRUE(std::isnan(t.loss_mean));
  EXPECT_DOUBLE_EQ(t.per_class[1].precision.mean, s.per_class[1].precision.mean);
  EXPECT_EQ(t.gradients[0].block, "q.angles");
  EXPECT_DOUBLE_EQ(t.gradients[0].max, 2.5);
  EXPECT_THROW(run_statistics_from_json(Json::parse("{\"points\": 1}")), InputError);
}
