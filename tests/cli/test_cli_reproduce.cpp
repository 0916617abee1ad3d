// hqnn reproduce: the grid, the report's tables, shards and merge, the SVG
// writer and the dense-U reference of the complexity table.
// The command-line tool is native only (no CLI target under Emscripten).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "cli/complexity.hpp"
#include "cli/reproduce.hpp"
#include "cli/robustness_map.hpp"
#include "cli/robustness_report.hpp"
#include "cli/svg_plot.hpp"
#include "core/givens_chain.hpp"
#include "core/rng.hpp"
#include "../bad_input_catalogue.hpp"

using namespace hqnn;
using namespace hqnn::cli;
namespace fs = std::filesystem;

namespace {

fs::path scratch_dir(const std::string& name) {
  const fs::path p = fs::temp_directory_path() / ("hqnn_test_reproduce_" + name);
  fs::remove_all(p);
  return p;
}

std::string read_file(const fs::path& p) {
  std::ifstream f(p);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

std::string trim(const std::string& s) {
  const size_t a = s.find_first_not_of(' '), b = s.find_last_not_of(' ');
  return a == std::string::npos ? "" : s.substr(a, b - a + 1);
}

}  // namespace

TEST(CliReproduce, GridIdsAreUniqueAndCoverEveryExperiment) {
  const ReproduceProfile p = reproduce_profile("quick", "");
  const auto grid = reproduce_grid(p);
  // per data set and seed: 6 noises x 4 models + 2 forms x 4 noises x 4 models + 3 ablation models
  EXPECT_EQ(grid.size(), p.datasets.size() * static_cast<size_t>(p.seeds) * (24 + 32 + 3));
  std::set<std::string> ids;
  for (const auto& r : grid) ids.insert(r.id);
  EXPECT_EQ(ids.size(), grid.size());
  EXPECT_EQ(reproduce_profile("quick", "/data/cifar").datasets.back().data.name, "cifar100:/data/cifar");
  EXPECT_THROW(reproduce_profile("huge", ""), InputError);
}

TEST(CliReproduce, TinyReportHasEveryCellFilled) {
  const fs::path out = scratch_dir("tiny");
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
  const fs::path whole = scratch_dir("whole"), merged = scratch_dir("merged");
  ASSERT_EQ(cmd_reproduce({"--tiny", "--out", whole.string(), "--quiet", "--threads", "1"}), 0);
  std::vector<std::string> merge_args = {"--merge"};
  for (int i = 1; i <= 3; ++i) {
    const fs::path shard = scratch_dir("shard" + std::to_string(i));
    ASSERT_EQ(cmd_reproduce({"--tiny", "--shard", std::to_string(i) + "/3", "--out", shard.string(), "--quiet"}), 0);
    EXPECT_FALSE(fs::exists(shard / "report.md"));
    merge_args.push_back(shard.string());
  }
  // One shard alone is not a whole grid.
  EXPECT_THROW(cmd_reproduce({"--merge", merge_args[1], "--out", merged.string(), "--quiet"}), InputError);
  merge_args.insert(merge_args.end(), {"--out", merged.string(), "--quiet"});
  ASSERT_EQ(cmd_reproduce(merge_args), 0);
  EXPECT_EQ(read_file(merged / "report.md"), read_file(whole / "report.md"));
  EXPECT_THROW(cmd_reproduce({"--tiny", "--shard", "4/3", "--out", merged.string()}), InputError);
  for (const char* bad : {"1/3x", "1/3/2", "1/", "/3", "+1/3", "1 /3", "0/3"})
    EXPECT_THROW(cmd_reproduce({"--tiny", "--shard", bad, "--out", merged.string(), "--dry-run"}), InputError) << bad;

  // A damaged run file is named, not read past its end.
  const fs::path damaged = scratch_dir("damaged");
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
    cmd_reproduce({"--merge", damaged.string(), "--out", scratch_dir("damaged_out").string(), "--quiet"});
    ADD_FAILURE() << "accepted";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("cut.json: curves.test_loss has a different length"), std::string::npos)
        << e.what();
  }
}

// A shard that failed (or was never run) is named by its index, so that only
// it is run again; the shard that failed part-way counts its missing runs.
TEST(CliReproduce, MergeNamesTheMissingShards) {
  const fs::path one = scratch_dir("missing1"), three = scratch_dir("missing3");
  ASSERT_EQ(cmd_reproduce({"--tiny", "--shard", "1/3", "--out", one.string(), "--quiet"}), 0);
  ASSERT_EQ(cmd_reproduce({"--tiny", "--shard", "3/3", "--out", three.string(), "--quiet"}), 0);
  EXPECT_TRUE(fs::exists(three / "shard.json"));
  // Shard 3 loses one run, as if it had been killed before the last one.
  const auto grid = reproduce_grid(reproduce_profile("tiny", ""));
  const std::string lost = grid[2].id;  // grid position 2 belongs to shard 3 of 3
  ASSERT_TRUE(fs::remove(three / "runs" / (lost + ".json")));
  const size_t in_shard2 = (grid.size() + 1) / 3, in_shard3 = grid.size() / 3;  // positions 1, 4, ... and 2, 5, ...
  try {
    cmd_reproduce({"--merge", one.string(), three.string(), "--out", scratch_dir("missing_out").string(), "--quiet"});
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
  EXPECT_THROW(cmd_reproduce({"--merge", one.string(), one.string(), "--out", scratch_dir("missing_out").string()}),
               InputError);
  const fs::path of_two = scratch_dir("missing_of2");
  ASSERT_EQ(cmd_reproduce({"--tiny", "--shard", "2/2", "--out", of_two.string(), "--quiet"}), 0);
  EXPECT_THROW(cmd_reproduce({"--merge", one.string(), of_two.string(), "--out", scratch_dir("missing_out").string()}),
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
  const auto message_of = [](const std::vector<std::string>& argv) {
    try {
      cmd_reproduce(argv);
    } catch (const InputError& e) {
      return std::string(e.what());
    }
    return std::string("accepted");
  };
  hqnn::testing::expect_catalogued(message_of({"--tiny", "--seeds", "0", "--dry-run"}),
                    "--seeds: expected 1..100 (seeds 1..K of every run), got 0");
  hqnn::testing::expect_catalogued(message_of({"--profile", "huge", "--dry-run"}),
                    "--profile: expected tiny, quick, full, robustness-tiny, robustness-quick, robustness-full, study-tiny, study or study-full, got 'huge'");
  hqnn::testing::expect_catalogued(message_of({"--tiny", "--shard", "4/3", "--dry-run"}), "--shard: expected I/N with 1 <= I <= N, got '4/3'");

  const fs::path one = scratch_dir("seeds1"), two = scratch_dir("seeds2"), other = scratch_dir("seeds_other");
  ASSERT_EQ(cmd_reproduce({"--tiny", "--seeds", "2", "--shard", "1/2", "--out", one.string(), "--quiet"}), 0);
  ASSERT_EQ(cmd_reproduce({"--tiny", "--shard", "2/2", "--out", other.string(), "--quiet"}), 0);
  try {
    cmd_reproduce({"--merge", one.string(), "--out", scratch_dir("seeds_out").string(), "--quiet"});
    ADD_FAILURE() << "merged without shard 2";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("--seeds 2 --shard I/2"), std::string::npos) << e.what();
  }
  EXPECT_THROW(cmd_reproduce({"--merge", one.string(), other.string(), "--out", scratch_dir("seeds_out").string()}),
               InputError);
  ASSERT_EQ(cmd_reproduce({"--tiny", "--seeds", "2", "--shard", "2/2", "--out", two.string(), "--quiet"}), 0);
  const fs::path merged = scratch_dir("seeds_out");
  ASSERT_EQ(cmd_reproduce({"--merge", one.string(), two.string(), "--out", merged.string(), "--quiet"}), 0);
  EXPECT_TRUE(fs::exists(merged / "runs" / "ablation-iris-qdfnn-s2.json"));
}

// Each run is single-threaded and seeded by its own id, so how many runs go in
// parallel changes nothing: every per-epoch curve and every result is the
// same bit for bit (the timing fields aside).
TEST(CliReproduce, OneOrTwoThreadsGiveBitIdenticalRuns) {
  const fs::path one = scratch_dir("threads1"), two = scratch_dir("threads2");
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

TEST(CliReproduce, RobustnessMapSweepsMagnitudesLogSpacedOverEveryAttack) {
  const ReproduceProfile p = reproduce_profile("robustness-quick", "");
  ASSERT_GE(p.map_magnitudes.size(), 8u);
  EXPECT_NEAR(p.map_magnitudes.front(), 1e-3, 1e-12);
  EXPECT_NEAR(p.map_magnitudes.back(), 10, 1e-9);
  for (size_t i = 2; i < p.map_magnitudes.size(); ++i)
    EXPECT_NEAR(p.map_magnitudes[i] / p.map_magnitudes[i - 1], p.map_magnitudes[1] / p.map_magnitudes[0], 1e-9);
  const ReproduceDataset& iris = p.datasets.front();
  EXPECT_EQ(iris.map.modes.size(), 3u);   // persistent, transient, fixed
  EXPECT_EQ(iris.map.noises.size(), 6u);
  EXPECT_EQ(iris.map.forms.size(), 2u);
  const auto grid = reproduce_grid(p);
  std::set<std::string> ids, modes;
  for (const auto& r : grid) {
    ids.insert(r.id);
    ASSERT_TRUE(r.config.attack.has_value()) << r.id;
    modes.insert(enum_name(r.config.attack->mode));
  }
  EXPECT_EQ(ids.size(), grid.size());
  EXPECT_EQ(modes, (std::set<std::string>{"persistent", "transient", "fixed"}));
  EXPECT_EQ(robustness_models("iris").size(), 5u);
  EXPECT_THROW(reproduce_profile("robustness-quick", "/data/cifar"), InputError);
}

TEST(CliReproduce, RobustnessVerdictFollowsTheClaimsDefinition) {
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

TEST(CliReproduce, RobustnessReportHasAVerdictPerAttackAndMergesFromShards) {
  const fs::path whole = scratch_dir("robust_whole");
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
    const fs::path shard = scratch_dir("robust_shard" + std::to_string(i));
    ASSERT_EQ(cmd_reproduce({"--profile", "robustness-tiny", "--shard", std::to_string(i) + "/2", "--out", shard.string(),
                             "--quiet"}),
              0);
    merge_args.push_back(shard.string());
  }
  const fs::path merged = scratch_dir("robust_merged");
  merge_args.insert(merge_args.end(), {"--out", merged.string(), "--quiet"});
  ASSERT_EQ(cmd_reproduce(merge_args), 0);
  EXPECT_EQ(read_file(merged / "report.md"), md);
}

TEST(CliReproduce, SvgPlotBreaksLinesAtNaN) {
  PlotSeries s;
  s.name = "CNN <leaky>";
  s.x = {1, 2, 3, 4};
  s.y = {0.5, 0.4, NAN, 0.3};
  PlotOptions o;
  o.title = "loss";
  const std::string svg = svg_line_plot({s}, o);
  const size_t path = svg.find("<path d=\"");
  ASSERT_NE(path, std::string::npos);
  const std::string d = svg.substr(path, svg.find('"', path + 9) - path);
  size_t moves = 0;
  for (size_t i = d.find(" M"); i != std::string::npos; i = d.find(" M", i + 1)) ++moves;
  EXPECT_EQ(moves, 2u);  // a new segment after the NaN
  EXPECT_NE(svg.find("CNN &lt;leaky&gt;"), std::string::npos);
}

// The map's plots: a dashed chance line, y from 0, a band, ringed points, a
// cross for a NaN point; log-axis tick labels are values, each one distinct.
TEST(CliReproduce, SvgPlotHasChanceLineBandMarkersAndDistinctLogTicks) {
  PlotSeries s;
  s.name = "QDCNN";
  s.x = {-3, -2, -1, 0};
  s.y = {0.9, 0.8, NAN, 0.5};
  s.y_low = {0.85, 0.7, NAN, 0.45};
  s.y_high = {0.95, 0.9, NAN, 0.55};
  s.marked = {false, true, false, false};
  PlotOptions o;
  o.y_from_zero = true;
  o.reference_y = 0.25;
  o.reference_label = "chance";
  o.marker_label = "NaN loss";
  const std::string svg = svg_line_plot({s}, o);
  EXPECT_NE(svg.find("stroke-dasharray"), std::string::npos);
  EXPECT_NE(svg.find(">chance</text>"), std::string::npos);
  EXPECT_NE(svg.find("text-anchor=\"end\">0</text>"), std::string::npos);  // the lowest y tick is 0
  EXPECT_NE(svg.find("fill-opacity"), std::string::npos);
  EXPECT_NE(svg.find("<circle"), std::string::npos);
  EXPECT_NE(svg.find(">NaN loss</text>"), std::string::npos);

  PlotSeries loss;
  loss.name = "loss";
  loss.x = {1, 2};
  loss.y = {0.14, 0.2};  // log10 spans 0.15: one decimal of the exponent gave "1e-0.8" twice
  PlotOptions lo;
  lo.log_y = true;
  const std::string log_svg = svg_line_plot({loss}, lo);
  std::vector<std::string> labels;
  for (size_t i = log_svg.find("text-anchor=\"end\">"); i != std::string::npos;
       i = log_svg.find("text-anchor=\"end\">", i + 1)) {
    const size_t b = i + 18;
    labels.push_back(log_svg.substr(b, log_svg.find('<', b) - b));
  }
  ASSERT_EQ(labels.size(), 5u);
  for (size_t i = 1; i < labels.size(); ++i) EXPECT_NE(labels[i], labels[i - 1]);
  EXPECT_EQ(labels.front(), "0.14");
}

TEST(CliReproduce, DenseUGradientMatchesTheKernel) {
  const int n = 6, batch = 5, m = givens_gate_count(n);
  Rng rng(3);
  std::vector<double> angles(static_cast<size_t>(m));
  for (auto& a : angles) a = rng.uniform(-3, 3);
  Eigen::MatrixXd x(batch, n), g(batch, n);
  for (Index i = 0; i < batch; ++i)
    for (Index j = 0; j < n; ++j) x(i, j) = rng.normal(), g(i, j) = rng.normal();
  const std::vector<double> dense = dense_u_angle_gradient(angles, n, x, g);
  // The kernel's gradient on the same problem.
  std::vector<Real> angles_r(angles.begin(), angles.end()), grad_r(static_cast<size_t>(m), 0);
  GivensGates gates;
  givens_rotation_gates(angles_r.data(), m, gates);
  Matrix state = x.cast<Real>(), grad = g.cast<Real>();
  givens_chain_forward(gates, n, state.data(), batch, batch);
  givens_chain_backward(gates, n, state.data(), grad.data(), grad_r.data(), batch, batch);
  for (int r = 0; r < m; ++r) EXPECT_NEAR(dense[static_cast<size_t>(r)], grad_r[static_cast<size_t>(r)], 1e-4) << r;
  const auto points = measure_complexity({4, 8}, 4, 4, 0.0);
  ASSERT_EQ(points.size(), 2u);
  EXPECT_GT(points[0].dense_seconds, 0);
  EXPECT_TRUE(std::isnan(points[1].dense_seconds));  // above the dense limit
}


// Reports name every model kind from the model-kind table, the classical controls too.
TEST(CliReproduce, ModelDisplayNamesComeFromTheKindTable) {
  for (const ModelKindInfo& k : enum_rows<ModelKind>()) EXPECT_EQ(model_display_name(k.name), std::string(k.display_name)) << k.name;
  EXPECT_EQ(model_display_name("mlp-dense-orth"), "MLP-dense(orthogonal)");
  EXPECT_EQ(model_display_name("not-a-model"), "not-a-model");
}
