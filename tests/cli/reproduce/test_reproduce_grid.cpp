// The paper's grid and the profiles by name (reproduce_grid.hpp, reproduce_profiles.hpp).
// The command-line tool is native only (no CLI target under Emscripten).
#include <gtest/gtest.h>

#include <set>

#include "cli/reproduce/reproduce_profiles.hpp"
#include "core/model_kind.hpp"

using namespace hqnn;
using namespace hqnn::cli;

TEST(ReproduceGrid, GridIdsAreUniqueAndCoverEveryExperiment) {
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

// Reports name every model kind from the model-kind table, the classical controls too.
TEST(ReproduceGrid, ModelDisplayNamesComeFromTheKindTable) {
  for (const ModelKindInfo& k : enum_rows<ModelKind>()) EXPECT_EQ(model_display_name(k.name), std::string(k.display_name)) << k.name;
  EXPECT_EQ(model_display_name("mlp-dense-orth"), "MLP-dense(orthogonal)");
  EXPECT_EQ(model_display_name("not-a-model"), "not-a-model");
}
