// hqnn reproduce --profile study-tiny end to end (study_runner.hpp, study_report.hpp):
// the report, the runs and the verdicts, and sharded and merged equal to unsharded.
// The command-line tool is native only (no CLI target under Emscripten).
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <set>
#include <string>

#include "cli/reproduce/reproduce.hpp"
#include "cli/reproduce/study_statistics.hpp"
#include "scratch_files.hpp"

using namespace hqnn;
using namespace hqnn::cli;
using namespace hqnn::testing;
namespace fs = std::filesystem;

TEST(CliStudy, TinyProfileEndToEndWritesReportRunsAndVerdicts) {
  const fs::path out = scratch_dir("study_tiny");
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
  const fs::path whole = scratch_dir("study_whole"), a = scratch_dir("study_a"), b = scratch_dir("study_b"), merged = scratch_dir("study_merged");
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
  const fs::path c = scratch_dir("study_c");
  ASSERT_EQ(cmd_reproduce({"--profile", "study-tiny", "--shard", "3/3", "--out", c.string(), "--quiet"}), 0);
  ASSERT_EQ(cmd_reproduce({"--merge", a.string(), b.string(), c.string(), "--out", merged.string(), "--quiet"}), 0);
  for (const char* f : {"report.md", "runs.csv", "cells.csv", "verdicts.csv", "plots/study-iris-absolute-one-gaussian-sym.svg"})
    EXPECT_EQ(read_file(whole / f), read_file(merged / f)) << f;
  EXPECT_FALSE(read_file(merged / "runs.csv").empty());
}
