// The six noise kinds of the paper (Sec. 5, decision D10), used for dataset
// noise and for parameter attacks.
//
// With magnitude m:
//   gaussian-sym   N(0, m²)          gaussian-asym  N(m, m²)
//   uniform-sym    U(-m, m)          uniform-asym   U(0, 2m)     (mean m, like gaussian-asym)
//   mixed-sym      per draw, gaussian-sym or uniform-sym with probability 1/2
//   mixed-asym     per draw, gaussian-asym or uniform-asym with probability 1/2
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "enum_table.hpp"
#include "real.hpp"

namespace hqnn {

class Rng;

enum class NoiseKind { gaussian_sym, gaussian_asym, uniform_sym, uniform_asym, mixed_sym, mixed_asym };

// The one table of noise kinds and their names, in the enum's order: the CLI,
// the playground, the model files and the reports read it.
struct NoiseKindInfo {
  NoiseKind kind;
  const char* name;  // "gaussian-sym"
  bool symmetric;    // the pdf is symmetric about 0
};
template <>
struct EnumTable<NoiseKind> {
  static constexpr NoiseKindInfo rows[] = {
      {NoiseKind::gaussian_sym, "gaussian-sym", true},  {NoiseKind::gaussian_asym, "gaussian-asym", false},
      {NoiseKind::uniform_sym, "uniform-sym", true},    {NoiseKind::uniform_asym, "uniform-asym", false},
      {NoiseKind::mixed_sym, "mixed-sym", true},        {NoiseKind::mixed_asym, "mixed-asym", false},
  };
};
static_assert(enum_table_is_complete<NoiseKind>());

inline bool is_symmetric(NoiseKind kind) { return enum_row(kind).symmetric; }

// Old spellings of enum_rows / enum_name / parse_enum / enum_name_list, still read in a few places.
inline EnumRows<NoiseKindInfo> noise_kinds() { return enum_rows<NoiseKind>(); }
inline const char* noise_kind_name(NoiseKind kind) { return enum_name(kind); }
inline std::optional<NoiseKind> parse_noise_kind(const std::string& name) { return parse_enum<NoiseKind>(name); }
inline std::string noise_kind_list(const char* separator = ", ") { return enum_name_list<NoiseKind>(separator); }

// One draw of ε.
double draw_noise(NoiseKind kind, double magnitude, Rng& rng);

struct DatasetNoiseOptions {
  NoiseKind kind = NoiseKind::gaussian_sym;
  double magnitude = 0.1;     // m; features of iris are in cm, pixels in [0, 1]
  double max_fraction = 0.5;  // per sample, a fraction f ~ U(0, max_fraction] of the features is noisy
  bool train = true;          // apply to the training set
  bool test = true;           // apply to the test set
};
void validate(const DatasetNoiseOptions& options);

// Adds noise to every sample: ceil(f · features) distinct random positions,
// f ~ U(0, max_fraction], each gets its own ε. Returns the number of noisy values.
Index add_dataset_noise(Matrix& features, const DatasetNoiseOptions& options, Rng& rng);

}  // namespace hqnn
