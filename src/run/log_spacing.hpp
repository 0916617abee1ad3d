// Log-spaced magnitudes: the robustness map's axis (hqnn reproduce's
// robustness profiles and the playground's live map use the same points).
#pragma once

#include <cmath>
#include <vector>

namespace hqnn::run {

// The map's default axis: 9 half-decade points from 1e-3 to 10.
inline constexpr double kMapMagnitudeLo = 1e-3;
inline constexpr double kMapMagnitudeHi = 10;
inline constexpr int kMapMagnitudePoints = 9;

// `points` magnitudes from lo to hi, equally spaced in log10 (lo > 0, points >= 2).
inline std::vector<double> log_spaced_magnitudes(double lo, double hi, int points) {
  std::vector<double> m;
  for (int i = 0; i < points; ++i)
    m.push_back(std::pow(10.0, std::log10(lo) + (std::log10(hi) - std::log10(lo)) * i / (points - 1)));
  return m;
}

}  // namespace hqnn::run
