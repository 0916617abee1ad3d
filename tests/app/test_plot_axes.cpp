// Plot axes: ticks land inside the range on 1-2-5 steps or powers of ten, and
// their labels read as the values.
#include <gtest/gtest.h>

#include <cmath>

#include "plot_axes.hpp"

namespace hqnn::app {
namespace {

bool is_nice_step(double step) {
  const double m = step / std::pow(10.0, std::floor(std::log10(step) + 1e-9));
  return std::fabs(m - 1) < 1e-6 || std::fabs(m - 2) < 1e-6 || std::fabs(m - 5) < 1e-6;
}

TEST(PlotAxes, LinearTicksAreEvenOneTwoFiveStepsInsideTheRange) {
  for (const AxisRange r : {AxisRange{0, 1}, AxisRange{1, 200}, AxisRange{-3.7, 12.2}, AxisRange{4.3, 7.9}}) {
    const std::vector<double> t = axis_ticks(r, 6);
    ASSERT_GE(t.size(), 2u) << r.lo << ".." << r.hi;
    EXPECT_LE(t.size(), 6u + 1);
    for (double v : t) EXPECT_TRUE(v >= r.lo - 1e-9 && v <= r.hi + 1e-9) << v;
    const double step = t[1] - t[0];
    EXPECT_TRUE(is_nice_step(step)) << step;
    for (size_t i = 1; i < t.size(); ++i) EXPECT_NEAR(t[i] - t[i - 1], step, 1e-9 * step);
  }
  EXPECT_EQ(axis_ticks({0, 1}, 5), (std::vector<double>{0, 0.2, 0.4, 0.6000000000000001, 0.8, 1}));
}

TEST(PlotAxes, LogTicksArePowersOfTenOrOneTwoFiveTimesThem) {
  const AxisRange wide{-6, 1, true};  // 1e-6 .. 10: decades
  std::vector<double> t = axis_ticks(wide, 8);
  EXPECT_EQ(t, (std::vector<double>{-6, -5, -4, -3, -2, -1, 0, 1}));
  t = axis_ticks(wide, 4);  // every second decade
  EXPECT_EQ(t, (std::vector<double>{-6, -4, -2, 0}));
  const AxisRange one_decade{-1, 0, true};  // 0.1 .. 1
  t = axis_ticks(one_decade, 6);
  ASSERT_EQ(t.size(), 4u);
  EXPECT_EQ(tick_label(t[0], one_decade), "0.1");
  EXPECT_EQ(tick_label(t[1], one_decade), "0.2");
  EXPECT_EQ(tick_label(t[2], one_decade), "0.5");
  EXPECT_EQ(tick_label(t[3], one_decade), "1");
}

TEST(PlotAxes, NiceRangeFramesTheDataOnTicks) {
  const AxisRange r = nice_range({0.013, 0.87, false}, 5);
  EXPECT_DOUBLE_EQ(r.lo, 0.0);
  EXPECT_DOUBLE_EQ(r.hi, 1.0);
  const AxisRange l = nice_range({std::log10(0.03), std::log10(2.5), true}, 5);  // 0.02 .. 5
  EXPECT_NEAR(l.lo, std::log10(0.02), 1e-12);
  EXPECT_NEAR(l.hi, std::log10(5.0), 1e-12);
  const AxisRange wide = nice_range({std::log10(0.003), std::log10(2.5), true}, 5);  // over two decades: whole ones
  EXPECT_DOUBLE_EQ(wide.lo, -3);
  EXPECT_DOUBLE_EQ(wide.hi, 1);
  const AxisRange flat = nice_range({3, 3, false}, 5);  // a constant series still gets a range around it
  EXPECT_LT(flat.lo, 3);
  EXPECT_GT(flat.hi, 3);
  const AxisRange bad = nice_range({NAN, INFINITY, false}, 5);
  EXPECT_TRUE(std::isfinite(bad.lo) && std::isfinite(bad.hi) && bad.hi > bad.lo);
}

TEST(PlotAxes, LabelsAreShortAndExact) {
  const AxisRange lin{0, 1, false}, lg{-6, 0, true};
  EXPECT_EQ(tick_label(0, lin), "0");
  EXPECT_EQ(tick_label(0.25, lin), "0.25");
  EXPECT_EQ(tick_label(-2, lg), "0.01");
  EXPECT_EQ(tick_label(-4, lg), "1e-4");
  EXPECT_EQ(tick_label(5, lg), "1e5");
  EXPECT_EQ(tick_label(20000, lin), "2e4");
}

}  // namespace
}  // namespace hqnn::app
