// The decision boundary over two chosen features, the others at their
// training-set mean: each cell is tinted by the predicted class, stronger where
// the model is surer; training points are filled, test points are rings. With
// dataset noise, a thin line joins each point to where it was before the noise.
// The session computes the probabilities on a coarse grid (rate-limited); the
// panel draws them smooth, interpolated at its own resolution, with axes.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "app.hpp"
#include "imgui.h"
#include "panels.hpp"
#include "plot_widgets.hpp"

namespace hqnn::app {

static bool feature_combo(const char* label, int& index, const std::vector<std::string>& names) {
  bool changed = false;
  const char* preview = index < int(names.size()) ? names[index].c_str() : "?";
  if (ImGui::BeginCombo(label, preview)) {
    for (int i = 0; i < int(names.size()); ++i)
      if (ImGui::Selectable(names[i].c_str(), i == index)) index = i, changed = true;
    ImGui::EndCombo();
  }
  return changed;
}

// An opaque mix of the panel background and a class colour (overlapping
// translucent cells would show seams).
static ImU32 tint(ImU32 color, float amount) {
  const ImVec4 c = ImGui::ColorConvertU32ToFloat4(color), bg = colour_vec4(Colour::panel_background);
  return ImGui::ColorConvertFloat4ToU32(ImVec4(bg.x + (c.x - bg.x) * amount, bg.y + (c.y - bg.y) * amount,
                                               bg.z + (c.z - bg.z) * amount, 1));
}

void draw_boundary_panel(App& app) {
  const Snapshot& s = *app.snap;
  if (!s.boundary) {
    ImGui::TextDisabled("(no model)");
    return;
  }
  const BoundaryView& b = *s.boundary;
  int fx = app.settings.feature_x, fy = app.settings.feature_y;
  ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x * 0.38f);
  bool changed = feature_combo("x", fx, s.feature_names);
  ImGui::SameLine();
  ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x * 0.6f);
  changed |= feature_combo("y", fy, s.feature_names);
  if (changed) app.set_view(app.settings.sample, fx, fy);

  // A square data area with room for the axes around it.
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const ImVec2 p0 = ImGui::GetCursorScreenPos();
  const PlotArea probe = plot_area(p0, avail);
  const float side = std::max(80.0f, std::min(probe.width(), probe.height() - 4));
  const ImVec2 size(avail.x - probe.width() + side, avail.y - probe.height() + side);
  ImGui::InvisibleButton("##boundary", size);
  const AxisRange x_axis{b.x_min, b.x_max, false}, y_axis{b.y_min, b.y_max, false};
  const PlotArea area = draw_plot_axes(p0, size, x_axis, y_axis, s.feature_names[b.feature_x].c_str(),
                                       s.feature_names[b.feature_y].c_str());
  const ImVec2 q0 = area.min;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const int n = b.resolution;
  const int classes = n ? static_cast<int>(b.probabilities.size() / (size_t(n) * n)) : 0;
  // Smooth at the panel's resolution: the model's grid (cell centres at (i + 0.5) / n) interpolated
  // bilinearly at the corners of cells about 5 px wide, each corner coloured by its most likely class and
  // the quad shaded between its corners. At most 80 x 80 quads keep the draw list small.
  const int cells = std::clamp(static_cast<int>(side / 5), 1, 80);
  std::vector<float> p(static_cast<size_t>(std::max(classes, 1)));
  const auto interpolate = [&](float u, float v) {  // u, v in [0, 1] across the plot; fills p
    const float gx = std::clamp(u * n - 0.5f, 0.0f, float(n - 1)), gy = std::clamp(v * n - 0.5f, 0.0f, float(n - 1));
    const int c0 = std::min(int(gx), n - 2 < 0 ? 0 : n - 2), r0 = std::min(int(gy), n - 2 < 0 ? 0 : n - 2);
    const int c1 = std::min(c0 + 1, n - 1), r1 = std::min(r0 + 1, n - 1);
    const float fx = gx - c0, fy = gy - r0;
    for (int c = 0; c < classes; ++c) {
      const auto at = [&](int row, int col) { return b.probabilities[(size_t(row) * n + col) * classes + c]; };
      p[c] = (1 - fy) * ((1 - fx) * at(r0, c0) + fx * at(r0, c1)) + fy * ((1 - fx) * at(r1, c0) + fx * at(r1, c1));
    }
  };
  const auto corner_color = [&](int i, int j) {  // corner (i, j): column i, row j from the bottom
    interpolate(float(i) / cells, float(j) / cells);
    const int best = static_cast<int>(std::max_element(p.begin(), p.begin() + classes) - p.begin());
    const float confidence = classes > 1 ? (p[best] - 1.0f / classes) / (1.0f - 1.0f / classes) : 1.0f;
    return std::isfinite(confidence) ? tint(class_colour(best), 0.15f + 0.55f * std::clamp(confidence, 0.0f, 1.0f))
                                     : colour(Colour::not_finite);
  };
  if (n > 0 && classes > 0) {
    std::vector<ImU32> below(static_cast<size_t>(cells + 1)), above(below.size());
    for (int i = 0; i <= cells; ++i) below[i] = corner_color(i, 0);
    const float step = side / cells;
    for (int j = 0; j < cells; ++j) {
      for (int i = 0; i <= cells; ++i) above[i] = corner_color(i, j + 1);
      const float y1 = q0.y + side - j * step, y0 = y1 - step;
      for (int i = 0; i < cells; ++i)
        dl->AddRectFilledMultiColor(ImVec2(q0.x + i * step, y0), ImVec2(q0.x + (i + 1) * step + 0.5f, y1 + 0.5f),
                                    above[i], above[i + 1], below[i + 1], below[i]);
      std::swap(below, above);
    }
  }
  const auto to_screen = [&](float x, float y) {
    return ImVec2(q0.x + (x - b.x_min) / (b.x_max - b.x_min) * side,
                  q0.y + side - (y - b.y_min) / (b.y_max - b.y_min) * side);
  };
  for (size_t i = 0; i < b.clean_x.size(); ++i)
    if (b.clean_x[i] != b.point_x[i] || b.clean_y[i] != b.point_y[i])
      dl->AddLine(to_screen(b.clean_x[i], b.clean_y[i]), to_screen(b.point_x[i], b.point_y[i]),
                  colour(Colour::marker, 0.35f), 1.0f);
  for (size_t i = 0; i < b.point_x.size(); ++i) {
    const ImVec2 q = to_screen(b.point_x[i], b.point_y[i]);
    if (b.point_is_test[i]) {
      dl->AddCircle(q, 4.0f, class_colour(b.point_label[i]), 12, 2.0f);
    } else {
      dl->AddCircleFilled(q, 3.5f, class_colour(b.point_label[i]));
      dl->AddCircle(q, 3.5f, colour(Colour::marker, 0.63f), 12, 1.0f);
    }
  }
  if (s.sample.index >= 0 && b.feature_x < int(s.sample.features.size()) &&
      b.feature_y < int(s.sample.features.size())) {
    const ImVec2 q = to_screen(s.sample.features[b.feature_x], s.sample.features[b.feature_y]);
    dl->AddCircle(q, 8.0f, colour(Colour::marker), 16, 2.0f);
  }
  dl->AddRect(q0, ImVec2(q0.x + side, q0.y + side), colour(Colour::plot_frame));
  const ImVec2 m = ImGui::GetIO().MousePos;
  if (ImGui::IsItemHovered() && m.x >= q0.x && m.x <= q0.x + side && m.y >= q0.y && m.y <= q0.y + side &&
      n > 0 && classes > 0) {
    const float u = (m.x - q0.x) / side, v = (q0.y + side - m.y) / side;
    interpolate(u, v);
    std::string text;
    char row[128];
    std::snprintf(row, sizeof row, "%s = %.3g\n%s = %.3g (the others at their mean)",
                  s.feature_names[b.feature_x].c_str(), b.x_min + u * (b.x_max - b.x_min),
                  s.feature_names[b.feature_y].c_str(), b.y_min + v * (b.y_max - b.y_min));
    text += row;
    for (int c = 0; c < classes; ++c) {
      std::snprintf(row, sizeof row, "\np(%s) = %.3f", c < int(s.class_names.size()) ? s.class_names[c].c_str() : "?",
                    double(p[c]));
      text += row;
    }
    text += "\nfilled: train, ring: test, white: state viewer sample\nthin lines: moved by dataset noise";
    ImGui::SetTooltip("%s", text.c_str());
  }
}

}  // namespace hqnn::app
