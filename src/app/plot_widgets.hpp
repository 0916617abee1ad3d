// Small drawing helpers on top of ImGui's draw lists: plot axes, line charts,
// signed bars, heat strips (colours: palette.hpp).
#pragma once

#include <string>
#include <vector>

#include "imgui.h"
#include "palette.hpp"
#include "plot_axes.hpp"

namespace hqnn::app {

struct Series {
  const char* label;
  const std::vector<float>* values;
  ImU32 color;
};

// The frame of a plot occupying [p0, p0 + size]: a left margin for the y tick
// labels, a top row for the y axis name (and a legend), a bottom row for the
// x tick labels and name. Draws the background, grid lines, ticks and names
// (ranges in axis units: log10 on log axes) and returns the data rectangle.
struct PlotArea {
  ImVec2 min, max;
  float width() const { return max.x - min.x; }
  float height() const { return max.y - min.y; }
};
PlotArea plot_area(ImVec2 p0, ImVec2 size);  // the data rectangle alone (to size a square plot)
PlotArea draw_plot_axes(ImVec2 p0, ImVec2 size, const AxisRange& x, const AxisRange& y, const char* x_name,
                        const char* y_name);

// A line chart of several series against the epoch (value i is epoch i + 1)
// with ticks, axis names, a legend and a readout of every series at the epoch
// under the mouse. y_min == y_max: fitted to the data. log_y plots log10 of
// positive values (loss, gradient norms: they span decades).
void line_chart(const char* id, const std::vector<Series>& series, ImVec2 size, float y_min, float y_max,
                bool log_y = false, const char* y_name = "", const char* x_name = "epoch");

// Signed bars of values in [-1, 1]: positive up (blue), negative down (red).
// More values than pixel columns are shown as the largest |value| per column.
void signed_bars(const char* id, const float* values, int count, ImVec2 size, float scale = 1.0f);
// One row of cells coloured by sign and magnitude of values in [-1, 1].
void heat_strip(const char* id, const float* values, int count, ImVec2 size, float scale = 1.0f);

// Horizontal bars in [0, 1] with a label each.
void probability_bars(const std::vector<float>& p, const std::vector<std::string>& labels, int highlight);


}  // namespace hqnn::app
