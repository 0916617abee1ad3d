// Slices of the grid (--shard I/N), so that one grid runs as N independent
// jobs (for example a Slurm job array): shard I holds the grid positions p with
// p mod N = I - 1. A shard directory holds runs/ and shard.json, its manifest.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "reproduce_grid.hpp"

namespace hqnn::cli {

struct GridShard {
  int index = 1;  // 1-based
  int count = 1;
};

// "I/N" with 1 <= I <= N, digits only; anything else is an InputError.
GridShard parse_grid_shard(const std::string& text);

// The 1-based shard that runs grid position `position` when the grid is cut into `count` shards.
int shard_of_position(size_t position, int count);
// The 1-based shard of grid[position] among `count`: by pre-training unit where there is one, else by position.
int shard_of_grid_run(const std::vector<GridRun>& grid, size_t position, int count);

// shard.json: which profile and slice a shard directory holds.
struct ShardManifest {
  std::string profile;
  std::string cifar100;  // "" when CIFAR-100 is left out
  int seeds = 0;         // --seeds; 0: the profile's
  GridShard shard;
};
void write_shard_manifest(const std::filesystem::path& dir, const ShardManifest& manifest);
ShardManifest read_shard_manifest(const std::filesystem::path& dir);

}  // namespace hqnn::cli
