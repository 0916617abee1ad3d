// The complexity table's timings (complexity.hpp); the dense method's gradient is
// checked against the kernel in tests/core/test_givens_chain.cpp.
// The command-line tool is native only (no CLI target under Emscripten).
#include <gtest/gtest.h>

#include <cmath>

#include "cli/reproduce/complexity.hpp"

using namespace hqnn;
using namespace hqnn::cli;

// The complexity table times the kernel at every width and the dense method up to its limit.
TEST(ComplexityTable, ComplexityTimesTheDenseMethodUpToItsLimit) {
  const auto points = measure_complexity({4, 8}, 4, 4, 0.0);
  ASSERT_EQ(points.size(), 2u);
  EXPECT_GT(points[0].kernel_seconds, 0);
  EXPECT_GT(points[1].kernel_seconds, 0);
  EXPECT_GT(points[0].dense_seconds, 0);
  EXPECT_TRUE(std::isnan(points[1].dense_seconds));  // above the dense limit
}
