// hqnn reproduce end to end: the report's tables, shards and merge, --seeds,
// and runs that are the same whatever the thread count.
// The command-line tool is native only (no CLI target under Emscripten).
#include <gtest/gtest.h>

#include <filesystem>
#include <set>
#include <sstream>
#include <string>

#include "cli/reproduce/reproduce.hpp"
#include "cli/reproduce/robustness_map.hpp"
#include "scratch_files.hpp"
#include "../../bad_input_catalogue.hpp"

using namespace hqnn;
using namespace hqnn::cli;
using namespace hqnn::testing;
namespace fs = std::filesystem;


// The message of a refused reproduce command line, or "accepted".
static std::string message_of(const std::vector<std::string>& argv) {
  try {
    cmd_reproduce(argv);
  } catch (const InputError& e) {
    return std::string(e.what());
  }
  return std::string("accepted");
}

TEST(CliReproduce, TinyReportHasEveryCellFilled) {
  const fs::path out = scratch_dir("reproduce_tiny");
  ASSERT_EQ(cmd_reproduce({"--profile", "tiny", "--out", out.string(), "--quiet", "--threads", "2"}), 0);
  const std::string md = read_file(out / "report.md");
  std::istringstream lines(md);
  std::string line;
  int table_rows = 0;
  while (std::getline(lines, line)) {
    if (line.empty() || line[0] != '|') continue;
    ++table_rows;
    ASSERT_EQ(line.back(), '|') << line;
    size_t start = 1;
    for (size_t bar = line.find('|', start); bar != std::string::npos; bar = line.find('|', start)) {
      EXPECT_FALSE(trim(line.substr(start, bar - start)).empty()) << "empty cell in: " << line;
      start = bar + 1;
    }
  }
  // header table + Fig. 9 + 8 attack rows + 6 noise tables of 3 + 2 x 4 class rows
  EXPECT_GE(table_rows, 2 + 3 + 10 + 6 * (2 + 3 + 6));
  EXPECT_NE(md.find("| iris | TQFNN "), std::string::npos);
  EXPECT_NE(md.find("87.93%"), std::string::npos);  // the paper's number beside ours
  const auto grid = reproduce_grid(reproduce_profile("tiny", ""));
  for (const auto& r : grid) {
    EXPECT_TRUE(fs::exists(out / "runs" / (r.id + ".json"))) << r.id;
    EXPECT_TRUE(fs::exists(out / "runs" / (r.id + ".csv"))) << r.id;
  }
  EXPECT_TRUE(fs::exists(out / "plots" / "attack-iris-form2-gaussian-asym-loss.svg"));
}

TEST(CliReproduce, ShardsMergedGiveTheSameReport) {
  const fs::path whole = scratch_dir("reproduce_whole"), merged = scratch_dir("reproduce_merged");
  ASSERT_EQ(cmd_reproduce({"--tiny", "--out", whole.string(), "--quiet", "--threads", "1"}), 0);
  std::vector<std::string> merge_args = {"--merge"};
  for (int i = 1; i <= 3; ++i) {
    const fs::path shard = scratch_dir("reproduce_shard" + std::to_string(i));
    ASSERT_EQ(cmd_reproduce({"--tiny", "--shard", std::to_string(i) + "/3", "--out", shard.string(), "--quiet"}), 0);
    EXPECT_FALSE(fs::exists(shard / "report.md"));
    merge_args.push_back(shard.string());
  }
  // One shard alone is not a whole grid.
  EXPECT_THROW(cmd_reproduce({"--merge", merge_args[1], "--out", merged.string(), "--quiet"}), InputError);
  merge_args.insert(merge_args.end(), {"--out", merged.string(), "--quiet"});
  ASSERT_EQ(cmd_reproduce(merge_args), 0);
  EXPECT_EQ(read_file(merged / "report.md"), read_file(whole / "report.md"));
  // The merged runs/ holds the unsharded run files, timings aside (as scripts/test_slurm.sh checks on Slurm).
  const auto without_timing = [](const std::string& text) {
    std::string out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);)
      if (line.find("seconds\"") == std::string::npos) out += line + "\n";
    return out;
  };
  size_t files = 0;
  for (const auto& e : fs::directory_iterator(whole / "runs")) {
    EXPECT_EQ(without_timing(read_file(merged / "runs" / e.path().filename())), without_timing(read_file(e.path())))
        << e.path().filename();
    ++files;
  }
  EXPECT_EQ(files, 2 * reproduce_grid(reproduce_profile("tiny", "")).size());
  EXPECT_THROW(cmd_reproduce({"--tiny", "--shard", "4/3", "--out", merged.string()}), InputError);
  for (const char* bad : {"1/3x", "1/3/2", "1/", "/3", "+1/3", "1 /3", "0/3"})
    EXPECT_THROW(cmd_reproduce({"--tiny", "--shard", bad, "--out", merged.string(), "--dry-run"}), InputError) << bad;

  // A damaged run file is named, not read past its end.
  const fs::path damaged = scratch_dir("reproduce_damaged");
  fs::create_directories(damaged / "runs");
  fs::copy_file(fs::path(merge_args[1]) / "shard.json", damaged / "shard.json");
  for (const auto& e : fs::directory_iterator(fs::path(merge_args[1]) / "runs")) {
    std::string text = read_file(e.path());
    if (e.path().extension() == ".json" && !fs::exists(damaged / "runs" / "cut.json")) {
      const size_t at = text.find("\"test_loss\": [");
      ASSERT_NE(at, std::string::npos);
      const size_t end = text.find(']', at);
      const size_t last_comma = text.rfind(',', end);
      text.erase(last_comma, end - last_comma);  // one value fewer
      std::ofstream(damaged / "runs" / "cut.json") << text;
    }
  }
  try {
    cmd_reproduce({"--merge", damaged.string(), "--out", scratch_dir("reproduce_damaged_out").string(), "--quiet"});
    ADD_FAILURE() << "accepted";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("cut.json: curves.test_loss has a different length"), std::string::npos)
        << e.what();
  }
}

// A shard that failed (or was never run) is named by its index, so that only
// it is run again; the shard that failed part-way counts its missing runs.
TEST(CliReproduce, MergeNamesTheMissingShards) {
  const fs::path one = scratch_dir("reproduce_missing1"), three = scratch_dir("reproduce_missing3");
  ASSERT_EQ(cmd_reproduce({"--tiny", "--shard", "1/3", "--out", one.string(), "--quiet"}), 0);
  ASSERT_EQ(cmd_reproduce({"--tiny", "--shard", "3/3", "--out", three.string(), "--quiet"}), 0);
  EXPECT_TRUE(fs::exists(three / "shard.json"));
  // Shard 3 loses one run, as if it had been killed before the last one.
  const auto grid = reproduce_grid(reproduce_profile("tiny", ""));
  const std::string lost = grid[2].id;  // grid position 2 belongs to shard 3 of 3
  ASSERT_TRUE(fs::remove(three / "runs" / (lost + ".json")));
  const size_t in_shard2 = (grid.size() + 1) / 3, in_shard3 = grid.size() / 3;  // positions 1, 4, ... and 2, 5, ...
  try {
    cmd_reproduce({"--merge", one.string(), three.string(), "--out", scratch_dir("reproduce_missing_out").string(), "--quiet"});
    ADD_FAILURE() << "merged an incomplete grid";
  } catch (const InputError& e) {
    const std::string msg = e.what();
    EXPECT_NE(msg.find("missing shards of 3: 2 (" + std::to_string(in_shard2) + " of " + std::to_string(in_shard2)),
              std::string::npos) << msg;
    EXPECT_NE(msg.find("3 (1 of " + std::to_string(in_shard3) + " runs, e.g. '" + lost + "')"), std::string::npos)
        << msg;
    EXPECT_NE(msg.find("--shard I/3"), std::string::npos) << msg;
    EXPECT_NE(msg.find("--retry 2,3"), std::string::npos) << msg;
    EXPECT_EQ(msg.find("1 ("), std::string::npos) << "shard 1 is complete: " << msg;
  }
  // The same shard twice, or shards of another N, are refused by name.
  EXPECT_THROW(cmd_reproduce({"--merge", one.string(), one.string(), "--out", scratch_dir("reproduce_missing_out").string()}),
               InputError);
  const fs::path of_two = scratch_dir("reproduce_missing_of2");
  ASSERT_EQ(cmd_reproduce({"--tiny", "--shard", "2/2", "--out", of_two.string(), "--quiet"}), 0);
  EXPECT_THROW(cmd_reproduce({"--merge", one.string(), of_two.string(), "--out", scratch_dir("reproduce_missing_out").string()}),
               InputError);
}

// --seeds K runs seeds 1..K of every cell; its shards remember K, so a merge
// rebuilds the same grid, names K in the retry line and refuses shards of another K.
TEST(CliReproduce, SeedsOptionSetsEverySeedCountAndShardsRememberIt) {
  const ReproduceProfile quick = reproduce_profile("robustness-quick", "");
  const ReproduceProfile five = reproduce_profile("robustness-quick", "", 5);
  size_t runs_per_seed = 0;
  for (const auto& d : quick.datasets) {
    const size_t per_seed = d.map.forms.size() * d.map.modes.size() * d.map.noises.size() *
                            quick.map_magnitudes.size() * robustness_models(d.key).size();
    runs_per_seed += per_seed;
  }
  EXPECT_EQ(reproduce_grid(five).size(), 5 * runs_per_seed);
  EXPECT_EQ(reproduce_grid(reproduce_profile("tiny", "", 2)).size(), 2 * reproduce_grid(reproduce_profile("tiny", "")).size());
  for (const char* bad : {"0", "101", "x", "-1"})
    EXPECT_THROW(cmd_reproduce({"--tiny", "--seeds", bad, "--dry-run", "--quiet"}), InputError) << bad;
  hqnn::testing::expect_catalogued(message_of({"--tiny", "--seeds", "0", "--dry-run"}),
                                   "--seeds: expected a whole number in [1, 100], got '0'");
  // The option codec reads them: no fractions, hex, exponents past int or trailing words.
  for (const char* bad : {"2.5", "0x10", "1e10", "3 seeds", ""})
    EXPECT_EQ(message_of({"--tiny", "--seeds", bad, "--dry-run"}),
              std::string("--seeds: expected a whole number in [1, 100], got '") + bad + "'");
  hqnn::testing::expect_catalogued(message_of({"--tiny", "--threads", "x", "--dry-run"}),
                                   "--threads: expected a whole number in [1, 1024], got 'x'");
  EXPECT_EQ(message_of({"--tiny", "--threads", "0", "--dry-run"}), "--threads: expected a whole number in [1, 1024], got '0'");
  hqnn::testing::expect_catalogued(message_of({"--profile", "huge", "--dry-run"}),
                    "--profile: expected tiny, quick, full, robustness-tiny, robustness-quick, robustness-full, study-tiny, study or study-full, got 'huge'");
  hqnn::testing::expect_catalogued(message_of({"--tiny", "--shard", "4/3", "--dry-run"}), "--shard: expected I/N with 1 <= I <= N, got '4/3'");
  hqnn::testing::expect_catalogued(message_of({"--profile", "robustnes-quick", "--dry-run"}),
                    "--profile: expected tiny, quick, full, robustness-tiny, robustness-quick, robustness-full, study-tiny, "
                    "study or study-full, got 'robustnes-quick'; did you mean robustness-quick?");
  hqnn::testing::expect_catalogued(message_of({"--tiny", "--profile", "study", "--dry-run"}),
                                   "choose one profile: --tiny, --quick, --full or --profile NAME");
  EXPECT_EQ(message_of({"--tiny", "--full", "--dry-run"}), "choose one profile: --tiny, --quick, --full or --profile NAME");

  const fs::path one = scratch_dir("reproduce_seeds1"), two = scratch_dir("reproduce_seeds2"), other = scratch_dir("reproduce_seeds_other");
  ASSERT_EQ(cmd_reproduce({"--tiny", "--seeds", "2", "--shard", "1/2", "--out", one.string(), "--quiet"}), 0);
  ASSERT_EQ(cmd_reproduce({"--tiny", "--shard", "2/2", "--out", other.string(), "--quiet"}), 0);
  try {
    cmd_reproduce({"--merge", one.string(), "--out", scratch_dir("reproduce_seeds_out").string(), "--quiet"});
    ADD_FAILURE() << "merged without shard 2";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("--seeds 2 --shard I/2"), std::string::npos) << e.what();
  }
  EXPECT_THROW(cmd_reproduce({"--merge", one.string(), other.string(), "--out", scratch_dir("reproduce_seeds_out").string()}),
               InputError);
  ASSERT_EQ(cmd_reproduce({"--tiny", "--seeds", "2", "--shard", "2/2", "--out", two.string(), "--quiet"}), 0);
  const fs::path merged = scratch_dir("reproduce_seeds_out");
  ASSERT_EQ(cmd_reproduce({"--merge", one.string(), two.string(), "--out", merged.string(), "--quiet"}), 0);
  EXPECT_TRUE(fs::exists(merged / "runs" / "ablation-iris-qdfnn-s2.json"));
}

// Each run is single-threaded and seeded by its own id, so how many runs go in
// parallel changes nothing: every per-epoch curve and every result is the
// same bit for bit (the timing fields aside).
TEST(CliReproduce, OneOrTwoThreadsGiveBitIdenticalRuns) {
  const fs::path one = scratch_dir("reproduce_threads1"), two = scratch_dir("reproduce_threads2");
  ASSERT_EQ(cmd_reproduce({"--tiny", "--out", one.string(), "--quiet", "--threads", "1", "--no-complexity"}), 0);
  ASSERT_EQ(cmd_reproduce({"--tiny", "--out", two.string(), "--quiet", "--threads", "2", "--no-complexity"}), 0);
  const auto without_timing = [](std::string text) {
    std::string out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);)
      if (line.find("seconds\"") == std::string::npos) out += line + "\n";
    return out;
  };
  int files = 0;
  for (const auto& entry : fs::directory_iterator(one / "runs")) {
    const fs::path other = two / "runs" / entry.path().filename();
    ASSERT_TRUE(fs::exists(other)) << other;
    EXPECT_EQ(without_timing(read_file(entry.path())), without_timing(read_file(other))) << entry.path().filename();
    ++files;
  }
  EXPECT_GT(files, 10);
  EXPECT_EQ(read_file(one / "report.md"), read_file(two / "report.md"));
}

// Its options are read and listed by the same codec as every command's.
TEST(CliReproduce, OptionsGetDidYouMeanAndAGeneratedHelp) {
  EXPECT_EQ(message_of({"--tiny", "--sheds", "2", "--dry-run"}),
            "unknown option --sheds; did you mean --seeds? (see hqnn reproduce --help)");
  EXPECT_EQ(message_of({"--tiny", "--seed", "2"}), "--seed is not an option of hqnn reproduce (see hqnn reproduce --help)");
  EXPECT_EQ(message_of({"--dryrun"}), "unknown option --dryrun; did you mean --dry-run? (see hqnn reproduce --help)");
  EXPECT_EQ(message_of({"--epochs", "3"}), "--epochs is not an option of hqnn reproduce (see hqnn reproduce --help)");
  EXPECT_EQ(message_of({"--merge"}), "--merge needs one or more shard directories");
  const std::string help = reproduce_help();
  for (const char* part : {"usage:", "  --merge DIR...", "  --profile NAME", "[reports]", "profiles:",
                           "robustness-full", "study-full", "examples:", "  --dry-run"})
    EXPECT_NE(help.find(part), std::string::npos) << part;
}
