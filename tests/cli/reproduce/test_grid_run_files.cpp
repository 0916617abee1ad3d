// A grid run of `hqnn reproduce` is a run record (run::run_json plus the
// grid's labels) whose link `hqnn train --link` trains again to the same run
// bit for bit: the paper's grid (dataset noise, parameter attacks), the
// robustness map (transient and fixed attacks, `auto` scaling) and the study,
// whose cells are trained clean, checkpointed and attacked from the checkpoint
// (the link is the one uninterrupted run that equals it, attack_epoch = the
// clean epochs).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "cli/reproduce/grid_run_files.hpp"
#include "cli/reproduce/reproduce.hpp"
#include "cli/train_command.hpp"
#include "../command_capture.hpp"
#include "../../bad_input_catalogue.hpp"
#include "../../scratch_dir.hpp"
#include "run/options/option_table.hpp"

using namespace hqnn;
using namespace hqnn::cli;
namespace fs = std::filesystem;

namespace {

fs::path scratch_dir(const std::string& name) { return hqnn::testing::scratch_dir("grid_replay_" + name); }

std::string read_file(const fs::path& p) {
  std::ifstream f(p);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

// The record without what may differ between two trainings of one run: the
// timings, and the grid's labels (a replay is not a grid run).
Json without_timing_and_labels(const Json& record) {
  Json out = Json::object();
  for (const auto& [key, value] : record.members())
    if (key != "seconds" && key != "cpu_seconds" && key != "grid") out.set(key, value);
  return out;
}

// Every run file of one shard of `profile`, replayed from its link; returns the records replayed.
std::vector<Json> replay_runs(const std::string& profile, const std::string& shard) {
  const fs::path out = scratch_dir(profile);
  EXPECT_EQ(cmd_reproduce({"--profile", profile, "--shard", shard, "--out", out.string(), "--quiet", "--threads", "2"}), 0);
  const std::vector<Json> runs = read_run_files(out);
  EXPECT_FALSE(runs.empty());
  for (const Json& record : runs) {
    const std::string id = grid_run_id(record);
    const std::string link = record.at("link").as_string();
    const hqnn::testing::CommandOutput replay =
        hqnn::testing::capture_command(train_command, std::vector<std::string>{"--link", link, "--json", "--quiet"});
    const Json again = Json::parse(replay.out, id + " replayed");
    // The same curves bit for bit (dumped at 17 digits, so equal text is equal doubles), and the same everything else.
    EXPECT_EQ(again.at("curves").dump(), record.at("curves").dump()) << id << "\n" << link;
    EXPECT_EQ(without_timing_and_labels(again).dump(1), without_timing_and_labels(record).dump(1)) << id;
    // The file on disk is what the grid wrote: its CSV is the curves CSV of its record.
    EXPECT_EQ(read_file(out / "runs" / (id + ".csv")), run::curves_csv(record.at("curves"))) << id;
  }
  return runs;
}

}  // namespace

// Shard 1 of 17 of the tiny grid (positions 0, 17, 34, 51): dataset noise on QRFNN and
// MLP(leaky-relu), attacks of form 1 on QDFNN and form 2 on MLP(rot-relu).
TEST(CliGridRunReplay, PaperGridRunsReplayFromTheirLinks) {
  EXPECT_EQ(replay_runs("tiny", "1/17").size(), 4u);
}

// Shard 1 of 97 of the tiny map (positions 0, 97, ..., 485): persistent, transient and
// fixed attacks, both forms, five models, on iris with `auto` scaling.
TEST(CliGridRunReplay, RobustnessMapRunsReplayFromTheirLinks) {
  EXPECT_EQ(replay_runs("robustness-tiny", "1/97").size(), 6u);
}

// One pre-training unit of the study (MLP(leaky-relu), seed 1; its 32 cells: the stable
// and the naive softmax, absolute and relative scale, one layer and all, two noises and
// magnitudes): each is the uninterrupted run of its link, 2 clean epochs then 2 attacked.
TEST(CliGridRunReplay, StudyCellsReplayAsOneUninterruptedRun) {
  const std::vector<Json> cells = replay_runs("study-tiny", "3/6");
  EXPECT_EQ(cells.size(), 32u);
  for (const Json& cell : cells) {
    const run::RunSpec spec = run::spec_from_json(cell.at("spec"), "spec");
    ASSERT_TRUE(spec.attack.has_value()) << grid_run_id(cell);
    EXPECT_EQ(spec.attack_epoch, 2) << grid_run_id(cell);
    EXPECT_EQ(spec.train.epochs, 4) << grid_run_id(cell);
  }
}

// The record of a grid run names its settings once, as spec and link, and they agree.
TEST(CliGridRunReplay, GridRecordsCarrySpecLinkAndLabels) {
  const fs::path out = scratch_dir("labels");
  ASSERT_EQ(cmd_reproduce({"--profile", "tiny", "--shard", "25/59", "--out", out.string(), "--quiet"}), 0);
  const std::vector<Json> runs = read_run_files(out);
  ASSERT_EQ(runs.size(), 1u);
  const Json& r = runs.front();
  const Json& grid = r.at("grid");
  EXPECT_EQ(grid.at("id").as_string(), "attack-iris-form1-gaussian-sym-qrfnn-s1");
  EXPECT_EQ(grid.at("experiment").as_string(), "attack");
  EXPECT_EQ(grid.at("condition").as_string(), "form1-gaussian-sym");
  EXPECT_EQ(grid.at("model").as_string(), "qrfnn");
  const run::RunSpec spec = run::spec_from_json(r.at("spec"), "spec");
  EXPECT_TRUE(run::same_run(run::parse_link(r.at("link").as_string()).spec, spec));
  ASSERT_TRUE(spec.attack.has_value());
  EXPECT_EQ(spec.attack->form, AttackForm::inside);
  EXPECT_EQ(spec.train.epochs, 2);
  EXPECT_EQ(r.at("attacked_layers").size(), 1u);
}

// A shard written by an older hqnn (run files without spec and grid labels) is named, with what to do.
TEST(CliGridRunReplay, MergeRefusesRunFilesWithoutTheRecord) {
  const fs::path shard = scratch_dir("old_shard");
  ASSERT_EQ(cmd_reproduce({"--profile", "tiny", "--shard", "59/59", "--out", shard.string(), "--quiet"}), 0);
  const fs::path file = shard / "runs" / "ablation-iris-qdfnn-s1.json";
  const Json record = Json::parse(read_file(file));
  Json old = Json::object();  // the older summary's keys
  old.set("id", grid_run_id(record));
  old.set("curves", record.at("curves"));
  std::ofstream(file) << old.dump(1);
  std::string message = hqnn::testing::input_error_of(
      [&] { cmd_reproduce({"--merge", shard.string(), "--out", scratch_dir("old_out").string(), "--quiet"}); });
  ASSERT_EQ(message.rfind(shard.string(), 0), 0u) << message;
  message = "shard1" + message.substr(shard.string().size());
  hqnn::testing::expect_catalogued(message, "shard1/runs/ablation-iris-qdfnn-s1.json: not a run record with grid labels "
                                            "(written by an older hqnn?); run its shard again");
}
