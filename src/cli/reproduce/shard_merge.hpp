// Combining shard directories (hqnn reproduce --shard I/N) into the results
// of one whole grid: the shards must come from one profile and one N, and
// every run of the grid must be there; otherwise the InputError names the
// shard indexes that have no results, so that only those are run again.
#pragma once

#include <string>
#include <vector>

#include "core/json.hpp"
#include "reproduce_grid.hpp"

namespace hqnn::cli {

struct MergedShards {
  ReproduceProfile profile;
  std::vector<Json> runs;  // run records (grid_run_json), every run of the profile's grid
};

MergedShards merge_shards(const std::vector<std::string>& dirs);

}  // namespace hqnn::cli
