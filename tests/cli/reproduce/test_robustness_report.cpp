// The robustness map's report: the verdict per attack, and the report of merged shards (robustness_report.hpp).
// The command-line tool is native only (no CLI target under Emscripten).
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "cli/reproduce/reproduce.hpp"
#include "cli/reproduce/robustness_report.hpp"
#include "scratch_files.hpp"

using namespace hqnn;
using namespace hqnn::cli;
using namespace hqnn::testing;
namespace fs = std::filesystem;

TEST(RobustnessReport, RobustnessVerdictFollowsTheClaimsDefinition) {
  const double chance = 1.0 / 3;
  auto points = [](double plain, double res, double dense, double leaky, double rot, double leaky_nan = 0) {
    return std::vector<MapPoint>{{plain, 0}, {res, 0}, {dense, 0}, {leaky, leaky_nan}, {rot, 0}};
  };
  EXPECT_EQ(robustness_verdict(points(0.3, 0.9, 0.8, 0.34, 0.40), chance), Verdict::claim_holds);
  // 20 points better, but a classical model is not at chance: not the claim.
  EXPECT_EQ(robustness_verdict(points(0.3, 0.9, 0.9, 0.50, 0.40), chance), Verdict::no_difference);
  // ... unless its loss went NaN in at least half of its runs.
  EXPECT_EQ(robustness_verdict(points(0.3, 0.9, 0.9, 0.50, 0.40, 0.5), chance), Verdict::claim_holds);
  // Less than 20 points apart.
  EXPECT_EQ(robustness_verdict(points(0.3, 0.5, 0.5, 0.34, 0.34), chance), Verdict::no_difference);
  EXPECT_EQ(robustness_verdict(points(0.9, 0.35, 0.36, 0.94, 0.90), chance), Verdict::reverse_holds);
}

TEST(RobustnessReport, RobustnessReportHasAVerdictPerAttackAndMergesFromShards) {
  const fs::path whole = scratch_dir("reproduce_robust_whole");
  ASSERT_EQ(cmd_reproduce({"--profile", "robustness-tiny", "--out", whole.string(), "--quiet", "--threads", "2"}), 0);
  const std::string md = read_file(whole / "report.md");
  const ReproduceProfile p = reproduce_profile("robustness-tiny", "");
  const auto& axes = p.datasets.front().map;
  int verdict_rows = 0;
  std::istringstream lines(md);
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind("| iris | ", 0) != 0) continue;
    size_t cells = 0;
    for (char c : line) cells += c == '|';
    if (cells != 8) continue;  // verdict and ablation rows: 7 cells
    ++verdict_rows;
    EXPECT_EQ(line.find("|  |"), std::string::npos) << line;
  }
  // verdict + ablation: one row per form, mode and noise symmetry
  EXPECT_EQ(verdict_rows, 2 * static_cast<int>(axes.forms.size() * axes.modes.size()) * 2);
  EXPECT_NE(md.find("**Softmax.**"), std::string::npos);
  EXPECT_NE(md.find("| QDFNN |"), std::string::npos);
  for (const char* form : {"form1", "form2"})
    for (const char* mode : {"persistent", "transient", "fixed"})
      EXPECT_TRUE(fs::exists(whole / "plots" / (std::string("robustness-iris-") + form + "-" + mode + ".svg")));

  std::vector<std::string> merge_args = {"--merge"};
  for (int i = 1; i <= 2; ++i) {
    const fs::path shard = scratch_dir("reproduce_robust_shard" + std::to_string(i));
    ASSERT_EQ(cmd_reproduce({"--profile", "robustness-tiny", "--shard", std::to_string(i) + "/2", "--out", shard.string(),
                             "--quiet"}),
              0);
    merge_args.push_back(shard.string());
  }
  const fs::path merged = scratch_dir("reproduce_robust_merged");
  merge_args.insert(merge_args.end(), {"--out", merged.string(), "--quiet"});
  ASSERT_EQ(cmd_reproduce(merge_args), 0);
  EXPECT_EQ(read_file(merged / "report.md"), md);
}
