#include "plot_widgets.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <limits>
#include <string>

namespace hqnn::app {

// Like ImGui's item sizes: a width <= 0 is relative to the space left.
static ImVec2 resolve_size(ImVec2 size) {
  if (size.x <= 0) size.x = std::max(8.0f, ImGui::GetContentRegionAvail().x + size.x + 1);
  return size;
}

// [SECTION] Axes -----------------------------------------------------------------------------

PlotArea plot_area(ImVec2 p0, ImVec2 size) {
  const float line = ImGui::GetTextLineHeight();
  const float left = ImGui::CalcTextSize("-0.000").x + 8;
  return {ImVec2(p0.x + left, p0.y + line + 4), ImVec2(p0.x + size.x - 6, p0.y + size.y - line - 4)};
}

PlotArea draw_plot_axes(ImVec2 p0, ImVec2 size, const AxisRange& x, const AxisRange& y, const char* x_name,
                        const char* y_name) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const PlotArea a = plot_area(p0, size);
  const float line = ImGui::GetTextLineHeight();
  dl->AddRectFilled(p0, ImVec2(p0.x + size.x, p0.y + size.y), colour(Colour::plot_background));
  const auto to_x = [&](double v) { return a.min.x + float((v - x.lo) / (x.hi - x.lo)) * a.width(); };
  const auto to_y = [&](double v) { return a.max.y - float((v - y.lo) / (y.hi - y.lo)) * a.height(); };
  for (double t : axis_ticks(y, std::max(2, int(a.height() / (line * 1.8f))))) {
    const float py = to_y(t);
    dl->AddLine(ImVec2(a.min.x, py), ImVec2(a.max.x, py), colour(Colour::plot_grid));
    const std::string label = tick_label(t, y);
    const ImVec2 ts = ImGui::CalcTextSize(label.c_str());
    dl->AddText(ImVec2(a.min.x - ts.x - 4, py - ts.y * 0.5f), colour(Colour::axis_text), label.c_str());
  }
  // The x axis name sits at the right end of the tick row; tick labels stop before it.
  const ImVec2 name_size = ImGui::CalcTextSize(x_name);
  const float name_x = a.max.x - name_size.x;
  float last_label_end = -1e30f;
  for (double t : axis_ticks(x, std::max(2, int(a.width() / 60)))) {
    const float px = to_x(t);
    dl->AddLine(ImVec2(px, a.min.y), ImVec2(px, a.max.y), colour(Colour::plot_grid));
    dl->AddLine(ImVec2(px, a.max.y), ImVec2(px, a.max.y + 3), colour(Colour::axis_text));
    const std::string label = tick_label(t, x);
    const float w = ImGui::CalcTextSize(label.c_str()).x;
    const float lx = std::max(px - w * 0.5f, p0.x);
    if (lx > last_label_end + 6 && lx + w < name_x - 8) {
      dl->AddText(ImVec2(lx, a.max.y + 3), colour(Colour::axis_text), label.c_str());
      last_label_end = lx + w;
    }
  }
  dl->AddText(ImVec2(name_x, a.max.y + 3), colour(Colour::axis_name), x_name);
  dl->AddText(ImVec2(p0.x + 2, p0.y + 1), colour(Colour::axis_name), y_name);
  dl->AddRect(a.min, a.max, colour(Colour::plot_frame));
  return a;
}

// [SECTION] Line charts ----------------------------------------------------------------------

void line_chart(const char* id, const std::vector<Series>& series, ImVec2 size, float y_min, float y_max,
                bool log_y, const char* y_name, const char* x_name) {
  size = resolve_size(size);
  ImGui::PushID(id);
  const ImVec2 p0 = ImGui::GetCursorScreenPos();
  ImGui::InvisibleButton("##chart", size);
  const bool hovered = ImGui::IsItemHovered();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  // Non-positive values have no logarithm: they are left out of a log chart's range and drawn on its floor.
  const auto transform = [&](float v) -> double { return log_y ? (v > 0 ? std::log10(double(v)) : -1e300) : v; };
  size_t n = 0;
  for (const Series& s : series) n = std::max(n, s.values->size());
  AxisRange y{transform(y_min), transform(y_max), log_y};
  if (y_min == y_max) {
    y.lo = 1e300, y.hi = -1e300;
    for (const Series& s : series)
      for (float v : *s.values)
        if (const double t = transform(v); std::isfinite(t) && t > -1e299) y.lo = std::min(y.lo, t), y.hi = std::max(y.hi, t);
    if (y.lo > y.hi) y.lo = 0, y.hi = log_y ? 0 : 1;
    y = nice_range(y, std::max(2, int(plot_area(p0, size).height() / (ImGui::GetTextLineHeight() * 1.8f))));
  }
  const AxisRange x{1, std::max<double>(2, double(n)), false};
  const PlotArea a = draw_plot_axes(p0, size, x, y, x_name, y_name);
  // The legend, right-aligned in the top row, when it fits beside the y name.
  float legend_w = 0;
  for (const Series& s : series) legend_w += *s.label ? ImGui::CalcTextSize(s.label).x + 12 : 0;
  if (legend_w > 0 && legend_w < size.x - ImGui::CalcTextSize(y_name).x - 16) {
    float lx = p0.x + size.x - 6 - legend_w;
    for (const Series& s : series) {
      if (!*s.label) continue;
      dl->AddText(ImVec2(lx, p0.y + 1), s.color, s.label);
      lx += ImGui::CalcTextSize(s.label).x + 12;
    }
  }
  const auto point = [&](size_t i, double t) {
    const float px = n > 1 ? a.min.x + float(i) / float(n - 1) * a.width() : (a.min.x + a.max.x) * 0.5f;
    const float fy = std::clamp(float((t - y.lo) / (y.hi - y.lo)), 0.0f, 1.0f);
    return ImVec2(px, a.max.y - fy * a.height());
  };
  // A NaN or infinite value breaks the line and gets a tick at the top edge:
  // a diverged run stays readable up to the step where it diverged.
  for (const Series& s : series) {
    const std::vector<float>& v = *s.values;
    ImVec2 prev;
    bool have_prev = false;
    for (size_t i = 0; i < v.size(); ++i) {
      const double t = transform(v[i]);
      if (!std::isfinite(v[i])) {
        const float px = point(i, y.hi).x;
        dl->AddLine(ImVec2(px, a.min.y - 2), ImVec2(px, a.min.y + 6), colour(Colour::not_finite), 2.0f);
        have_prev = false;
        continue;
      }
      const ImVec2 p = point(i, std::max(t, y.lo));
      if (have_prev) dl->AddLine(prev, p, s.color, 1.5f);
      else if (v.size() == 1) dl->AddCircleFilled(p, 2.5f, s.color, 8);
      prev = p;
      have_prev = true;
    }
  }
  if (hovered && n > 0) {  // the readout at the epoch under the mouse
    const float mx = ImGui::GetIO().MousePos.x;
    const size_t i = n > 1 ? size_t(std::clamp(std::lround((mx - a.min.x) / a.width() * float(n - 1)), 0L, long(n - 1))) : 0;
    const float px = point(i, y.lo).x;
    dl->AddLine(ImVec2(px, a.min.y), ImVec2(px, a.max.y), colour(Colour::cursor));
    std::string text = std::string(x_name) + " " + std::to_string(i + 1);
    for (size_t k = 0; k < series.size(); ++k) {
      const Series& s = series[k];
      if (i >= s.values->size()) continue;
      const float v = (*s.values)[i];
      if (std::isfinite(v)) dl->AddCircleFilled(point(i, std::max(transform(v), y.lo)), 3.5f, s.color, 10);
      char row[96];
      std::snprintf(row, sizeof row, "\n%s: %.4g", *s.label ? s.label : ("series " + std::to_string(k + 1)).c_str(),
                    double(v));
      text += row;
    }
    ImGui::SetTooltip("%s", text.c_str());
  }
  ImGui::PopID();
}

// [SECTION] Bars and strips ------------------------------------------------------------------

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
  dl->AddRectFilled(p0, p1, colour(Colour::plot_background));
  const float mid = (p0.y + p1.y) * 0.5f, half = size.y * 0.5f - 2;
  dl->AddLine(ImVec2(p0.x, mid), ImVec2(p1.x, mid), colour(Colour::plot_frame));
  if (!std::isfinite(scale) || scale <= 0) scale = 1;
  const std::vector<Column> cols = columns_of(values, count, size.x);
  const float w = size.x / float(cols.size());
  for (size_t i = 0; i < cols.size(); ++i) {
    const float x0 = p0.x + i * w + w * 0.15f, x1 = p0.x + (i + 1) * w - w * 0.15f;
    if (!std::isfinite(cols[i].value)) {  // not a number: a full-height grey bar
      dl->AddRectFilled(ImVec2(x0, mid - half), ImVec2(x1, mid + half), colour(Colour::not_finite));
      continue;
    }
    const float v = std::clamp(cols[i].value / scale, -1.0f, 1.0f);
    dl->AddRectFilled(ImVec2(x0, std::min(mid, mid - v * half)), ImVec2(x1, std::max(mid, mid - v * half)),
                      signed_colour(v >= 0 ? 1.0f : -1.0f));
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
                      signed_colour(cols[i].value / scale));
  if (count > 0 && ImGui::IsItemHovered()) column_tooltip(cols[hovered_column(p0, w, int(cols.size()))], values);
  ImGui::PopID();
}

void probability_bars(const std::vector<float>& p, const std::vector<std::string>& labels, int highlight) {
  for (size_t c = 0; c < p.size(); ++c) {
    ImGui::PushStyleColor(ImGuiCol_PlotHistogram, ImGui::ColorConvertU32ToFloat4(class_colour(int(c))));
    char overlay[96];
    std::snprintf(overlay, sizeof overlay, "%s%s  %.3f", c < labels.size() ? labels[c].c_str() : "?",
                  int(c) == highlight ? " (true)" : "", p[c]);
    ImGui::ProgressBar(std::isfinite(p[c]) ? p[c] : 0.0f, ImVec2(-1, 0), overlay);
    ImGui::PopStyleColor();
  }
}

}  // namespace hqnn::app
