// Dataset noise: each kind has the right symmetry and touches a random subset
// of positions within the configured fraction.
#include <gtest/gtest.h>

#include "core/noise.hpp"
#include "core/rng.hpp"

using namespace hqnn;

class NoiseKinds : public ::testing::TestWithParam<NoiseKind> {};

TEST_P(NoiseKinds, SymmetricKindsHaveMeanNearZeroAsymmetricOnesDoNot) {
  Rng rng(3);
  const int n = 200000;
  double sum = 0;
  for (int i = 0; i < n; ++i) sum += draw_noise(GetParam(), 1.0, rng);
  const double mean = sum / n;
  if (is_symmetric(GetParam()))
    EXPECT_LT(std::abs(mean), 0.01) << enum_name(GetParam());
  else
    EXPECT_NEAR(mean, 1.0, 0.02) << enum_name(GetParam());  // every asymmetric kind has mean m
}

TEST_P(NoiseKinds, TouchesARandomSubsetWithinTheFraction) {
  Matrix x = Matrix::Zero(2000, 20);
  DatasetNoiseOptions o;
  o.kind = GetParam();
  o.magnitude = 1.0;
  o.max_fraction = 0.3;
  Rng rng(5);
  const Index touched = add_dataset_noise(x, o, rng);
  Index max_per_row = 0, min_per_row = 20;
  for (Index r = 0; r < x.rows(); ++r) {
    const Index k = (x.row(r).array() != 0).count();
    max_per_row = std::max(max_per_row, k);
    min_per_row = std::min(min_per_row, k);
  }
  EXPECT_LE(max_per_row, 6);  // ceil(0.3 * 20)
  EXPECT_GE(min_per_row, 1);
  EXPECT_LE((x.array() != 0).count(), touched);
  // positions are spread: every column is touched, none in every row
  for (Index c = 0; c < 20; ++c) {
    const Index k = (x.col(c).array() != 0).count();
    EXPECT_GT(k, 50);
    EXPECT_LT(k, 400);
  }
}

std::vector<NoiseKind> every_noise_kind() {
  std::vector<NoiseKind> kinds;
  for (const NoiseKindInfo& k : enum_rows<NoiseKind>()) kinds.push_back(k.kind);
  return kinds;
}

INSTANTIATE_TEST_SUITE_P(All, NoiseKinds, ::testing::ValuesIn(every_noise_kind()),
                         [](const ::testing::TestParamInfo<NoiseKind>& info) {
                           std::string s = enum_name(info.param);
                           for (auto& c : s)
                             if (c == '-') c = '_';
                           return s;
                         });

TEST(Noise, KindTableHoldsEachKindOnceInEnumOrderAndNamesRoundTrip) {
  ASSERT_EQ(enum_rows<NoiseKind>().size(), 6u);
  for (size_t i = 0; i < enum_rows<NoiseKind>().size(); ++i) {
    const NoiseKindInfo& k = enum_rows<NoiseKind>()[i];
    EXPECT_EQ(static_cast<size_t>(k.kind), i);
    EXPECT_EQ(parse_enum<NoiseKind>(k.name), k.kind);
    EXPECT_EQ(enum_name(k.kind), std::string(k.name));
    EXPECT_EQ(is_symmetric(k.kind), std::string(k.name).find("-sym") != std::string::npos) << k.name;
  }
  EXPECT_EQ(enum_name_list<NoiseKind>(), "gaussian-sym, gaussian-asym, uniform-sym, uniform-asym, mixed-sym, mixed-asym");
  EXPECT_EQ(enum_name_list<NoiseKind>(" | "), "gaussian-sym | gaussian-asym | uniform-sym | uniform-asym | mixed-sym | mixed-asym");
}

TEST(Noise, SameSeedSameNoiseAndBadOptionsRefused) {
  Matrix a = Matrix::Zero(10, 5), b = Matrix::Zero(10, 5);
  DatasetNoiseOptions o;
  Rng r1(7), r2(7);
  add_dataset_noise(a, o, r1);
  add_dataset_noise(b, o, r2);
  EXPECT_TRUE((a.array() == b.array()).all());
  o.max_fraction = 0;
  EXPECT_THROW(add_dataset_noise(a, o, r1), std::runtime_error);
  EXPECT_EQ(parse_enum<NoiseKind>("mixed-asym"), NoiseKind::mixed_asym);
  EXPECT_FALSE(parse_enum<NoiseKind>("pink").has_value());
}
