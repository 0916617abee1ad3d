// The study's numbers per cell and its verdicts.
//
//   cell      mean, sample sd (divide by k - 1) and 95 % t confidence interval of the
//             mean over the k seeds of a cell
//   verdict   a hybrid against a classical model at one attack condition, on the
//             accuracy after the attack (means over seeds), in this order:
//               both collapsed     both below the collapse threshold (50 %)
//               claim holds        the classical collapsed, the hybrid not, hybrid ahead by >= gap (20)
//               reverse holds      the hybrid collapsed, the classical not, classical ahead by >= gap
//               hybrids ahead      by >= gap, the classical not collapsed
//               within             |gap| <= band (10)
//               hybrids ahead (band..gap)  ahead by more than the band, less than the gap
//               classical ahead    by more than the band
//             so that every pair of cells has exactly one. "Uncertain": a 95 % CI
//             crosses a threshold the verdict turned on (either mean's CI the
//             collapse threshold, or the CI of the per-seed paired difference the
//             gap or the band).
#pragma once

#include <string>
#include <vector>

#include "core/enum_table.hpp"

namespace hqnn::cli {

struct CellStatistics {
  int n = 0;
  double mean = 0, sd = 0;        // sd: sample sd (n - 1); 0 for one value
  double ci_low = 0, ci_high = 0;  // 95 % t interval of the mean; the mean itself for one value
};

// Two-sided 95 % quantile of Student's t with `df` degrees of freedom (df >= 1).
double t_quantile_975(int df);

// NaN values make every field NaN (n stays the count).
CellStatistics cell_statistics(const std::vector<double>& values);

struct VerdictThresholds {
  double gap = 0.20, band = 0.10, collapse = 0.50;  // accuracy fractions
};

enum class StudyVerdict { both_collapsed, claim_holds, reverse_holds, hybrids_ahead, within, hybrids_ahead_small, classical_ahead };
}  // namespace hqnn::cli

template <>
struct hqnn::EnumTable<hqnn::cli::StudyVerdict> {
  using V = hqnn::cli::StudyVerdict;
  // the words are the report's column heads
  static constexpr EnumName<V> rows[] = {{V::both_collapsed, "both collapsed"},
                                         {V::claim_holds, "claim holds"},
                                         {V::reverse_holds, "reverse holds"},
                                         {V::hybrids_ahead, "hybrids ahead >= gap (classical not collapsed)"},
                                         {V::within, "within the band"},
                                         {V::hybrids_ahead_small, "hybrids ahead by band..gap"},
                                         {V::classical_ahead, "classical ahead"}};
};

namespace hqnn::cli {
static_assert(enum_table_is_complete<StudyVerdict>());
constexpr int kStudyVerdicts = static_cast<int>(enum_rows<StudyVerdict>().size());

struct VerdictResult {
  StudyVerdict verdict = StudyVerdict::within;
  bool uncertain = false;
};

// hybrid, classical: the cells' accuracy statistics; difference: of the per-seed paired
// differences hybrid - classical (seeds matched).
VerdictResult study_verdict(const CellStatistics& hybrid, const CellStatistics& classical,
                            const CellStatistics& difference, const VerdictThresholds& t = {});

}  // namespace hqnn::cli
