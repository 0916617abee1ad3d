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

// The profile table is the one list of names: each row builds its own family
// and size under its own name, and the names are unique with one default.
TEST(ReproduceGrid, EveryRowOfTheProfileTableBuildsItsFamilyUnderItsName) {
  std::set<std::string> names;
  int defaults = 0;
  for (const ProfileRow& r : profile_table()) {
    EXPECT_TRUE(names.insert(r.name).second) << r.name;
    defaults += r.is_default;
    const ReproduceProfile p = reproduce_profile(r.name, "");
    EXPECT_EQ(p.name, r.name);
    EXPECT_EQ(p.size, r.size) << r.name;
    EXPECT_EQ(p.is_robustness_map(), r.family == ProfileFamily::robustness) << r.name;
    EXPECT_EQ(p.is_study, r.family == ProfileFamily::study) << r.name;
    EXPECT_EQ(find_profile(r.name), &r);
    EXPECT_NE(profiles_help().find(std::string("  ") + r.name + " "), std::string::npos) << r.name;
  }
  EXPECT_EQ(defaults, 1);
  EXPECT_EQ(default_profile().name, std::string("quick"));
  EXPECT_EQ(find_profile("huge"), nullptr);
  // Smaller sizes of a family run fewer runs.
  EXPECT_LT(reproduce_grid(reproduce_profile("robustness-tiny", "")).size(),
            reproduce_grid(reproduce_profile("robustness-quick", "")).size());
  EXPECT_LT(reproduce_grid(reproduce_profile("study-tiny", "")).size(), reproduce_grid(reproduce_profile("study", "")).size());
}

// Reports name every model kind from the model-kind table, the classical controls too.
TEST(ReproduceGrid, ModelDisplayNamesComeFromTheKindTable) {
  for (const ModelKindInfo& k : enum_rows<ModelKind>()) EXPECT_EQ(model_display_name(k.name), std::string(k.display_name)) << k.name;
  EXPECT_EQ(model_display_name("mlp-dense-orth"), "MLP-dense(orthogonal)");
  EXPECT_EQ(model_display_name("not-a-model"), "not-a-model");
}
