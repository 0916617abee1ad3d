// The link codec (run/options/run_link.hpp): old links keep working, and the
// list of attacked layers is one name in the link and in JSON.
#include <gtest/gtest.h>

#include "run/options/option_table.hpp"

using namespace hqnn;
using namespace hqnn::run;

TEST(RunLink, OldLinkKeysStillLoad) {
  const ParsedLink old = parse_link("#data=iris&std=1&seed=4");
  EXPECT_TRUE(old.errors.empty());
  EXPECT_EQ(old.spec.data.scaling, ScalingKind::standard) << "std=1 is scale=standard";
  EXPECT_EQ(parse_link("#std=0").spec.data.scaling, ScalingKind::none);
  const ParsedLink retired = parse_link("#lambda_train=0&c1=8");
  ASSERT_EQ(retired.errors.size(), 2u);
  EXPECT_EQ(retired.errors[0], "lambda_train: an old key; use fixed_lambda=1 for lambda_train=0 (trained lambdas are the default)");
  EXPECT_EQ(retired.errors[1], "c1: an old key; use conv=C1,C2 (the channels of both convolutions)");
}

TEST(RunLink, AttackLayersIsTheListInLinksAndJsonAlike) {
  const ParsedLink link = parse_link("#attack=inside&attack_layers=0,2&attack_m=0.1");
  ASSERT_TRUE(link.errors.empty()) << link.errors[0];
  ASSERT_TRUE(link.spec.attack);
  EXPECT_EQ(link.spec.attack->layer_list, (std::vector<int>{0, 2}));
  const Json json = spec_to_json(link.spec);
  ASSERT_NE(json.get("attack_layers"), nullptr);
  EXPECT_TRUE(json.at("attack_layers", "t").is_array());
  EXPECT_EQ(json.get("attack_layer_list"), nullptr);
  EXPECT_TRUE(same_run(spec_from_json(json, "spec"), link.spec));
  // K: attack_k in both
  const ParsedLink k = parse_link("#attack=inside&attack_k=2");
  EXPECT_EQ(spec_to_json(k.spec).at("attack_k", "t").as_number(), 2);
  EXPECT_NE(to_link(k.spec).find("&attack_k=2"), std::string::npos);
}

TEST(RunLink, JsonWrittenBeforeTheRenameStillLoads) {
  RunSpec s = default_spec(DataKind::tabular);
  Json old = spec_to_json(s);
  old.set("attack_form", "inside");
  old.set("attack_layers", 2);  // K, as older files wrote it
  const RunSpec k = spec_from_json(old, "spec");
  ASSERT_TRUE(k.attack);
  EXPECT_EQ(k.attack->layers, 2);
  EXPECT_TRUE(k.attack->layer_list.empty());
  Json old_list = spec_to_json(s);
  old_list.set("attack_form", "inside");
  Json list = Json::array();
  list.push(1);
  old_list.set("attack_layer_list", list);
  EXPECT_EQ(spec_from_json(old_list, "spec").attack->layer_list, (std::vector<int>{1}));
}

TEST(RunLink, EveryOptionHasOneNameWhereOldLinksAllowIt) {
  // The link keys older links use keep their short forms; every other option
  // is the same word in the link and in JSON.
  const std::vector<std::string> short_link_keys = {"label", "delimiter", "test-fraction", "scale", "downsample",
                                                    "train-per-class", "test-per-class", "layers", "conv-channels",
                                                    "renormalize", "lambda-init", "dense-lambda-inverse", "angle-init",
                                                    "angle-scale", "leaky-slope", "optimizer", "noise-magnitude",
                                                    "noise-fraction", "attack-form", "attack-magnitude"};
  for (const OptionRow& r : option_table()) {
    if (r.hash_key.empty()) continue;
    const bool kept = std::find(short_link_keys.begin(), short_link_keys.end(), r.name) != short_link_keys.end();
    if (!kept) EXPECT_EQ(r.hash_key, r.json_key) << r.name;
  }
}
