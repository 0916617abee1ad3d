// Small drawing helpers on top of ImGui's draw lists: line charts, signed bars,
// heat strips, a class palette.
#pragma once

#include <string>
#include <vector>

#include "imgui.h"

namespace hqnn::app {

struct Series {
  const char* label;
  const std::vector<float>* values;
  ImU32 color;
};

// A line chart of several series sharing an x axis (index) and a y range.
// y_min == y_max: fitted to the data. log_y plots log10 of positive values.
void line_chart(const char* id, const std::vector<Series>& series, ImVec2 size, float y_min, float y_max,
                bool log_y = false);

// Signed bars of values in [-1, 1]: positive up (blue), negative down (red).
// More values than pixel columns are shown as the largest |value| per column.
void signed_bars(const char* id, const float* values, int count, ImVec2 size, float scale = 1.0f);
// One row of cells coloured by sign and magnitude of values in [-1, 1].
void heat_strip(const char* id, const float* values, int count, ImVec2 size, float scale = 1.0f);

// Horizontal bars in [0, 1] with a label each.
void probability_bars(const std::vector<float>& p, const std::vector<std::string>& labels, int highlight);

ImU32 class_color(int c, float alpha = 1.0f);
ImU32 signed_color(float v);                 // v in [-1, 1]: red .. white .. blue; NaN / ±inf: grey
inline constexpr ImU32 kNotFiniteColor = IM_COL32(150, 150, 150, 255);  // how NaN and infinity are drawn

}  // namespace hqnn::app
