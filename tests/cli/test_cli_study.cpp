// hqnn reproduce --profile study-*: the controlled study's grid (pre-training
// units kept whole by --shard), its statistics (sample sd, 95 % t CI), its
// verdicts, and the tiny profile end to end, sharded and merged.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "cli/reproduce.hpp"
#include "cli/study_profile.hpp"
#include "cli/study_statistics.hpp"

using namespace hqnn;
using namespace hqnn::cli;
namespace fs = std::filesystem;

namespace {

fs::path scratch_dir(const std::string& name) {
  const fs::path p = fs::temp_directory_path() / ("hqnn_test_study_" + name);
  fs::remove_all(p);
  return p;
}

std::string read_file(const fs::path& p) {
  std::ifstream f(p);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

CellStatistics cell(double mean, double low, double high) {
  CellStatistics s;
  s.n = 5, s.mean = mean, s.ci_low = low, s.ci_high = high;
  return s;
}

}  // namespace

TEST(CliStudy, SampleSdAndTIntervalOnKnownNumbers) {
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

TEST(CliStudy, VerdictCategoriesCoverEveryCaseInTheirOrder) {
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

TEST(CliStudy, UncertainWhereAConfidenceIntervalCrossesAThreshold) {
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

TEST(CliStudy, GridKeepsEachPretrainingUnitInOneShard) {
  const ReproduceProfile p = reproduce_profile("study", "");
  const auto grid = reproduce_grid(p);
  // iris: 3 hybrids + 8 classical x 2 losses, 5 seeds, 2 scales x 2 layer rules x 6 noises x 3 magnitudes
  size_t iris = 0;
  for (const auto& r : grid) iris += r.dataset == "iris";
  EXPECT_EQ(iris, (3 + 8 * 2) * 5u * 72u);
  std::set<std::string> ids;
  std::map<int, std::set<int>> shards_of_unit;
  std::map<int, std::set<std::string>> keys_of_unit;
  for (size_t i = 0; i < grid.size(); ++i) {
    ids.insert(grid[i].id);
    shards_of_unit[grid[i].unit].insert(shard_of_grid_run(grid, i, 7));
    keys_of_unit[grid[i].unit].insert(grid[i].dataset + "/" + grid[i].model + "/" + std::to_string(grid[i].seed));
    // Each seed draws its own split; the cell is the clean budget, then the attack.
    EXPECT_EQ(grid[i].config.data.split_seed, static_cast<uint64_t>(grid[i].seed));
    EXPECT_EQ(grid[i].config.attack_epoch, grid[i].dataset == "iris" ? 100 : 20);
  }
  EXPECT_EQ(ids.size(), grid.size());
  for (const auto& [unit, shards] : shards_of_unit) EXPECT_EQ(shards.size(), 1u) << "unit " << unit;
  for (const auto& [unit, keys] : keys_of_unit) EXPECT_EQ(keys.size(), 1u) << "unit " << unit;
  EXPECT_THROW(reproduce_profile("study", "/data/cifar"), InputError);
}

TEST(CliStudy, TinyProfileEndToEndWritesReportRunsAndVerdicts) {
  const fs::path out = scratch_dir("tiny");
  ASSERT_EQ(cmd_reproduce({"--profile", "study-tiny", "--out", out.string(), "--quiet", "--threads", "2"}), 0);
  const auto runs = lines_of(read_file(out / "runs.csv"));
  // 2 seeds x (QRFNN + 2 classical x 2 losses) x 2 scales x 2 layer rules x 2 noises x 2 magnitudes, and a header
  ASSERT_EQ(runs.size(), 1 + 2u * 5u * 16u);
  // Every cell of one model, loss and seed starts from one pre-training: one clean accuracy.
  std::map<std::string, std::set<std::string>> clean;
  for (size_t i = 1; i < runs.size(); ++i) {
    std::vector<std::string> f;
    std::istringstream in(runs[i]);
    for (std::string x; std::getline(in, x, ',');) f.push_back(x);
    ASSERT_EQ(f.size(), 16u) << runs[i];
    clean[f[2] + "/" + f[3] + "/" + f[4]].insert(f[10]);
    EXPECT_EQ(f[7] == "0 1", f[6] == "all") << runs[i];  // all: both layers of L = 2
  }
  EXPECT_EQ(clean.size(), 10u);
  for (const auto& [unit, values] : clean) EXPECT_EQ(values.size(), 1u) << unit;
  // One hybrid against two classical models at 16 conditions; each verdict one of the categories.
  const auto verdicts = lines_of(read_file(out / "verdicts.csv"));
  ASSERT_EQ(verdicts.size(), 1 + 32u);
  std::set<std::string> names;
  for (int v = 0; v < kStudyVerdicts; ++v) names.insert(enum_name(static_cast<StudyVerdict>(v)));
  for (size_t i = 1; i < verdicts.size(); ++i) {
    const std::string line = verdicts[i];
    const std::string name = line.substr(0, line.rfind(',')).substr(line.substr(0, line.rfind(',')).rfind(',') + 1);
    EXPECT_TRUE(names.count(name)) << line;
  }
  const std::string md = read_file(out / "report.md");
  for (const char* part : {"## Verdicts", "per noise kind", "Sensitivity to the thresholds", "## NaN counts per model and loss",
                           "sample sd, n = 2 seeds", "95 % t CI", "## Every cell", "MLP-res(tanh)"})
    EXPECT_NE(md.find(part), std::string::npos) << part;
  EXPECT_EQ(lines_of(read_file(out / "cells.csv")).size(), 1 + 5u * 16u);
  const std::string svg = read_file(out / "plots" / "study-iris-relative-all-gaussian-asym.svg");
  EXPECT_NE(svg.find("chance"), std::string::npos);
}

TEST(CliStudy, ShardedAndMergedEqualsUnsharded) {
  const fs::path whole = scratch_dir("whole"), a = scratch_dir("a"), b = scratch_dir("b"), merged = scratch_dir("merged");
  ASSERT_EQ(cmd_reproduce({"--profile", "study-tiny", "--out", whole.string(), "--quiet", "--threads", "1"}), 0);
  ASSERT_EQ(cmd_reproduce({"--profile", "study-tiny", "--shard", "1/3", "--out", a.string(), "--quiet", "--threads", "2"}), 0);
  ASSERT_EQ(cmd_reproduce({"--profile", "study-tiny", "--shard", "2/3", "--out", b.string(), "--quiet"}), 0);
  // Shard 3 missing: the merge names it.
  try {
    cmd_reproduce({"--merge", a.string(), b.string(), "--out", merged.string(), "--quiet"});
    FAIL() << "a merge without shard 3 was accepted";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("missing shards of 3: 3"), std::string::npos) << e.what();
  }
  const fs::path c = scratch_dir("c");
  ASSERT_EQ(cmd_reproduce({"--profile", "study-tiny", "--shard", "3/3", "--out", c.string(), "--quiet"}), 0);
  ASSERT_EQ(cmd_reproduce({"--merge", a.string(), b.string(), c.string(), "--out", merged.string(), "--quiet"}), 0);
  for (const char* f : {"report.md", "runs.csv", "cells.csv", "verdicts.csv", "plots/study-iris-absolute-one-gaussian-sym.svg"})
    EXPECT_EQ(read_file(whole / f), read_file(merged / f)) << f;
  EXPECT_FALSE(read_file(merged / "runs.csv").empty());
}
