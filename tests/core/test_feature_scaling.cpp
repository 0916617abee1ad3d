// Feature scaling (core/feature_scaling.hpp): what each kind does to the
// training set, and that model files keep the fitted scaler (and still read
// the "standardize" section of older files).
#include <gtest/gtest.h>

#include "core/feature_scaling.hpp"
#include "core/model_io.hpp"
#include "data/csv_loader.hpp"

using namespace hqnn;

TEST(FeatureScaling, StandardGivesZeroMeanUnitVarianceOnTheTrainingSet) {
  Dataset iris = load_iris();
  const FeatureScaler s = FeatureScaler::fit(ScalingKind::standard, iris);
  s.apply(iris);
  for (Index c = 0; c < 4; ++c) {
    EXPECT_NEAR(iris.features.col(c).mean(), 0.0, 1e-5);
    EXPECT_NEAR((iris.features.col(c).array().square().sum()) / 149.0, 1.0, 1e-4);
  }
}

TEST(FeatureScaling, MinmaxMapsTheTrainingSetOntoZeroOne) {
  Dataset iris = load_iris();
  const FeatureScaler s = FeatureScaler::fit(ScalingKind::minmax, iris);
  s.apply(iris);
  for (Index c = 0; c < 4; ++c) {
    EXPECT_FLOAT_EQ(iris.features.col(c).minCoeff(), 0.0f);
    EXPECT_FLOAT_EQ(iris.features.col(c).maxCoeff(), 1.0f);
  }
  EXPECT_NEAR(s.unscale(iris.features(7, 2), 2), load_iris().features(7, 2), 1e-5);
}

TEST(FeatureScaling, AConstantFeatureIsOnlyShifted) {
  Dataset d = load_iris();
  d.features.col(1).setConstant(Real(3));
  for (ScalingKind k : {ScalingKind::standard, ScalingKind::minmax}) {
    const FeatureScaler s = FeatureScaler::fit(k, d);
    EXPECT_EQ(s.scale(1), Real(1));
    Dataset scaled = d;
    s.apply(scaled);
    EXPECT_TRUE(scaled.features.col(1).allFinite());
  }
  EXPECT_THROW(FeatureScaler::fit(ScalingKind::automatic, d), InputError);
  EXPECT_EQ(parse_enum<ScalingKind>("auto"), ScalingKind::automatic);
  EXPECT_FALSE(parse_enum<ScalingKind>("zscore").has_value());
}

TEST(FeatureScaling, ModelFilesOfOlderVersionsKeepTheirStandardizeSection) {
  ModelOptions mo;
  Model model(mo, 4, 3);
  ModelInfo info;
  info.class_names = {"a", "b", "c"};
  Json j = model_to_json(model, info);
  Json legacy = Json::object();
  legacy.set("mean", Json::parse("[1, 2, 3, 4]"));
  legacy.set("scale", Json::parse("[2, 2, 2, 2]"));
  j.set("standardize", legacy);
  j.set("scaling", Json());
  ModelInfo read;
  model_from_json(j, &read);
  ASSERT_TRUE(read.scaler.has_value());
  EXPECT_EQ(read.scaler->kind, ScalingKind::standard);
  EXPECT_EQ(read.scaler->offset(3), Real(4));
  EXPECT_EQ(read.scaler->scale(0), Real(2));
}
