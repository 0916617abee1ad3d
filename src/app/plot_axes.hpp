// Where a plot's axis ticks go and how they are labelled: "nice" steps of 1, 2
// or 5 times a power of ten on linear axes, powers of ten (and 2, 5 times them
// when the range is short) on log axes. UI-free, so tests can check it.
#pragma once

#include <string>
#include <vector>

namespace hqnn::app {

struct AxisRange {
  double lo = 0, hi = 1;   // log axes: log10 of the values
  bool log = false;
};

// Ticks inside [lo, hi], at most max_ticks of them (at least two when the
// range allows); for log axes, in log10 units like the range.
std::vector<double> axis_ticks(const AxisRange& range, int max_ticks);

// The range widened to the nearest ticks outside it (so the data is framed by
// labelled lines), a zero-width range opened up, non-finite ends replaced.
AxisRange nice_range(AxisRange range, int max_ticks);

// The label of a tick (log axes: of 10^tick), short: "0.5", "1e-3", "20k".
std::string tick_label(double tick, const AxisRange& range);

}  // namespace hqnn::app
