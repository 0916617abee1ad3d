// Runs a list of grid runs on a pool of threads (each run seeded by its own
// options, and training results do not depend on threads), writing
// each run's files as it finishes; and the run-time estimate printed first.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "core/json.hpp"
#include "reproduce_grid.hpp"

namespace hqnn::cli {

// Loaded data by ReproduceDataset::key.
using GridData = std::map<std::string, const LoadedData*>;

// Seconds of compute for `runs` on one core, from a few timed training steps per (data set, model).
double estimate_grid_seconds(const std::vector<const GridRun*>& runs, const GridData& data);

// The run records (grid_run_json), in the order of `runs`. On the first failure no further
// run is started and an InputError names the run and where the finished ones are.
std::vector<Json> run_grid(const std::vector<const GridRun*>& runs, const GridData& data, int threads,
                           const std::filesystem::path& runs_dir, bool quiet);

}  // namespace hqnn::cli
