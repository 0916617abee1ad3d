// Data preparation (run/data_preparation.hpp): load → split → noise → scale in
// that order, one random stream per purpose, `--scale auto` choosing on the
// training split only, and no split with an empty side.
#include <gtest/gtest.h>

#include <cstring>

#include "../bad_input_catalogue.hpp"
#include "core/noise.hpp"
#include "core/rng.hpp"
#include "data/csv_loader.hpp"
#include "run/data_preparation.hpp"
#include "run/options/option_table.hpp"
#include "../same_bits.hpp"

using namespace hqnn;
using namespace hqnn::test;
using namespace hqnn::run;

namespace {

RunSpec spec_of(const std::vector<std::string>& argv) { return parse_command_line(argv, kTrain, {}).spec; }


}  // namespace

TEST(DataPreparation, SplitThenNoiseInRawUnitsThenScalingFittedOnTheNoisyTrainingSet) {
  const RunSpec spec = spec_of({"--noise", "gaussian-sym", "--noise-magnitude", "0.3", "--scale", "standard", "--seed", "5"});
  const PreparedData p = prepare_data(spec);
  // The same steps written out.
  TrainTestSplit split = stratified_split(load_iris(), 0.3, 5);
  Rng rng(5, kStreamNoise);
  add_dataset_noise(split.train.features, *spec.noise, rng);
  add_dataset_noise(split.test.features, *spec.noise, rng);
  const FeatureScaler scaler = FeatureScaler::fit(ScalingKind::standard, split.train);
  scaler.apply(split.train);
  scaler.apply(split.test);
  EXPECT_TRUE(bit_identical(p.train.features, split.train.features));
  EXPECT_TRUE(bit_identical(p.test.features, split.test.features));
  EXPECT_EQ(p.scaling, ScalingKind::standard);
  // The clean copies are the raw features before noise.
  EXPECT_TRUE(bit_identical(p.clean_train, stratified_split(load_iris(), 0.3, 5).train.features));
  EXPECT_GT(p.noisy_values, 0);
}

TEST(DataPreparation, EachPurposeHasItsOwnStream) {
  const PreparedData a = prepare_data(spec_of({"--noise", "uniform-sym", "--seed", "2"}));
  // Another noise seed: the same split, other noise.
  const PreparedData b = prepare_data(spec_of({"--noise", "uniform-sym", "--seed", "2", "--noise-seed", "3"}));
  EXPECT_EQ(a.train.labels, b.train.labels);
  EXPECT_TRUE(bit_identical(a.clean_train, b.clean_train));
  EXPECT_FALSE(bit_identical(a.train.features, b.train.features));
  // Another split seed: another split.
  const PreparedData c = prepare_data(spec_of({"--seed", "2", "--split-seed", "3"}));
  EXPECT_FALSE(bit_identical(c.train.features, prepare_data(spec_of({"--seed", "2"})).train.features));
}

TEST(DataPreparation, AutoScalingChoosesOnTheTrainingSplitAlone) {
  const RunSpec spec = spec_of({"--scale", "auto", "--epochs", "15", "--seed", "3"});
  SourceData source;
  source.name = "iris";
  source.samples = load_iris();
  const TrainTestSplit split = split_source(spec.data, source);
  SourceData given;
  given.name = "iris";
  given.split = split;
  const PreparedData p = prepare_data(spec, given);
  ASSERT_TRUE(p.scaling_choice.has_value());
  // The choice is the best validation accuracy.
  const double* v = p.scaling_choice->validation_accuracy;
  const int chosen = p.scaling == ScalingKind::none ? 0 : p.scaling == ScalingKind::standard ? 1 : 2;
  for (int i = 0; i < 3; ++i) EXPECT_LE(v[i], v[chosen]);
  // A test set turned upside down changes nothing about the choice.
  given.split->test.features = -given.split->test.features;
  given.split->test.labels.assign(given.split->test.labels.size(), 0);
  const PreparedData q = prepare_data(spec, given);
  EXPECT_EQ(q.scaling, p.scaling);
  for (int i = 0; i < 3; ++i) EXPECT_EQ(q.scaling_choice->validation_accuracy[i], v[i]);
  EXPECT_TRUE(bit_identical(q.train.features, p.train.features));
}

// Two samples of each of two classes: a test fraction f takes round(2 f) of
// each class, so 0.25 to 0.74 leave samples on both sides.
TEST(DataPreparation, ASplitWithAnEmptySideIsRefusedWithTheFractionsThatWork) {
  SourceData source;
  source.name = "tiny.csv";
  source.samples = parse_csv("x,y,label\n1,2,a\n2,1,a\n5,6,b\n6,5,b\n", "tiny.csv");
  DataSpec data;
  auto split_error = [&](double fraction) {
    data.test_fraction = fraction;
    return hqnn::testing::input_error_of([&] { split_source(data, source); });
  };
  hqnn::testing::expect_catalogued(split_error(0.1), "tiny.csv: a test fraction of 0.1 leaves no test samples (4 samples); "
                                               "choose a test fraction from 0.25 to 0.74");
  hqnn::testing::expect_catalogued(split_error(0.9), "tiny.csv: a test fraction of 0.9 leaves no training samples (4 samples); "
                                               "choose a test fraction from 0.25 to 0.74");
  EXPECT_EQ(split_error(0.24).substr(0, 40), "tiny.csv: a test fraction of 0.24 leaves");
  for (double fraction : {0.25, 0.74}) {
    EXPECT_EQ(split_error(fraction), "(accepted)") << fraction;
    const TrainTestSplit split = split_source(data, source);
    EXPECT_EQ(split.train.size(), 2);
    EXPECT_EQ(split.test.size(), 2);
  }
  source.name = "pair.csv";
  source.samples = parse_csv("x,y,label\n1,2,a\n5,6,b\n", "pair.csv");
  hqnn::testing::expect_catalogued(split_error(0.5), "pair.csv has 2 samples, each of its own class: it cannot be split into a "
                                               "training and a test set; give some class at least two samples");
}
