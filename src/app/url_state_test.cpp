#include "url_state.hpp"

#include <gtest/gtest.h>

namespace hqnn::app {

TEST(UrlState, EmptyHashGivesDefaults) {
  const ParsedHash parsed = parse_hash("");
  EXPECT_TRUE(parsed.errors.empty());
  EXPECT_EQ(parsed.settings, PlaygroundSettings{});
  EXPECT_EQ(parsed.settings.model.kind, ModelKind::qdfnn);
  EXPECT_EQ(parsed.settings.train.batch, 16);
}

TEST(UrlState, ReadsEverySetting) {
  const ParsedHash parsed = parse_hash(
      "#data=iris&model=qrfnn&L=3&width=6&opt=sgd&lr=0.05&momentum=0.5&batch=8&epochs=40&seed=7&test=0.25"
      "&std=1&init=normal&init_scale=0.5&lambda=0.25&lambda_train=0&lambda_inv=1&renorm=1&fx=0&fy=1"
      "&sample=5&play=1&embed=1&panels=boundary,state");
  ASSERT_TRUE(parsed.errors.empty()) << parsed.errors[0];
  const PlaygroundSettings& s = parsed.settings;
  EXPECT_EQ(s.model.kind, ModelKind::qrfnn);
  EXPECT_EQ(s.model.layers, 3);
  EXPECT_EQ(s.model.width, 6);
  EXPECT_EQ(s.train.optimizer.kind, OptimizerKind::sgd);
  EXPECT_DOUBLE_EQ(s.train.optimizer.lr, 0.05);
  EXPECT_DOUBLE_EQ(s.train.optimizer.momentum, 0.5);
  EXPECT_EQ(s.train.batch, 8);
  EXPECT_EQ(s.train.epochs, 40);
  EXPECT_EQ(s.model.seed, 7u);
  EXPECT_EQ(s.train.seed, 7u);
  EXPECT_DOUBLE_EQ(s.test_fraction, 0.25);
  EXPECT_TRUE(s.standardize);
  EXPECT_TRUE(s.model.angle_init_normal);
  EXPECT_FLOAT_EQ(s.model.angle_init_scale, 0.5f);
  EXPECT_FLOAT_EQ(s.model.lambda_init, 0.25f);
  EXPECT_FALSE(s.model.train_lambda);
  EXPECT_TRUE(s.model.dense_lambda_inverse);
  EXPECT_TRUE(s.model.renormalize);
  EXPECT_EQ(s.feature_x, 0);
  EXPECT_EQ(s.feature_y, 1);
  EXPECT_EQ(s.sample, 5);
  EXPECT_TRUE(s.autoplay);
  EXPECT_TRUE(s.embed);
  EXPECT_EQ(s.panels, (std::vector<std::string>{"boundary", "state"}));
}

TEST(UrlState, RoundTripsExactly) {
  PlaygroundSettings s;
  s.model.kind = ModelKind::mlp_leaky;
  s.model.leaky_slope = 0.02f;
  s.model.angle_init_scale = 3.14159274f;
  s.train.optimizer.lr = 0.003;
  s.set_seed(123456789);
  s.test_fraction = 0.3;
  s.embed = true;
  s.panels = {"curves"};
  const ParsedHash parsed = parse_hash(to_hash(s));
  EXPECT_TRUE(parsed.errors.empty());
  EXPECT_EQ(parsed.settings, s);
  EXPECT_EQ(to_hash(parsed.settings), to_hash(s));
}

TEST(UrlState, ShortNumbers) {
  const std::string hash = to_hash(PlaygroundSettings{});
  EXPECT_NE(hash.find("&lr=0.01&"), std::string::npos) << hash;
  EXPECT_NE(hash.find("&test=0.3&"), std::string::npos) << hash;
  EXPECT_EQ(hash.find("play="), std::string::npos) << hash;
}

TEST(UrlState, ReportsBadKeysAndKeepsTheRest) {
  const ParsedHash parsed = parse_hash("#model=qfoo&L=0&lr=abc&colour=red&seed=3&batch=32");
  EXPECT_EQ(parsed.errors.size(), 4u);
  EXPECT_EQ(parsed.settings.model.kind, ModelKind::qdfnn);
  EXPECT_EQ(parsed.settings.model.layers, 2);
  EXPECT_EQ(parsed.settings.model.seed, 3u);
  EXPECT_EQ(parsed.settings.train.batch, 32);
}

TEST(UrlState, DecodesPercentEscapes) {
  const ParsedHash parsed = parse_hash("model=mlp%2Dleaky&panels=a%2Cb");
  EXPECT_TRUE(parsed.errors.empty());
  EXPECT_EQ(parsed.settings.model.kind, ModelKind::mlp_leaky);
  EXPECT_EQ(parsed.settings.panels, (std::vector<std::string>{"a", "b"}));
}

}  // namespace hqnn::app
