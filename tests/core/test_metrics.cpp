// Metrics against values computed by hand on small examples.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "core/metrics.hpp"

using namespace hqnn;

TEST(Metrics, RocAucOfAPerfectAndAReversedRanking) {
  EXPECT_DOUBLE_EQ(roc_auc({0.9, 0.8, 0.2, 0.1}, {true, true, false, false}), 1.0);
  EXPECT_DOUBLE_EQ(roc_auc({0.1, 0.2, 0.8, 0.9}, {true, true, false, false}), 0.0);
}

TEST(Metrics, RocAucCountsTiesAsOneHalf) {
  // pairs (pos, neg): (0.5, 0.5) tie -> 0.5; (0.5, 0.1) -> 1; (0.9, 0.5) -> 1; (0.9, 0.1) -> 1  => 3.5 / 4
  EXPECT_DOUBLE_EQ(roc_auc({0.9, 0.5, 0.5, 0.1}, {true, true, false, false}), 0.875);
  EXPECT_TRUE(std::isnan(roc_auc({0.3, 0.4}, {true, true})));
}

TEST(Metrics, AveragePrecisionByHand) {
  // ranking: + - + -  => precision at the positives 1 and 2/3; AP = (1 + 2/3) / 2
  EXPECT_NEAR(average_precision({0.9, 0.8, 0.7, 0.6}, {true, false, true, false}), (1.0 + 2.0 / 3.0) / 2.0, 1e-12);
  // a tie between a positive and a negative at the top: one threshold, precision 1/2 at recall 1/2
  EXPECT_NEAR(average_precision({0.9, 0.9, 0.1}, {true, false, true}), 0.5 * 0.5 + 0.5 * (2.0 / 3.0), 1e-12);
}

TEST(Metrics, ReportByHandWithAClassThatIsNeverPredicted) {
  // 3 classes; class 2 is never predicted.
  const std::vector<int> labels = {0, 0, 1, 1, 2};
  Matrix p(5, 3);
  p << 0.8, 0.1, 0.1,  //
      0.3, 0.6, 0.1,   //
      0.2, 0.7, 0.1,   //
      0.1, 0.8, 0.1,   //
      0.5, 0.3, 0.2;
  const ClassificationReport r = classification_report(labels, p, 3);
  EXPECT_DOUBLE_EQ(r.accuracy, 3.0 / 5.0);
  EXPECT_EQ(r.confusion, (std::vector<std::vector<int>>{{1, 1, 0}, {0, 2, 0}, {1, 0, 0}}));
  EXPECT_DOUBLE_EQ(r.per_class[0].precision, 0.5);
  EXPECT_DOUBLE_EQ(r.per_class[0].recall, 0.5);
  EXPECT_DOUBLE_EQ(r.per_class[1].precision, 2.0 / 3.0);
  EXPECT_DOUBLE_EQ(r.per_class[1].recall, 1.0);
  EXPECT_DOUBLE_EQ(r.per_class[1].f1, 0.8);
  EXPECT_DOUBLE_EQ(r.per_class[2].precision, 0.0);  // no predictions: defined as 0
  EXPECT_DOUBLE_EQ(r.per_class[2].f1, 0.0);
  EXPECT_EQ(r.per_class[2].support, 1);
  EXPECT_DOUBLE_EQ(r.macro_f1, (0.5 + 0.8 + 0.0) / 3.0);
  EXPECT_DOUBLE_EQ(r.micro_f1, 0.6);
  // class 2 scores: 0.2 for the positive, 0.1 for all four negatives -> AUC 1
  EXPECT_DOUBLE_EQ(r.per_class[2].roc_auc, 1.0);
  // class 0 scores: positives 0.8, 0.3; negatives 0.2, 0.1, 0.5 -> 5 of 6 pairs
  EXPECT_DOUBLE_EQ(r.per_class[0].roc_auc, 5.0 / 6.0);
  EXPECT_NEAR(r.roc_auc_macro, (r.per_class[0].roc_auc + r.per_class[1].roc_auc + r.per_class[2].roc_auc) / 3, 1e-12);
}

TEST(Metrics, NanScoresGiveNanAreasAndNeverHang) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  EXPECT_TRUE(std::isnan(average_precision({nan, 0.5, nan}, {true, false, true})));
  EXPECT_TRUE(std::isnan(roc_auc({nan, 0.5, nan}, {true, false, true})));
  Matrix p = Matrix::Constant(3, 2, static_cast<Real>(nan));
  const ClassificationReport r = classification_report({0, 1, 1}, p, 2);
  EXPECT_DOUBLE_EQ(r.accuracy, 1.0 / 3.0);  // everything predicted as class 0
  EXPECT_TRUE(std::isnan(r.pr_auc_micro));
  EXPECT_TRUE(std::isnan(r.roc_auc_macro));
}
