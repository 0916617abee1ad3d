// Log-spaced magnitudes: the robustness map's axis (hqnn reproduce's
// robustness profiles and the playground's live map use the same points).
#pragma once

#include <cmath>
#include <vector>

namespace hqnn::run {

// `points` magnitudes from lo to hi, equally spaced in log10 (lo > 0, points >= 2).
inline std::vector<double> log_spaced_magnitudes(double lo, double hi, int points) {
  std::vector<double> m;
  for (int i = 0; i < points; ++i)
    m.push_back(std::pow(10.0, std::log10(lo) + (std::log10(hi) - std::log10(lo)) * i / (points - 1)));
  return m;
}

}  // namespace hqnn::run
