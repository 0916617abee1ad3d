// The enum tables (enum_table.hpp): every name parses back to its enumerator,
// other words are refused, and each table has one row per enumerator (the
// model kinds' predicates are checked in test_model_kind.cpp).
#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "core/attack.hpp"
#include "core/circuit/circuit.hpp"
#include "core/circuit/circuit_lowering.hpp"
#include "core/enum_table.hpp"
#include "core/feature_scaling.hpp"
#include "core/model.hpp"
#include "core/model_kind.hpp"
#include "core/noise.hpp"
#include "core/optimizer.hpp"
#include "core/kernels/simd_isa.hpp"
#include "core/skip_connections.hpp"

using namespace hqnn;

namespace {

// Every name of E parses back to its own enumerator, the names are the rows'
// in order, and words that are no name are refused.
template <typename E>
void expect_names_round_trip(size_t expected_count) {
  const auto rows = enum_rows<E>();
  ASSERT_EQ(rows.size(), expected_count);
  EXPECT_TRUE(enum_table_is_complete<E>());
  const std::vector<std::string> names = enum_names<E>();
  ASSERT_EQ(names.size(), expected_count);
  std::set<std::string> distinct;
  for (size_t i = 0; i < rows.size(); ++i) {
    const E kind = static_cast<E>(i);
    EXPECT_EQ(rows[i].kind, kind);
    EXPECT_EQ(names[i], enum_name(kind));
    EXPECT_EQ(&enum_row(kind), &rows[i]);
    EXPECT_EQ(parse_enum<E>(names[i]), kind) << names[i];
    distinct.insert(names[i]);
  }
  EXPECT_EQ(distinct.size(), expected_count);
  for (const char* word : {"", " ", "x", "?", "none-such", "DENSE", "qdfnn ", " adam"}) {
    if (!distinct.count(word)) EXPECT_FALSE(parse_enum<E>(word).has_value()) << "'" << word << "'";
  }
}

TEST(EnumTable, ModelKindNamesRoundTripAndOtherWordsAreRefused) {
  expect_names_round_trip<ModelKind>(22);
  EXPECT_EQ(parse_enum<ModelKind>("mlp_leaky"), ModelKind::mlp_leaky);  // '_' reads as '-'
  EXPECT_FALSE(parse_enum<ModelKind>("resnet").has_value());
  EXPECT_FALSE(parse_enum<ModelKind>("QDFNN").has_value());  // the display name is no name
}

TEST(EnumTable, NoiseKindNamesRoundTrip) {
  expect_names_round_trip<NoiseKind>(6);
  EXPECT_EQ(enum_name_list<NoiseKind>(),
            "gaussian-sym, gaussian-asym, uniform-sym, uniform-asym, mixed-sym, mixed-asym");
  EXPECT_EQ(enum_name_list<NoiseKind>(", ", " or "),
            "gaussian-sym, gaussian-asym, uniform-sym, uniform-asym, mixed-sym or mixed-asym");
}

TEST(EnumTable, EveryOtherEnumsNamesRoundTrip) {
  expect_names_round_trip<Activation>(5);
  expect_names_round_trip<OptimizerKind>(2);
  expect_names_round_trip<ScalingKind>(4);
  expect_names_round_trip<SoftmaxLoss>(2);
  expect_names_round_trip<MultiControl>(3);
  expect_names_round_trip<SkipTopology>(3);
  expect_names_round_trip<SkipBranch>(5);
  expect_names_round_trip<SimdIsa>(3);
  expect_names_round_trip<GateKind>(5);
  expect_names_round_trip<AttackForm>(2);
  expect_names_round_trip<AttackMode>(3);
  expect_names_round_trip<AttackScale>(2);
  EXPECT_EQ(enum_name(ScalingKind::automatic), std::string("auto"));
  EXPECT_EQ(parse_enum<MultiControl>("gray-code"), MultiControl::gray_code);
}

// ① and ② are also written 1 and 2; the words written are inside / outside.
TEST(EnumTable, AttackFormsParseTheirNumbers) {
  EXPECT_EQ(parse_enum<AttackForm>("1"), AttackForm::inside);
  EXPECT_EQ(parse_enum<AttackForm>("2"), AttackForm::outside);
  EXPECT_FALSE(parse_enum<AttackForm>("3").has_value());
  EXPECT_EQ(enum_names<AttackForm>(), (std::vector<std::string>{"inside", "outside"}));
  EXPECT_EQ(enum_name_list<AttackMode>(", ", " or "), "persistent, transient or fixed");
  EXPECT_EQ(enum_values<AttackMode>(),
            (std::vector<AttackMode>{AttackMode::persistent, AttackMode::transient, AttackMode::fixed}));
}

// The count check refuses a table that misses its last enumerator, lists one
// out of order, or names two alike.
enum class Probe { a, b, c };
enum class ProbeShort { a, b, c };
enum class ProbeSwapped { a, b };
enum class ProbeTwice { a, b };
}  // namespace

namespace hqnn {
template <>
struct EnumTable<Probe> {
  static constexpr EnumName<Probe> rows[] = {{Probe::a, "a"}, {Probe::b, "b"}, {Probe::c, "c"}};
  static constexpr EnumName<Probe> aliases[] = {{Probe::c, "3"}};
};
template <>
struct EnumTable<ProbeShort> {
  static constexpr EnumName<ProbeShort> rows[] = {{ProbeShort::a, "a"}, {ProbeShort::b, "b"}};
};
template <>
struct EnumTable<ProbeSwapped> {
  static constexpr EnumName<ProbeSwapped> rows[] = {{ProbeSwapped::b, "b"}, {ProbeSwapped::a, "a"}};
};
template <>
struct EnumTable<ProbeTwice> {
  static constexpr EnumName<ProbeTwice> rows[] = {{ProbeTwice::a, "a"}, {ProbeTwice::b, "a"}};
};
}  // namespace hqnn

namespace {

static_assert(enum_table_is_complete<Probe>());
static_assert(!enum_table_is_complete<ProbeShort>(), "a missing row is caught");
static_assert(!enum_table_is_complete<ProbeSwapped>(), "rows out of order are caught");
static_assert(!enum_table_is_complete<ProbeTwice>(), "a repeated name is caught");

TEST(EnumTable, AliasesParseButAreNeverWritten) {
  EXPECT_EQ(parse_enum<Probe>("3"), Probe::c);
  EXPECT_EQ(enum_name(Probe::c), std::string("c"));
  EXPECT_EQ(enum_names<Probe>(), (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_FALSE(parse_enum<Probe>("4").has_value());
}

}  // namespace
