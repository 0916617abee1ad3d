#include "plot_widgets.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <limits>

namespace hqnn::app {

// Like ImGui's item sizes: a width <= 0 is relative to the space left.
static ImVec2 resolve_size(ImVec2 size) {
  if (size.x <= 0) size.x = std::max(8.0f, ImGui::GetContentRegionAvail().x + size.x + 1);
  return size;
}

ImU32 class_color(int c, float alpha) {
  static const ImVec4 palette[] = {{0.95f, 0.55f, 0.15f, 1}, {0.20f, 0.55f, 0.95f, 1}, {0.35f, 0.80f, 0.35f, 1},
                                   {0.85f, 0.30f, 0.60f, 1}, {0.60f, 0.45f, 0.90f, 1}, {0.95f, 0.85f, 0.25f, 1},
                                   {0.30f, 0.85f, 0.85f, 1}, {0.70f, 0.70f, 0.70f, 1}};
  ImVec4 v = palette[c % 8];
  v.w = alpha;
  return ImGui::ColorConvertFloat4ToU32(v);
}

ImU32 signed_color(float v) {
  if (!std::isfinite(v)) return kNotFiniteColor;
  v = std::clamp(v, -1.0f, 1.0f);
  const float a = std::fabs(v);
  const ImVec4 base = v >= 0 ? ImVec4(0.25f, 0.55f, 1.0f, 1) : ImVec4(1.0f, 0.35f, 0.30f, 1);
  const ImVec4 mid(0.16f, 0.16f, 0.18f, 1);
  return ImGui::ColorConvertFloat4ToU32(ImVec4(mid.x + (base.x - mid.x) * a, mid.y + (base.y - mid.y) * a,
                                               mid.z + (base.z - mid.z) * a, 1));
}

void line_chart(const char* id, const std::vector<Series>& series, ImVec2 size, float y_min, float y_max,
                bool log_y) {
  size = resolve_size(size);
  ImGui::PushID(id);
  const ImVec2 p0 = ImGui::GetCursorScreenPos();
  ImGui::InvisibleButton("##chart", size);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 p1(p0.x + size.x, p0.y + size.y);
  dl->AddRectFilled(p0, p1, IM_COL32(24, 24, 28, 255));
  dl->AddRect(p0, p1, IM_COL32(70, 70, 80, 255));

  const auto transform = [&](float v) { return log_y ? std::log10(std::max(v, 1e-12f)) : v; };
  size_t n = 0;
  if (y_min == y_max) {
    y_min = 1e30f;
    y_max = -1e30f;
    for (const Series& s : series)
      for (float v : *s.values)
        if (std::isfinite(v)) y_min = std::min(y_min, transform(v)), y_max = std::max(y_max, transform(v));
    if (y_min > y_max) y_min = 0, y_max = 1;
    if (y_max - y_min < 1e-6f) y_max = y_min + 1;
  }
  for (const Series& s : series) n = std::max(n, s.values->size());
  const float left = p0.x + 4, right = p1.x - 4, top = p0.y + 16, bottom = p1.y - 4;
  char label[32];
  std::snprintf(label, sizeof label, log_y ? "1e%.1f" : "%.3g", y_max);
  dl->AddText(ImVec2(p0.x + 4, p0.y + 1), IM_COL32(150, 150, 160, 255), label);
  std::snprintf(label, sizeof label, log_y ? "min 1e%.1f" : "min %.3g", y_min);
  dl->AddText(ImVec2(p0.x + 70, p0.y + 1), IM_COL32(150, 150, 160, 255), label);
  float legend_x = p1.x - 8;
  for (auto it = series.rbegin(); it != series.rend(); ++it) {
    if (!*it->label) continue;
    legend_x -= ImGui::CalcTextSize(it->label).x + 12;
    dl->AddText(ImVec2(legend_x, p0.y + 1), it->color, it->label);
  }
  // A NaN or infinite value breaks the line and gets a tick at the top edge:
  // a diverged run stays readable up to the step where it diverged.
  if (n >= 1) {
    for (const Series& s : series) {
      const std::vector<float>& v = *s.values;
      ImVec2 prev;
      bool have_prev = false;
      for (size_t i = 0; i < v.size(); ++i) {
        const float t = n > 1 ? float(i) / float(n - 1) : 0.5f;
        const float x = left + t * (right - left);
        const float tv = transform(v[i]);
        if (!std::isfinite(tv)) {
          dl->AddLine(ImVec2(x, top - 2), ImVec2(x, top + 6), kNotFiniteColor, 2.0f);
          have_prev = false;
          continue;
        }
        const float y = std::clamp((tv - y_min) / (y_max - y_min), 0.0f, 1.0f);
        const ImVec2 p(x, bottom - y * (bottom - top));
        if (have_prev) dl->AddLine(prev, p, s.color, 1.5f);
        prev = p;
        have_prev = true;
      }
    }
  }
  ImGui::PopID();
}

// More values than pixel columns (a wide state): each column shows the value
// of largest magnitude among its amplitudes, so the draw list stays small
// however large n is. A NaN or infinity wins its column and is drawn grey.
struct Column {
  int first, last;  // amplitude range [first, last]
  float value;      // the extreme one, or NaN
};

static std::vector<Column> columns_of(const float* values, int count, float width) {
  const int columns = std::max(1, std::min(count, static_cast<int>(width / 2)));
  std::vector<Column> out;
  out.reserve(columns);
  for (int c = 0; c < columns; ++c) {
    Column col{int(int64_t(c) * count / columns), int(int64_t(c + 1) * count / columns) - 1, 0.0f};
    for (int i = col.first; i <= col.last; ++i) {
      if (!std::isfinite(values[i])) {
        col.value = std::numeric_limits<float>::quiet_NaN();
        break;
      }
      if (std::fabs(values[i]) > std::fabs(col.value)) col.value = values[i];
    }
    out.push_back(col);
  }
  return out;
}

static void column_tooltip(const Column& c, const float* values) {
  if (c.first == c.last)
    ImGui::SetTooltip("amplitude %d: %+.4f", c.first, values[c.first]);
  else
    ImGui::SetTooltip("amplitudes %d..%d: largest |a| %+.4f", c.first, c.last, c.value);
}

static int hovered_column(ImVec2 p0, float column_w, int columns) {
  return std::clamp(int((ImGui::GetIO().MousePos.x - p0.x) / column_w), 0, columns - 1);
}

void signed_bars(const char* id, const float* values, int count, ImVec2 size, float scale) {
  size = resolve_size(size);
  ImGui::PushID(id);
  const ImVec2 p0 = ImGui::GetCursorScreenPos();
  ImGui::InvisibleButton("##bars", size);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 p1(p0.x + size.x, p0.y + size.y);
  dl->AddRectFilled(p0, p1, IM_COL32(24, 24, 28, 255));
  const float mid = (p0.y + p1.y) * 0.5f, half = size.y * 0.5f - 2;
  dl->AddLine(ImVec2(p0.x, mid), ImVec2(p1.x, mid), IM_COL32(90, 90, 100, 255));
  if (!std::isfinite(scale) || scale <= 0) scale = 1;
  const std::vector<Column> cols = columns_of(values, count, size.x);
  const float w = size.x / float(cols.size());
  for (size_t i = 0; i < cols.size(); ++i) {
    const float x0 = p0.x + i * w + w * 0.15f, x1 = p0.x + (i + 1) * w - w * 0.15f;
    if (!std::isfinite(cols[i].value)) {  // not a number: a full-height grey bar
      dl->AddRectFilled(ImVec2(x0, mid - half), ImVec2(x1, mid + half), kNotFiniteColor);
      continue;
    }
    const float v = std::clamp(cols[i].value / scale, -1.0f, 1.0f);
    dl->AddRectFilled(ImVec2(x0, std::min(mid, mid - v * half)), ImVec2(x1, std::max(mid, mid - v * half)),
                      signed_color(v >= 0 ? 1.0f : -1.0f));
  }
  if (count > 0 && ImGui::IsItemHovered()) column_tooltip(cols[hovered_column(p0, w, int(cols.size()))], values);
  ImGui::PopID();
}

void heat_strip(const char* id, const float* values, int count, ImVec2 size, float scale) {
  size = resolve_size(size);
  ImGui::PushID(id);
  const ImVec2 p0 = ImGui::GetCursorScreenPos();
  ImGui::InvisibleButton("##strip", size);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  if (!std::isfinite(scale) || scale <= 0) scale = 1;
  const std::vector<Column> cols = columns_of(values, count, size.x);
  const float w = size.x / float(cols.size());
  for (size_t i = 0; i < cols.size(); ++i)
    dl->AddRectFilled(ImVec2(p0.x + i * w, p0.y), ImVec2(p0.x + (i + 1) * w - (w > 3 ? 1 : 0), p0.y + size.y),
                      signed_color(cols[i].value / scale));
  if (count > 0 && ImGui::IsItemHovered()) column_tooltip(cols[hovered_column(p0, w, int(cols.size()))], values);
  ImGui::PopID();
}

void probability_bars(const std::vector<float>& p, const std::vector<std::string>& labels, int highlight) {
  for (size_t c = 0; c < p.size(); ++c) {
    ImGui::PushStyleColor(ImGuiCol_PlotHistogram, ImGui::ColorConvertU32ToFloat4(class_color(int(c))));
    char overlay[96];
    std::snprintf(overlay, sizeof overlay, "%s%s  %.3f", c < labels.size() ? labels[c].c_str() : "?",
                  int(c) == highlight ? " (true)" : "", p[c]);
    ImGui::ProgressBar(std::isfinite(p[c]) ? p[c] : 0.0f, ImVec2(-1, 0), overlay);
    ImGui::PopStyleColor();
  }
}

}  // namespace hqnn::app
