// Per-feature affine scaling fitted on a training set: x' = (x − offset) / scale.
//
//   standard  offset = mean, scale = standard deviation (n − 1)
//   minmax    offset = min,  scale = max − min            (training values land in [0, 1])
// A constant feature keeps scale 1 (it is only shifted). Why scaling matters
// here: the hybrids classify x/‖x‖ linearly (amplitude encoding, Eq. 6, then a
// linear chain and read-out, Eq. 3–10), so whatever dominates ‖x‖ dominates
// the state. `automatic` is not a fit: the run chooses one of the others.
#pragma once

#include <optional>
#include <string>

#include "dataset.hpp"
#include "enum_table.hpp"
#include "real.hpp"

namespace hqnn {

enum class ScalingKind { none, standard, minmax, automatic };
template <>
struct EnumTable<ScalingKind> {
  static constexpr EnumName<ScalingKind> rows[] = {{ScalingKind::none, "none"},
                                                   {ScalingKind::standard, "standard"},
                                                   {ScalingKind::minmax, "minmax"},
                                                   {ScalingKind::automatic, "auto"}};
};
static_assert(enum_table_is_complete<ScalingKind>());

// Old spellings of enum_name / parse_enum, still read in a few places.
inline const char* scaling_kind_name(ScalingKind kind) { return enum_name(kind); }
inline std::optional<ScalingKind> parse_scaling_kind(const std::string& name) { return parse_enum<ScalingKind>(name); }

struct FeatureScaler {
  ScalingKind kind = ScalingKind::standard;  // standard or minmax
  Vector offset, scale;

  static FeatureScaler fit(ScalingKind kind, const Dataset& train);  // kind: standard or minmax
  void apply(Matrix& features) const;    // samples x features, in place
  void apply(Dataset& data) const { apply(data.features); }
  Real unscale(Real value, Index feature) const { return value * scale(feature) + offset(feature); }
};

}  // namespace hqnn
