// The study's statistics (sample sd, 95 % t interval) and its verdicts (study_statistics.hpp).
// The command-line tool is native only (no CLI target under Emscripten).
#include <gtest/gtest.h>

#include <cmath>

#include "cli/reproduce/study_statistics.hpp"

using namespace hqnn;
using namespace hqnn::cli;

namespace {

CellStatistics cell(double mean, double low, double high) {
  CellStatistics s;
  s.n = 5, s.mean = mean, s.ci_low = low, s.ci_high = high;
  return s;
}

}  // namespace

TEST(StudyStatistics, SampleSdAndTIntervalOnKnownNumbers) {
  const CellStatistics s = cell_statistics({1, 2, 3, 4, 5});
  EXPECT_EQ(s.n, 5);
  EXPECT_DOUBLE_EQ(s.mean, 3);
  EXPECT_NEAR(s.sd, std::sqrt(2.5), 1e-12);  // sample sd: sum of squares 10 over n - 1 = 4
  const double half = 2.776 * std::sqrt(2.5) / std::sqrt(5.0);
  EXPECT_NEAR(s.ci_low, 3 - half, 1e-9);
  EXPECT_NEAR(s.ci_high, 3 + half, 1e-9);
  EXPECT_NEAR(t_quantile_975(1), 12.706, 1e-9);
  EXPECT_NEAR(t_quantile_975(100), 1.984, 2e-3);  // the expansion beyond the table
  const CellStatistics one = cell_statistics({0.7});
  EXPECT_EQ(one.sd, 0);
  EXPECT_EQ(one.ci_low, 0.7);
  EXPECT_TRUE(std::isnan(cell_statistics({0.5, NAN}).sd));
}

TEST(StudyStatistics, VerdictCategoriesCoverEveryCaseInTheirOrder) {
  auto verdict = [](double h, double c) {
    return study_verdict(cell(h, h, h), cell(c, c, c), cell(h - c, h - c, h - c)).verdict;
  };
  EXPECT_EQ(verdict(0.40, 0.30), StudyVerdict::both_collapsed);
  EXPECT_EQ(verdict(0.90, 0.30), StudyVerdict::claim_holds);
  EXPECT_EQ(verdict(0.30, 0.90), StudyVerdict::reverse_holds);
  EXPECT_EQ(verdict(0.95, 0.70), StudyVerdict::hybrids_ahead);
  EXPECT_EQ(verdict(0.80, 0.75), StudyVerdict::within);
  EXPECT_EQ(verdict(0.90, 0.75), StudyVerdict::hybrids_ahead_small);
  EXPECT_EQ(verdict(0.60, 0.45), StudyVerdict::hybrids_ahead_small);  // classical collapsed, gap below 20
  EXPECT_EQ(verdict(0.60, 0.75), StudyVerdict::classical_ahead);
  // Every point of a grid of means gets one category, and the sensitivity thresholds move them.
  for (double h = 0; h <= 1.0001; h += 0.05)
    for (double c = 0; c <= 1.0001; c += 0.05) EXPECT_LT(static_cast<int>(verdict(h, c)), kStudyVerdicts);
  VerdictThresholds loose;
  loose.gap = 0.15;
  EXPECT_EQ(study_verdict(cell(0.9, 0.9, 0.9), cell(0.72, 0.72, 0.72), cell(0.18, 0.18, 0.18), loose).verdict,
            StudyVerdict::hybrids_ahead);
}

TEST(StudyStatistics, UncertainWhereAConfidenceIntervalCrossesAThreshold) {
  // Claim holds on the means; certain when no CI reaches a threshold.
  const CellStatistics h = cell(0.90, 0.85, 0.95), diff_far = cell(0.55, 0.45, 0.65);
  EXPECT_FALSE(study_verdict(h, cell(0.35, 0.30, 0.40), diff_far).uncertain);
  // The classical cell's CI crosses the collapse threshold (50 %).
  EXPECT_TRUE(study_verdict(h, cell(0.35, 0.15, 0.55), diff_far).uncertain);
  // The paired difference's CI crosses the gap (20 points).
  EXPECT_TRUE(study_verdict(cell(0.62, 0.6, 0.64), cell(0.40, 0.38, 0.42), cell(0.22, 0.15, 0.29)).uncertain);
  // Within the band, certain, and uncertain when the difference's CI reaches past +10 points.
  EXPECT_FALSE(study_verdict(cell(0.8, 0.78, 0.82), cell(0.78, 0.76, 0.80), cell(0.02, -0.03, 0.07)).uncertain);
  const VerdictResult r = study_verdict(cell(0.8, 0.7, 0.9), cell(0.75, 0.7, 0.8), cell(0.05, -0.02, 0.12));
  EXPECT_EQ(r.verdict, StudyVerdict::within);
  EXPECT_TRUE(r.uncertain);
}
