// Index of this file
//   [SECTION] Options and help
//   [SECTION] Complexity measurement
//   [SECTION] Merge
//   [SECTION] Command
#include "reproduce.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <thread>

#include "complexity.hpp"
#include "grid_run_files.hpp"
#include "grid_runner.hpp"
#include "grid_shard.hpp"
#include "shard_merge.hpp"
#include "run/options/command_line.hpp"
#include "core/settings/field.hpp"
#include "core/settings/option_value.hpp"
#include "study_runner.hpp"

namespace hqnn::cli {

namespace fs = std::filesystem;

// [SECTION] Options and help ------------------------------------------------------------------------------

// The profile flags (--tiny, --quick, --full) and --profile's word list come from the profile table.
static const std::vector<run::CommandOption>& reproduce_options() {
  static const std::vector<run::CommandOption> options = [] {
    std::vector<run::CommandOption> o;
    std::string names;
    for (const ProfileRow& r : profile_table()) {
      if (r.flag) o.push_back({r.name, false, "", std::string("--profile ") + r.name + ": " + r.help, ""});
      names += (names.empty() ? "" : " | ") + std::string(r.name);
    }
    o.push_back({"profile", true, "NAME", names + " (profiles below)", default_profile().name});
    const std::vector<run::CommandOption> rest = {
        {"cifar100", true, "DIR", "also run CIFAR-100 classes 0-3 (train.bin, test.bin in DIR)"},
        {"seeds", true, "K", "seeds 1..K for every run (1.." + std::to_string(kMaxReproduceSeeds) + ")",
         "the profile's: 1-10"},
        {"out", true, "DIR", "output directory", "reports"},
        {"threads", true, "N", "cores: parallel runs, and the last runs' training threads", "all cores"},
        {"shard", true, "I/N", "run only the I-th of N slices of the grid (1-based); writes DIR/runs/*.json and "
                               "DIR/shard.json, no report"},
        {"merge", true, "DIR...", "combine shard directories into one report (in --out); names the shards whose "
                                  "results are missing", "", true},
        {"no-complexity", false, "", "leave out the complexity table"},
        {"dry-run", false, "", "print the grid size and the expected run time, run nothing"},
        {"quiet", false, "", "no progress lines"},
    };
    o.insert(o.end(), rest.begin(), rest.end());
    return o;
  }();
  return options;
}

// "--tiny, --quick, --full" (sep ", ")
static std::string profile_flags(const std::string& sep) {
  std::string s;
  for (const ProfileRow& r : profile_table())
    if (r.flag) s += (s.empty() ? "--" : sep + "--") + r.name;
  return s;
}

std::string reproduce_help() {
  return run::command_help(run::kReproduce,
                           "hqnn reproduce: the paper's experiment grid (or the robustness map, or the study) and a "
                           "report\n\n"
                           "usage:\n"
                           "  hqnn reproduce [" + profile_flags(" | ") + " | --profile NAME] [options]\n"
                           "  hqnn reproduce --merge DIR... [--out DIR]\n",
                           reproduce_options(), profiles_help() + R"(
examples:
  hqnn reproduce --quick --out reports
  hqnn reproduce --profile study --dry-run
  hqnn reproduce --profile robustness-full --shard 2/8 --out shard2
  hqnn reproduce --merge shard1 shard2 --out reports
)");
}

// An integer option in [lo, hi], read by the option codec like every run option's
// ("--seeds: expected a whole number in [1, 100], got '0'"); absent: fallback.
static int integer_option(const run::CommandLine& cl, const std::string& name, int lo, int hi, int fallback) {
  if (!cl.has(name)) return fallback;
  const std::string text = cl.str(name);
  const ValueFormat format = integer(lo, hi);
  OptionValue v;
  try {
    v = value_of_text(format, text);
  } catch (const InputError& e) {
    throw InputError("--" + name + ": " + e.what());
  }
  if (!in_range(format, v.number))
    throw InputError("--" + name + ": " + expected_text(format) + ", got '" + text + "'");
  return static_cast<int>(v.number);
}

// [SECTION] Complexity measurement -------------------------------------------------------------

static Json complexity_json(const ReproduceProfile& profile) {
  const int batch = 16;
  const auto points = measure_complexity({4, 8, 16, 32, 64, 128}, batch, profile.complexity_dense_max_n, 0.05);
  Json j = Json::object();
  j.set("batch", batch);
  Json arr = Json::array();
  for (const auto& p : points) {
    Json k = Json::object();
    k.set("n", p.n);
    k.set("kernel_seconds", p.kernel_seconds);
    k.set("dense_seconds", p.dense_seconds);
    arr.push(k);
  }
  j.set("points", arr);
  return j;
}

// The report's folder, or a message naming --out (a path through a file, a folder that may not be written).
static void make_output_folder(const fs::path& dir, const std::string& out) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec)
    throw InputError("--out " + out + ": cannot create the report's folder there (" + ec.message() +
                     "; is a part of the path a file?); give a folder to write the report into");
}

// [SECTION] Merge ------------------------------------------------------------------------------

static int merge(const std::vector<std::string>& dirs, const std::string& out, bool complexity_wanted, bool quiet) {
  const MergedShards merged = merge_shards(dirs);
  make_output_folder(fs::path(out) / "runs", out);
  const Json complexity = complexity_wanted && merged.profile.complexity ? complexity_json(merged.profile) : Json();
  write_reproduction_report(out, merged.profile, merged.runs, complexity);
  make_output_folder(fs::path(out) / "runs", out);
  copy_run_files(dirs, fs::path(out) / "runs");
  if (!quiet)
    std::fprintf(stderr, "merged %zu runs from %zu directories into %s/report.md\n", merged.runs.size(), dirs.size(),
                 out.c_str());
  return 0;
}

// [SECTION] Command ----------------------------------------------------------------------------

int cmd_reproduce(const std::vector<std::string>& argv) {
  if (std::any_of(argv.begin(), argv.end(), [](const std::string& a) { return a == "--help" || a == "-h"; })) {
    std::printf("%s", reproduce_help().c_str());
    return 0;
  }
  const run::CommandLine args = run::parse_command_line(argv, run::kReproduce, reproduce_options());
  const bool quiet = args.has("quiet");
  const std::string out = args.str("out", "reports");
  if (args.has("merge")) {
    const std::vector<std::string> merge_dirs = args.values("merge");
    if (merge_dirs.empty()) throw InputError("--merge needs one or more shard directories");
    return merge(merge_dirs, out, !args.has("no-complexity"), quiet);
  }
  std::string profile_name = args.str("profile", default_profile().name);
  int chosen = args.has("profile");
  for (const ProfileRow& r : profile_table())
    if (r.flag && args.has(r.name)) profile_name = r.name, ++chosen;
  if (chosen > 1) throw InputError("choose one profile: " + profile_flags(", ") + " or --profile NAME");
  const std::string cifar = args.str("cifar100", "");
  const int seeds = integer_option(args, "seeds", 1, kMaxReproduceSeeds, 0);  // 0: the profile's
  const ReproduceProfile profile = reproduce_profile(profile_name, cifar, seeds);

  const GridShard shard = args.has("shard") ? parse_grid_shard(args.str("shard", "")) : GridShard();
  const int hw = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  const int threads = integer_option(args, "threads", 1, TrainOptions::kMaxThreads, hw);

  const std::vector<GridRun> grid = reproduce_grid(profile);
  std::vector<const GridRun*> mine;
  for (size_t i = 0; i < grid.size(); ++i)
    if (shard_of_grid_run(grid, i, shard.count) == shard.index) mine.push_back(&grid[i]);

  std::map<std::string, LoadedData> loaded;
  GridData data;
  for (const auto& d : profile.datasets) {
    const bool needed = std::any_of(mine.begin(), mine.end(), [&](const GridRun* r) { return r->dataset == d.key; });
    if (!needed) continue;
    loaded[d.key] = load_experiment_data(d.data);
    data[d.key] = &loaded[d.key];
  }
  const double estimate = profile.is_study ? estimate_study_seconds(mine, data, profile) : estimate_grid_seconds(mine, data);
  if (!quiet) {
    std::fprintf(stderr, "hqnn reproduce: profile %s, %zu of %zu runs%s, %d threads\n", profile.name.c_str(), mine.size(),
                 grid.size(),
                 shard.count > 1 ? (" (shard " + std::to_string(shard.index) + "/" + std::to_string(shard.count) + ")").c_str() : "",
                 threads);
    for (const auto& [key, d] : data)
      std::fprintf(stderr, "  %s: %s, %ld train / %ld test samples\n", key.c_str(), d->source.c_str(),
                   static_cast<long>(d->train.size()), static_cast<long>(d->test.size()));
    std::fprintf(stderr, "  expected run time: about %.0f s of compute, %.1f min on %d threads\n", estimate,
                 estimate / std::min<int>(threads, static_cast<int>(std::max<size_t>(1, mine.size()))) / 60, threads);
  }

  if (args.has("dry-run")) {
    if (profile.is_study)
      std::printf("%zu cells, about %.0f s of CPU time (%.2f core-hours; %.1f h of wall time on %d idle cores)\n",
                  mine.size(), estimate, estimate / 3600, estimate / 3600 / threads, threads);
    else if (estimate >= 3600)
      std::printf("%zu runs, about %.0f s of compute (%.1f h on one core)\n", mine.size(), estimate, estimate / 3600);
    else
      std::printf("%zu runs, about %.0f s of compute (%.1f min on one core)\n", mine.size(), estimate, estimate / 60);
    return 0;
  }
  const fs::path out_dir(out);
  make_output_folder(out_dir / "runs", out);
  // Written first, so that a shard that fails still names its index to --merge.
  if (shard.count > 1) write_shard_manifest(out_dir, {profile.name, cifar, seeds, shard});
  const auto t0 = std::chrono::steady_clock::now();
  const std::vector<Json> results = profile.is_study ? run_study(mine, profile, threads, out_dir / "runs", quiet)
                                                     : run_grid(mine, data, threads, out_dir / "runs", quiet);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();

  if (shard.count > 1) {
    if (!quiet)
      std::fprintf(stderr, "shard %d/%d: %zu runs in %.1f s written to %s/runs; combine with hqnn reproduce --merge\n",
                   shard.index, shard.count, mine.size(), seconds, out.c_str());
    return 0;
  }
  const Json complexity = !args.has("no-complexity") && profile.complexity ? complexity_json(profile) : Json();
  write_reproduction_report(out, profile, results, complexity);
  if (!quiet)
    std::fprintf(stderr, "%zu runs in %.1f s (estimate was %.0f s of compute); report: %s/report.md\n", mine.size(),
                 seconds, estimate, out.c_str());
  return 0;
}

}  // namespace hqnn::cli
