#include "shard_merge.hpp"

#include <map>
#include <set>

#include "grid_run_files.hpp"
#include "grid_shard.hpp"
#include "reproduce_profiles.hpp"

namespace hqnn::cli {

// Shard index -> how many of its runs have no result, and the first of them.
struct MissingRuns {
  size_t missing = 0, total = 0;
  std::string first;
};

static std::string missing_shards_message(const std::map<int, MissingRuns>& missing, const ShardManifest& m) {
  std::string list, indexes;
  for (const auto& [index, runs] : missing) {
    if (!list.empty()) list += ", ", indexes += ",";
    list += std::to_string(index) + " (" + std::to_string(runs.missing) + " of " + std::to_string(runs.total) +
            " runs, e.g. '" + runs.first + "')";
    indexes += std::to_string(index);
  }
  const std::string cifar = (m.cifar100.empty() ? "" : " --cifar100 " + m.cifar100) +
                            (m.seeds > 0 ? " --seeds " + std::to_string(m.seeds) : "");
  return "missing shards of " + std::to_string(m.shard.count) + ": " + list +
         ". Run only those again (hqnn reproduce --profile " + m.profile + cifar + " --shard I/" +
         std::to_string(m.shard.count) + " --out DIR for I in " + indexes + "; on Slurm: scripts/slurm/submit.sh --retry " +
         indexes + "), then merge all the shard directories again";
}

MergedShards merge_shards(const std::vector<std::string>& dirs) {
  ShardManifest first;
  std::map<int, std::string> dir_of_shard;
  std::vector<Json> runs;
  for (const auto& dir : dirs) {
    const ShardManifest m = read_shard_manifest(dir);
    if (dir_of_shard.empty()) {
      first = m;
    } else if (m.profile != first.profile || m.cifar100 != first.cifar100 || m.seeds != first.seeds) {
      throw InputError(dir + ": shard of profile '" + m.profile + "' (seeds " + std::to_string(m.seeds) +
                       "), the others are '" + first.profile + "' (seeds " + std::to_string(first.seeds) +
                       "; 0 = the profile's)");
    } else if (m.shard.count != first.shard.count) {
      throw InputError(dir + ": shard " + std::to_string(m.shard.index) + "/" + std::to_string(m.shard.count) +
                       ", the others are of " + std::to_string(first.shard.count) + " shards");
    }
    if (!dir_of_shard.emplace(m.shard.index, dir).second)
      throw InputError(dir + " and " + dir_of_shard[m.shard.index] + " both hold shard " + std::to_string(m.shard.index) +
                       "/" + std::to_string(m.shard.count) + ": give each shard once");
    for (auto& r : read_run_files(dir)) runs.push_back(std::move(r));
  }
  MergedShards merged;
  merged.profile = reproduce_profile(first.profile, first.cifar100, first.seeds);
  std::set<std::string> ids;
  for (const Json& r : runs) ids.insert(grid_run_id(r));
  const std::vector<GridRun> grid = reproduce_grid(merged.profile);
  std::map<int, MissingRuns> by_shard, missing;
  for (size_t i = 0; i < grid.size(); ++i) {
    MissingRuns& s = by_shard[shard_of_grid_run(grid, i, first.shard.count)];
    ++s.total;
    if (ids.count(grid[i].id)) continue;
    if (s.missing++ == 0) s.first = grid[i].id;
  }
  for (const auto& [index, s] : by_shard)
    if (s.missing > 0) missing[index] = s;
  if (!missing.empty()) throw InputError(missing_shards_message(missing, first));
  merged.runs = std::move(runs);
  return merged;
}

}  // namespace hqnn::cli
