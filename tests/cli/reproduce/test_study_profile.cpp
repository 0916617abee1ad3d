// The study's profiles and grid (study_profile.hpp): pre-training units kept whole by --shard.
// The command-line tool is native only (no CLI target under Emscripten).
#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>

#include "cli/reproduce/grid_shard.hpp"
#include "cli/reproduce/reproduce_profiles.hpp"
#include "cli/reproduce/study_profile.hpp"

using namespace hqnn;
using namespace hqnn::cli;

TEST(StudyProfile, GridKeepsEachPretrainingUnitInOneShard) {
  const ReproduceProfile p = reproduce_profile("study", "");
  const auto grid = reproduce_grid(p);
  // iris: 3 hybrids + 8 classical x 2 losses, 5 seeds, 2 scales x 2 layer rules x 6 noises x 3 magnitudes
  size_t iris = 0;
  for (const auto& r : grid) iris += r.dataset == "iris";
  EXPECT_EQ(iris, (3 + 8 * 2) * 5u * 72u);
  std::set<std::string> ids;
  std::map<int, std::set<int>> shards_of_unit;
  std::map<int, std::set<std::string>> keys_of_unit;
  for (size_t i = 0; i < grid.size(); ++i) {
    ids.insert(grid[i].id);
    shards_of_unit[grid[i].unit].insert(shard_of_grid_run(grid, i, 7));
    keys_of_unit[grid[i].unit].insert(grid[i].dataset + "/" + grid[i].model + "/" + std::to_string(grid[i].seed));
    // Each seed draws its own split; the cell is the clean budget, then the attack.
    EXPECT_EQ(grid[i].config.data.split_seed, static_cast<uint64_t>(grid[i].seed));
    EXPECT_EQ(grid[i].config.attack_epoch, grid[i].dataset == "iris" ? 100 : 20);
  }
  EXPECT_EQ(ids.size(), grid.size());
  for (const auto& [unit, shards] : shards_of_unit) EXPECT_EQ(shards.size(), 1u) << "unit " << unit;
  for (const auto& [unit, keys] : keys_of_unit) EXPECT_EQ(keys.size(), 1u) << "unit " << unit;
  EXPECT_THROW(reproduce_profile("study", "/data/cifar"), InputError);
}
