// The decision boundary over two chosen features, the others at their
// training-set mean: each cell is tinted by the predicted class, stronger where
// the model is surer; training points are filled, test points are rings. With
// dataset noise, a thin line joins each point to where it was before the noise.
#include <algorithm>
#include <cmath>

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
  const ImVec4 c = ImGui::ColorConvertU32ToFloat4(color), bg(0.09f, 0.09f, 0.11f, 1);
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

  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const float side = std::max(80.0f, std::min(avail.x, avail.y - 4));
  const ImVec2 p0 = ImGui::GetCursorScreenPos();
  ImGui::InvisibleButton("##boundary", ImVec2(side, side));
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const int n = b.resolution;
  const int classes = n ? static_cast<int>(b.probabilities.size() / (size_t(n) * n)) : 0;
  const float cell = side / n;
  for (int row = 0; row < n; ++row)
    for (int col = 0; col < n; ++col) {
      const float* p = &b.probabilities[(size_t(row) * n + col) * classes];
      const int best = static_cast<int>(std::max_element(p, p + classes) - p);
      const float confidence = classes > 1 ? (p[best] - 1.0f / classes) / (1.0f - 1.0f / classes) : 1.0f;
      const float y = p0.y + side - (row + 1) * cell;  // row 0 at the bottom
      dl->AddRectFilled(ImVec2(p0.x + col * cell, y), ImVec2(p0.x + (col + 1) * cell + 0.5f, y + cell + 0.5f),
                        std::isfinite(confidence) ? tint(class_color(best), 0.15f + 0.55f * std::clamp(confidence, 0.0f, 1.0f))
                                                  : kNotFiniteColor);
    }
  const auto to_screen = [&](float x, float y) {
    return ImVec2(p0.x + (x - b.x_min) / (b.x_max - b.x_min) * side,
                  p0.y + side - (y - b.y_min) / (b.y_max - b.y_min) * side);
  };
  for (size_t i = 0; i < b.clean_x.size(); ++i)
    if (b.clean_x[i] != b.point_x[i] || b.clean_y[i] != b.point_y[i])
      dl->AddLine(to_screen(b.clean_x[i], b.clean_y[i]), to_screen(b.point_x[i], b.point_y[i]),
                  IM_COL32(255, 255, 255, 90), 1.0f);
  for (size_t i = 0; i < b.point_x.size(); ++i) {
    const ImVec2 q = to_screen(b.point_x[i], b.point_y[i]);
    if (b.point_is_test[i]) {
      dl->AddCircle(q, 4.0f, class_color(b.point_label[i]), 12, 2.0f);
    } else {
      dl->AddCircleFilled(q, 3.5f, class_color(b.point_label[i]));
      dl->AddCircle(q, 3.5f, IM_COL32(255, 255, 255, 160), 12, 1.0f);
    }
  }
  if (s.sample.index >= 0 && b.feature_x < int(s.sample.features.size()) &&
      b.feature_y < int(s.sample.features.size())) {
    const ImVec2 q = to_screen(s.sample.features[b.feature_x], s.sample.features[b.feature_y]);
    dl->AddCircle(q, 8.0f, IM_COL32(255, 255, 255, 255), 16, 2.0f);
  }
  dl->AddRect(p0, ImVec2(p0.x + side, p0.y + side), IM_COL32(90, 90, 100, 255));
  if (ImGui::IsItemHovered()) {
    const ImVec2 m = ImGui::GetIO().MousePos;
    const float x = b.x_min + (m.x - p0.x) / side * (b.x_max - b.x_min);
    const float y = b.y_min + (p0.y + side - m.y) / side * (b.y_max - b.y_min);
    ImGui::SetTooltip("%s = %.2f\n%s = %.2f\nfilled: train, ring: test, white: state viewer sample\n"
                      "thin lines: moved by dataset noise",
                      s.feature_names[b.feature_x].c_str(), x, s.feature_names[b.feature_y].c_str(), y);
  }
}

}  // namespace hqnn::app
