// Log-spaced magnitudes: the robustness map's axis (hqnn reproduce's
// robustness profiles and the playground's live map use the same points).
#pragma once

#include <cmath>
#include <vector>

#include "core/exact_math.hpp"

namespace hqnn::run {

// The map's default axis: 9 half-decade points from 1e-3 to 10.
inline constexpr double kMapMagnitudeLo = 1e-3;
inline constexpr double kMapMagnitudeHi = 10;
inline constexpr int kMapMagnitudePoints = 9;

// `points` magnitudes from lo to hi, equally spaced in log10 (lo > 0, points >= 2).
// The ends are lo and hi themselves and whole decades are the nearest doubles
// to 10^k (0.01, 1, 100); the points between come from exact::exp / exact::log,
// so the CLI and the playground (native or WebAssembly) attack with the same magnitudes.
inline std::vector<double> log_spaced_magnitudes(double lo, double hi, int points) {
  constexpr double kLn10 = 2.30258509299404568402;
  const double a = exact::log(lo) / kLn10, b = exact::log(hi) / kLn10;
  std::vector<double> m;
  for (int i = 0; i < points; ++i) {
    const double t = a + (b - a) * i / (points - 1);
    const double decade = std::nearbyint(t);
    double v = exact::exp(t * kLn10);
    if (std::abs(t - decade) < 1e-9 && std::abs(decade) <= 22)  // 10^|k| is exact in double up to 10^22
      v = decade >= 0 ? exact::pow_int(10.0, static_cast<uint64_t>(decade))
                      : 1.0 / exact::pow_int(10.0, static_cast<uint64_t>(-decade));
    m.push_back(i == 0 ? lo : i == points - 1 ? hi : v);
  }
  return m;
}

}  // namespace hqnn::run
