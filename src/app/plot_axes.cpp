#include "plot_axes.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace hqnn::app {

// The smallest step of 1, 2 or 5 × 10^k that splits `span` into at most `parts`.
static double nice_step(double span, int parts) {
  const double raw = span / std::max(1, parts);
  const double decade = std::pow(10.0, std::floor(std::log10(raw)));
  for (double m : {1.0, 2.0, 5.0, 10.0})
    if (m * decade >= raw * (1 - 1e-9)) return m * decade;
  return 10 * decade;
}

std::vector<double> axis_ticks(const AxisRange& r, int max_ticks) {
  std::vector<double> ticks;
  const double span = r.hi - r.lo;
  if (!(span > 0) || !std::isfinite(span) || max_ticks < 1) return ticks;
  if (r.log && span <= 2) {  // up to two decades: 1, 2, 5 times powers of ten
    for (double e = std::floor(r.lo); e <= std::ceil(r.hi); e += 1)
      for (double m : {1.0, 2.0, 5.0}) {
        const double t = e + std::log10(m);
        if (t >= r.lo - 1e-9 && t <= r.hi + 1e-9) ticks.push_back(t);
      }
    if (ticks.size() >= 2 && static_cast<int>(ticks.size()) <= max_ticks) return ticks;
    ticks.clear();
  }
  if (r.log && span >= 1) {  // whole decades, every k-th one
    const double k = std::max(1.0, std::ceil(span / max_ticks));
    for (double e = std::ceil(r.lo / k - 1e-9) * k; e <= r.hi + 1e-9; e += k) ticks.push_back(e);
    return ticks;
  }
  if (r.log) {  // a short range: linear steps of the values, in log units
    const double lo = std::pow(10.0, r.lo), hi = std::pow(10.0, r.hi), step = nice_step(hi - lo, max_ticks);
    for (double v = std::ceil(lo / step - 1e-9) * step; v <= hi * (1 + 1e-9); v += step) ticks.push_back(std::log10(v));
    return ticks;
  }
  const double step = nice_step(span, max_ticks);
  for (double v = std::ceil(r.lo / step - 1e-9) * step; v <= r.hi + step * 1e-9; v += step)
    ticks.push_back(std::fabs(v) < step * 1e-9 ? 0.0 : v);
  return ticks;
}

AxisRange nice_range(AxisRange r, int max_ticks) {
  if (!std::isfinite(r.lo) || !std::isfinite(r.hi)) r.lo = 0, r.hi = 1;
  if (r.lo > r.hi) std::swap(r.lo, r.hi);
  if (r.hi - r.lo < 1e-9 * std::max(1.0, std::fabs(r.lo))) {
    const double pad = r.log ? 0.5 : std::max(0.5, std::fabs(r.lo) * 0.1);
    r.lo -= pad, r.hi += pad;
  }
  if (r.log) {  // out to 1, 2 or 5 times a power of ten; whole decades when the range spans more than two
    if (r.hi - r.lo > 2) {
      r.lo = std::floor(r.lo + 1e-9), r.hi = std::ceil(r.hi - 1e-9);
      return r;
    }
    const double lo = r.lo, hi = r.hi;
    r.lo = std::floor(lo), r.hi = std::ceil(hi);
    for (double e = std::floor(lo) - 1; e <= std::ceil(hi) + 1; e += 1)
      for (double m : {1.0, 2.0, 5.0}) {
        const double t = e + std::log10(m);
        if (t <= lo + 1e-9) r.lo = std::max(r.lo, t);
        if (t >= hi - 1e-9) r.hi = std::min(r.hi, t);
      }
    return r;
  }
  const double step = nice_step(r.hi - r.lo, max_ticks);
  r.lo = std::floor(r.lo / step + 1e-9) * step;
  r.hi = std::ceil(r.hi / step - 1e-9) * step;
  return r;
}

std::string tick_label(double tick, const AxisRange& r) {
  const double v = r.log ? std::pow(10.0, tick) : tick;
  char text[32];
  const double a = std::fabs(v);
  if (v == 0)
    return "0";
  if (a >= 1e4 || a < 1e-3) {
    const int e = static_cast<int>(std::floor(std::log10(a) + 1e-9));
    const double m = v / std::pow(10.0, e);
    if (std::fabs(m - std::round(m)) < 1e-6) std::snprintf(text, sizeof text, "%.0fe%d", m, e);
    else std::snprintf(text, sizeof text, "%.2ge%d", m, e);
  } else {
    std::snprintf(text, sizeof text, "%.3g", v);
  }
  return text;
}

}  // namespace hqnn::app
