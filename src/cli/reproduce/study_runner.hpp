// Runs the study's cells (study_profile.hpp) on a pool of threads, one
// pre-training unit at a time per thread: the unit's clean model is trained
// once per loss (run::pretrain) and every attack cell continues from that
// state (run::attack_from). Each cell's run files are written as it finishes.
#pragma once

#include <filesystem>
#include <vector>

#include "core/json.hpp"
#include "grid_runner.hpp"

namespace hqnn::cli {

// Seconds of compute on one core: each unit's clean runs plus every cell's attack epochs.
double estimate_study_seconds(const std::vector<const GridRun*>& cells, const GridData& data,
                              const ReproduceProfile& profile);

// The run records (grid_run_json: each cell as the one uninterrupted run it
// equals, whose attack starts after the clean epochs), in the order of `cells`.
std::vector<Json> run_study(const std::vector<const GridRun*>& cells, const ReproduceProfile& profile, int threads,
                            const std::filesystem::path& runs_dir, bool quiet);

}  // namespace hqnn::cli
