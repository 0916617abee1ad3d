// The SVG line plots of the reports (svg_plot.hpp).
// The command-line tool is native only (no CLI target under Emscripten).
#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "cli/reproduce/svg_plot.hpp"

using namespace hqnn;
using namespace hqnn::cli;

TEST(SvgPlot, SvgPlotBreaksLinesAtNaN) {
  PlotSeries s;
  s.name = "CNN <leaky>";
  s.x = {1, 2, 3, 4};
  s.y = {0.5, 0.4, NAN, 0.3};
  PlotOptions o;
  o.title = "loss";
  const std::string svg = svg_line_plot({s}, o);
  const size_t path = svg.find("<path d=\"");
  ASSERT_NE(path, std::string::npos);
  const std::string d = svg.substr(path, svg.find('"', path + 9) - path);
  size_t moves = 0;
  for (size_t i = d.find(" M"); i != std::string::npos; i = d.find(" M", i + 1)) ++moves;
  EXPECT_EQ(moves, 2u);  // a new segment after the NaN
  EXPECT_NE(svg.find("CNN &lt;leaky&gt;"), std::string::npos);
}

// The map's plots: a dashed chance line, y from 0, a band, ringed points, a
// cross for a NaN point; log-axis tick labels are values, each one distinct.
TEST(SvgPlot, SvgPlotHasChanceLineBandMarkersAndDistinctLogTicks) {
  PlotSeries s;
  s.name = "QDCNN";
  s.x = {-3, -2, -1, 0};
  s.y = {0.9, 0.8, NAN, 0.5};
  s.y_low = {0.85, 0.7, NAN, 0.45};
  s.y_high = {0.95, 0.9, NAN, 0.55};
  s.marked = {false, true, false, false};
  PlotOptions o;
  o.y_from_zero = true;
  o.reference_y = 0.25;
  o.reference_label = "chance";
  o.marker_label = "NaN loss";
  const std::string svg = svg_line_plot({s}, o);
  EXPECT_NE(svg.find("stroke-dasharray"), std::string::npos);
  EXPECT_NE(svg.find(">chance</text>"), std::string::npos);
  EXPECT_NE(svg.find("text-anchor=\"end\">0</text>"), std::string::npos);  // the lowest y tick is 0
  EXPECT_NE(svg.find("fill-opacity"), std::string::npos);
  EXPECT_NE(svg.find("<circle"), std::string::npos);
  EXPECT_NE(svg.find(">NaN loss</text>"), std::string::npos);

  PlotSeries loss;
  loss.name = "loss";
  loss.x = {1, 2};
  loss.y = {0.14, 0.2};  // log10 spans 0.15: one decimal of the exponent gave "1e-0.8" twice
  PlotOptions lo;
  lo.log_y = true;
  const std::string log_svg = svg_line_plot({loss}, lo);
  std::vector<std::string> labels;
  for (size_t i = log_svg.find("text-anchor=\"end\">"); i != std::string::npos;
       i = log_svg.find("text-anchor=\"end\">", i + 1)) {
    const size_t b = i + 18;
    labels.push_back(log_svg.substr(b, log_svg.find('<', b) - b));
  }
  ASSERT_EQ(labels.size(), 5u);
  for (size_t i = 1; i < labels.size(); ++i) EXPECT_NE(labels[i], labels[i - 1]);
  EXPECT_EQ(labels.front(), "0.14");
}
