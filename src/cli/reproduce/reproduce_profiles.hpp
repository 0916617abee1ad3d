// Every profile of `hqnn reproduce` by name, and the runs it expands to: the
// paper's grid (reproduce_grid.hpp), the robustness map (robustness_map.hpp)
// and the controlled study (study_profile.hpp). It sits above the three, so
// that none of them includes another's header.
#pragma once

#include <string>
#include <vector>

#include "reproduce_grid.hpp"

namespace hqnn::cli {

// cifar100_dir: "" leaves CIFAR-100 out (only the paper's profiles take it).
// seeds > 0 replaces the profile's seed counts (every data set then runs seeds
// 1..seeds); 0 keeps them. An unknown name is an InputError.
ReproduceProfile reproduce_profile(const std::string& name, const std::string& cifar100_dir, int seeds = 0);

// In a fixed order: shards are slices of this order.
std::vector<GridRun> reproduce_grid(const ReproduceProfile& profile);

}  // namespace hqnn::cli
