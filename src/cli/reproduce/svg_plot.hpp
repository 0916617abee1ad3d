// A tiny SVG line-plot writer for the reproduction report: a few named series
// against a shared x axis, NaN/Inf points break the line and get a cross on the
// bottom axis; optional per-series bands (a seed spread) and marked points, and
// an optional dashed reference line (chance).
#pragma once

#include <cmath>
#include <string>
#include <vector>

namespace hqnn::cli {

struct PlotSeries {
  std::string name;
  std::vector<double> x, y;
  std::vector<double> y_low, y_high;  // a band around y (empty: none), drawn translucent
  std::vector<bool> marked;           // points drawn with a ring (empty: none), e.g. a NaN loss
};

struct PlotOptions {
  std::string title, x_label, y_label;
  bool log_y = false;  // plot log10(y); y <= 0 breaks the line like NaN
  bool y_from_zero = false;         // the y axis starts at 0 (linear axes)
  double reference_y = NAN;         // a dashed horizontal line (NaN: none)
  std::string reference_label;      // its legend entry
  std::string marker_label;         // the legend entry of the rings
  int width = 640, height = 400;
};

std::string svg_line_plot(const std::vector<PlotSeries>& series, const PlotOptions& options);

}  // namespace hqnn::cli
