// The robustness map's profiles and grid (robustness_map.hpp).
// The command-line tool is native only (no CLI target under Emscripten).
#include <gtest/gtest.h>

#include <set>

#include "cli/reproduce/reproduce_profiles.hpp"
#include "cli/reproduce/robustness_map.hpp"

using namespace hqnn;
using namespace hqnn::cli;

TEST(RobustnessMap, RobustnessMapSweepsMagnitudesLogSpacedOverEveryAttack) {
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
