#include "study_statistics.hpp"

#include <cmath>

#include "core/run_statistics.hpp"

namespace hqnn::cli {

double t_quantile_975(int df) {
  // Student's t, 0.975 quantile, df = 1..30 (standard tables); beyond, the normal
  // quantile plus the first terms of the Cornish-Fisher expansion.
  static const double table[30] = {12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
                                   2.201,  2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
                                   2.080,  2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042};
  if (df < 1) return NAN;
  if (df <= 30) return table[df - 1];
  const double z = 1.959964, d = df;
  return z + (z * z * z + z) / (4 * d) + (5 * std::pow(z, 5) + 16 * z * z * z + 3 * z) / (96 * d * d);
}

CellStatistics cell_statistics(const std::vector<double>& values) {
  CellStatistics s;
  s.n = static_cast<int>(values.size());
  if (values.empty()) return s;
  const MeanVariance mv = mean_variance(values);  // population variance
  s.mean = mv.mean;
  if (!std::isfinite(mv.mean)) {
    s.sd = s.ci_low = s.ci_high = NAN;
    return s;
  }
  if (s.n < 2) {
    s.ci_low = s.ci_high = s.mean;
    return s;
  }
  s.sd = std::sqrt(mv.variance * s.n / (s.n - 1));
  const double half = t_quantile_975(s.n - 1) * s.sd / std::sqrt(static_cast<double>(s.n));
  s.ci_low = s.mean - half;
  s.ci_high = s.mean + half;
  return s;
}

static bool crosses(const CellStatistics& s, double threshold) {
  return !std::isfinite(s.ci_low) || (s.ci_low < threshold && threshold < s.ci_high);
}

VerdictResult study_verdict(const CellStatistics& h, const CellStatistics& c, const CellStatistics& diff,
                            const VerdictThresholds& t) {
  // A NaN accuracy (a run whose evaluation gave NaN) counts as collapsed.
  const double hm = std::isfinite(h.mean) ? h.mean : 0, cm = std::isfinite(c.mean) ? c.mean : 0;
  const bool h_down = hm < t.collapse, c_down = cm < t.collapse;
  const double g = hm - cm;
  VerdictResult r;
  bool on_collapse = true, on_gap = false, on_band = false;
  if (h_down && c_down) {
    r.verdict = StudyVerdict::both_collapsed;
  } else if (c_down && g >= t.gap) {
    r.verdict = StudyVerdict::claim_holds, on_gap = true;
  } else if (h_down && -g >= t.gap) {
    r.verdict = StudyVerdict::reverse_holds, on_gap = true;
  } else if (g >= t.gap) {
    r.verdict = StudyVerdict::hybrids_ahead, on_gap = true;
  } else if (std::fabs(g) <= t.band) {
    r.verdict = StudyVerdict::within, on_band = true, on_collapse = false;
  } else if (g > 0) {
    r.verdict = StudyVerdict::hybrids_ahead_small, on_gap = on_band = true, on_collapse = false;
  } else {
    r.verdict = StudyVerdict::classical_ahead, on_gap = on_band = true, on_collapse = false;
  }
  r.uncertain = (on_collapse && (crosses(h, t.collapse) || crosses(c, t.collapse))) ||
                (on_gap && (crosses(diff, t.gap) || crosses(diff, -t.gap))) ||
                (on_band && (crosses(diff, t.band) || crosses(diff, -t.band)));
  return r;
}

}  // namespace hqnn::cli
