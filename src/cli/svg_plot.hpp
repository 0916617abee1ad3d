// A tiny SVG line-plot writer for the reproduction report: a few named series
// against a shared x axis, NaN/Inf points break the line.
#pragma once

#include <string>
#include <vector>

namespace hqnn::cli {

struct PlotSeries {
  std::string name;
  std::vector<double> x, y;
};

struct PlotOptions {
  std::string title, x_label, y_label;
  bool log_y = false;  // plot log10(y); y <= 0 breaks the line like NaN
  int width = 640, height = 400;
};

std::string svg_line_plot(const std::vector<PlotSeries>& series, const PlotOptions& options);

}  // namespace hqnn::cli
