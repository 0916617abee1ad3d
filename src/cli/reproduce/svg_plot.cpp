#include "svg_plot.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace hqnn::cli {

static std::string escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '<') out += "&lt;";
    else if (c == '>') out += "&gt;";
    else if (c == '&') out += "&amp;";
    else out += c;
  }
  return out;
}

static std::string fmt(const char* f, double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, f, v);
  return buf;
}

std::string svg_line_plot(const std::vector<PlotSeries>& series, const PlotOptions& o) {
  static const char* colours[] = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b"};
  auto value = [&](double y) { return o.log_y ? (y > 0 ? std::log10(y) : NAN) : y; };
  double x0 = INFINITY, x1 = -INFINITY, y0 = INFINITY, y1 = -INFINITY;
  const auto include_y = [&](double y) {
    if (std::isfinite(y)) y0 = std::min(y0, y), y1 = std::max(y1, y);
  };
  for (const auto& s : series)
    for (size_t i = 0; i < s.x.size() && i < s.y.size(); ++i) {
      if (!std::isfinite(s.x[i])) continue;
      x0 = std::min(x0, s.x[i]);
      x1 = std::max(x1, s.x[i]);
      include_y(value(s.y[i]));
      if (i < s.y_low.size() && i < s.y_high.size()) include_y(value(s.y_low[i])), include_y(value(s.y_high[i]));
    }
  include_y(value(o.reference_y));
  if (o.y_from_zero && !o.log_y) include_y(0.0);
  if (!(x0 <= x1)) x0 = 0, x1 = 1;
  if (!(y0 <= y1)) y0 = 0, y1 = 1;
  if (x1 - x0 < 1e-12) x1 = x0 + 1;
  if (y1 - y0 < 1e-12) y0 -= 0.5, y1 += 0.5;
  const double left = 70, right = 150, top = 40, bottom = 50;
  const double pw = o.width - left - right, ph = o.height - top - bottom;
  auto px = [&](double x) { return left + (x - x0) / (x1 - x0) * pw; };
  auto py = [&](double y) { return top + (1 - (y - y0) / (y1 - y0)) * ph; };

  std::string svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + std::to_string(o.width) + "\" height=\"" +
                    std::to_string(o.height) + "\" font-family=\"sans-serif\" font-size=\"12\">\n";
  svg += "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n";
  svg += "<text x=\"" + fmt("%.1f", left) + "\" y=\"22\" font-size=\"14\">" + escape(o.title) + "</text>\n";
  svg += "<rect x=\"" + fmt("%.1f", left) + "\" y=\"" + fmt("%.1f", top) + "\" width=\"" + fmt("%.1f", pw) +
         "\" height=\"" + fmt("%.1f", ph) + "\" fill=\"none\" stroke=\"#444\"/>\n";
  for (int t = 0; t <= 4; ++t) {
    const double yv = y0 + (y1 - y0) * t / 4, xv = x0 + (x1 - x0) * t / 4;
    // on a log axis the value itself, 3 significant digits: "1e-0.8" rounded two ticks to one label
    const std::string ylab = fmt("%.3g", o.log_y ? std::pow(10.0, yv) : yv);
    svg += "<text x=\"" + fmt("%.1f", left - 6) + "\" y=\"" + fmt("%.1f", py(yv) + 4) + "\" text-anchor=\"end\">" + ylab +
           "</text>\n";
    svg += "<line x1=\"" + fmt("%.1f", left) + "\" x2=\"" + fmt("%.1f", left + pw) + "\" y1=\"" + fmt("%.1f", py(yv)) +
           "\" y2=\"" + fmt("%.1f", py(yv)) + "\" stroke=\"#ddd\"/>\n";
    svg += "<text x=\"" + fmt("%.1f", px(xv)) + "\" y=\"" + fmt("%.1f", top + ph + 16) + "\" text-anchor=\"middle\">" +
           fmt("%.3g", xv) + "</text>\n";
  }
  svg += "<text x=\"" + fmt("%.1f", left + pw / 2) + "\" y=\"" + fmt("%.1f", o.height - 12.0) +
         "\" text-anchor=\"middle\">" + escape(o.x_label) + "</text>\n";
  svg += "<text transform=\"translate(16," + fmt("%.1f", top + ph / 2) + ") rotate(-90)\" text-anchor=\"middle\">" +
         escape(o.log_y ? o.y_label + " (log scale)" : o.y_label) + "</text>\n";
  for (size_t k = 0; k < series.size(); ++k) {  // bands first, under every line
    const auto& s = series[k];
    std::string upper, lower;
    for (size_t i = 0; i < s.x.size() && i < s.y_low.size() && i < s.y_high.size(); ++i) {
      const double lo = value(s.y_low[i]), hi = value(s.y_high[i]);
      if (!std::isfinite(lo) || !std::isfinite(hi)) continue;
      upper += (upper.empty() ? "M" : " L") + fmt("%.1f", px(s.x[i])) + "," + fmt("%.1f", py(hi));
      lower = " L" + fmt("%.1f", px(s.x[i])) + "," + fmt("%.1f", py(lo)) + lower;
    }
    if (!upper.empty())
      svg += "<path d=\"" + upper + lower + " Z\" fill=\"" + colours[k % 6] + "\" fill-opacity=\"0.15\" stroke=\"none\"/>\n";
  }
  double legend_y = top + 14;
  const auto legend_line = [&](const std::string& stroke, const char* dash, const std::string& label) {
    svg += "<line x1=\"" + fmt("%.1f", left + pw + 10) + "\" x2=\"" + fmt("%.1f", left + pw + 30) + "\" y1=\"" +
           fmt("%.1f", legend_y - 4) + "\" y2=\"" + fmt("%.1f", legend_y - 4) + "\" stroke=\"" + stroke +
           "\" stroke-width=\"2\"" + dash + "/>\n";
    svg += "<text x=\"" + fmt("%.1f", left + pw + 34) + "\" y=\"" + fmt("%.1f", legend_y) + "\">" + escape(label) + "</text>\n";
    legend_y += 18;
  };
  if (std::isfinite(value(o.reference_y))) {
    const double ry = py(value(o.reference_y));
    svg += "<line x1=\"" + fmt("%.1f", left) + "\" x2=\"" + fmt("%.1f", left + pw) + "\" y1=\"" + fmt("%.1f", ry) +
           "\" y2=\"" + fmt("%.1f", ry) + "\" stroke=\"#666\" stroke-dasharray=\"6,4\"/>\n";
    legend_line("#666", " stroke-dasharray=\"6,4\"", o.reference_label);
  }
  for (size_t k = 0; k < series.size(); ++k) {
    const auto& s = series[k];
    const char* colour = colours[k % 6];
    std::string path;
    bool pen_down = false;
    for (size_t i = 0; i < s.x.size() && i < s.y.size(); ++i) {
      const double y = value(s.y[i]);
      if (!std::isfinite(y)) {
        pen_down = false;
        continue;
      }
      path += (pen_down ? " L" : " M") + fmt("%.1f", px(s.x[i])) + "," + fmt("%.1f", py(y));
      pen_down = true;
    }
    if (!path.empty())
      svg += "<path d=\"" + path + "\" fill=\"none\" stroke=\"" + colour + "\" stroke-width=\"2\"/>\n";
    for (size_t i = 0; i < s.x.size() && i < s.y.size(); ++i) {
      const double y = value(s.y[i]);
      if (!std::isfinite(s.x[i])) continue;
      if (!std::isfinite(y)) {  // a NaN point: a cross on the bottom axis
        const double cx = px(s.x[i]), cy = top + ph;
        svg += "<path d=\"M" + fmt("%.1f", cx - 4) + "," + fmt("%.1f", cy - 4) + " L" + fmt("%.1f", cx + 4) + "," +
               fmt("%.1f", cy + 4) + " M" + fmt("%.1f", cx - 4) + "," + fmt("%.1f", cy + 4) + " L" + fmt("%.1f", cx + 4) +
               "," + fmt("%.1f", cy - 4) + "\" stroke=\"" + colour + "\" stroke-width=\"2\"/>\n";
      } else if (i < s.marked.size() && s.marked[i]) {
        svg += "<circle cx=\"" + fmt("%.1f", px(s.x[i])) + "\" cy=\"" + fmt("%.1f", py(y)) + "\" r=\"5\" fill=\"white\" stroke=\"" +
               colour + "\" stroke-width=\"2\"/>\n";
      }
    }
    legend_line(colour, "", s.name);
  }
  if (!o.marker_label.empty()) {
    svg += "<circle cx=\"" + fmt("%.1f", left + pw + 20) + "\" cy=\"" + fmt("%.1f", legend_y - 4) +
           "\" r=\"5\" fill=\"white\" stroke=\"#444\" stroke-width=\"2\"/>\n";
    svg += "<text x=\"" + fmt("%.1f", left + pw + 34) + "\" y=\"" + fmt("%.1f", legend_y) + "\">" + escape(o.marker_label) +
           "</text>\n";
  }
  svg += "</svg>\n";
  return svg;
}

}  // namespace hqnn::cli
