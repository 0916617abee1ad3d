// exact_math: the project's own exp, log, sin and cos.
// - Accuracy in ulps against long-double libm over the ranges the project uses
//   (native x86-64 only: there long double has 64 fraction bits; printed, and
//   bounded below).
// - The same bits in every build: a hash of the results on fixed grids, stored
//   here, must come out the same natively and in WebAssembly (the wasm test run
//   checks it under node).
// - Special values.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <limits>

#include "core/exact_math.hpp"
#include "core/rng.hpp"

using namespace hqnn;

namespace {

template <typename T>
uint64_t bits(T x) {
  if constexpr (sizeof(T) == 8) {
    uint64_t u;
    std::memcpy(&u, &x, 8);
    return u;
  } else {
    uint32_t u;
    std::memcpy(&u, &x, 4);
    return u;
  }
}

// FNV-1a over the results' bits on n points evenly spaced in [lo, hi].
template <typename T, typename F>
uint64_t grid_hash(F f, double lo, double hi, int n) {
  uint64_t h = 1469598103934665603ull;
  for (int i = 0; i < n; ++i) {
    const T x = static_cast<T>(lo + (hi - lo) * (static_cast<double>(i) / static_cast<double>(n - 1)));
    uint64_t v = bits(f(x));
    for (int byte = 0; byte < 8; ++byte) {
      h ^= (v >> (8 * byte)) & 0xff;
      h *= 1099511628211ull;
    }
  }
  return h;
}

#define HASH(T, fn, lo, hi) grid_hash<T>([](T x) { return exact::fn(x); }, lo, hi, 100001)

// Stored from the native build; WebAssembly must give the same bits.
TEST(ExactMath, SameBitsAsTheStoredNativeResultsOnFixedGrids) {
  EXPECT_EQ(HASH(double, exp, -745.2, 709.8), 4653224925124067605ull) << "double exp";
  EXPECT_EQ(HASH(double, exp, -20.0, 20.0), 7271131937478067476ull) << "double exp";
  EXPECT_EQ(HASH(double, log, 1e-300, 1.0), 17064797286873119775ull) << "double log";
  EXPECT_EQ(HASH(double, log, 0.0, 100.0), 13676745808787703470ull) << "double log";
  EXPECT_EQ(HASH(double, sin, -7.0, 7.0), 5051551921155076351ull) << "double sin";
  EXPECT_EQ(HASH(double, cos, -7.0, 7.0), 1339936960454179057ull) << "double cos";
  EXPECT_EQ(HASH(double, sin, -1e9, 1e9), 4261078248875247658ull) << "double sin, large";
  EXPECT_EQ(HASH(double, cos, -1e9, 1e9), 3465401431629829681ull) << "double cos, large";
  EXPECT_EQ(HASH(float, exp, -104.0, 89.0), 10666880611567005191ull) << "float exp";
  EXPECT_EQ(HASH(float, exp, -20.0, 0.0), 6976290950241355124ull) << "float exp";
  EXPECT_EQ(HASH(float, log, 0.0, 100.0), 16958540793002869179ull) << "float log";
  EXPECT_EQ(HASH(float, sin, -7.0, 7.0), 1858886759236614187ull) << "float sin";
  EXPECT_EQ(HASH(float, cos, -1e4, 1e4), 17140073158798825862ull) << "float cos";
}

TEST(ExactMath, SpecialValues) {
  const double inf = std::numeric_limits<double>::infinity(), nan = std::numeric_limits<double>::quiet_NaN();
  const float finf = std::numeric_limits<float>::infinity(), fnan = std::numeric_limits<float>::quiet_NaN();
  EXPECT_EQ(exact::exp(0.0), 1.0);
  EXPECT_EQ(exact::exp(0.0f), 1.0f);
  EXPECT_EQ(exact::exp(inf), inf);
  EXPECT_EQ(exact::exp(-inf), 0.0);
  EXPECT_EQ(exact::exp(1000.0), inf);
  EXPECT_EQ(exact::exp(-1000.0), 0.0);
  EXPECT_EQ(exact::exp(finf), finf);
  EXPECT_EQ(exact::exp(-finf), 0.0f);
  EXPECT_EQ(exact::exp(100.0f), finf);
  EXPECT_EQ(exact::exp(-200.0f), 0.0f);
  EXPECT_TRUE(std::isnan(exact::exp(nan)));
  EXPECT_TRUE(std::isnan(exact::exp(fnan)));
  EXPECT_GT(exact::exp(-745.0), 0.0);    // subnormal, not flushed
  EXPECT_GT(exact::exp(-103.0f), 0.0f);
  EXPECT_EQ(exact::log(1.0), 0.0);
  EXPECT_EQ(exact::log(1.0f), 0.0f);
  EXPECT_EQ(exact::log(0.0), -inf);
  EXPECT_EQ(exact::log(-0.0), -inf);
  EXPECT_EQ(exact::log(inf), inf);
  EXPECT_TRUE(std::isnan(exact::log(-1.0)));
  EXPECT_TRUE(std::isnan(exact::log(nan)));
  EXPECT_TRUE(std::isnan(exact::log(-1.0f)));
  EXPECT_NEAR(exact::log(4.9406564584124654e-324), -744.44007192138126, 1e-12);  // smallest subnormal
  EXPECT_EQ(exact::sin(0.0), 0.0);
  EXPECT_TRUE(std::signbit(exact::sin(-0.0)));
  EXPECT_EQ(exact::cos(0.0), 1.0);
  EXPECT_EQ(exact::cos(0.0f), 1.0f);
  EXPECT_TRUE(std::isnan(exact::sin(inf)));
  EXPECT_TRUE(std::isnan(exact::cos(-inf)));
  EXPECT_TRUE(std::isnan(exact::sin(nan)));
  EXPECT_TRUE(std::isnan(exact::cos(fnan)));
  for (double x : {1e20, -3e300, 1.7976931348623157e308}) {  // exactly reduced mod 2π(double): still a sine
    EXPECT_LE(std::abs(exact::sin(x)), 1.0) << x;
    EXPECT_LE(std::abs(exact::cos(x)), 1.0) << x;
  }
  EXPECT_EQ(exact::pow_int(0.9, 0), 1.0);
  EXPECT_EQ(exact::pow_int(0.9, 1), 0.9);
  EXPECT_EQ(exact::pow_int(0.5, 10), 1.0 / 1024);
  EXPECT_EQ(exact::pow_int(3.0, 13), 1594323.0);
}

TEST(ExactMath, PowIntIsWithinAnUlpOfLibmForAdamsStepCounts) {
  for (double beta : {0.9, 0.999})
    for (uint64_t n : {1ull, 2ull, 7ull, 100ull, 1000ull, 12345ull, 1000000ull}) {
      const double want = std::pow(beta, static_cast<double>(n));
      EXPECT_NEAR(exact::pow_int(beta, n), want, 2 * std::abs(want) * std::numeric_limits<double>::epsilon())
          << beta << "^" << n;
    }
}

#if defined(__x86_64__) && !defined(__EMSCRIPTEN__)
// Largest error in ulps of T over `samples` random points in [lo, hi]
// (log-uniform when `log_uniform`, for ranges over many orders of magnitude).
template <typename T, typename F, typename R>
double max_ulps(F f, R ref, double lo, double hi, bool log_uniform, int samples) {
  Rng rng(11, 0);
  double worst = 0;
  for (int i = 0; i < samples; ++i) {
    const double u = rng.uniform();
    const T x = static_cast<T>(log_uniform ? std::exp(std::log(lo) + (std::log(hi) - std::log(lo)) * u)
                                           : lo + (hi - lo) * u);
    const long double want = ref(static_cast<long double>(x));
    const T got = f(x);
    if (std::isinf(static_cast<T>(want)) || want == 0) continue;
    const int e = std::max(std::ilogb(static_cast<T>(want)), std::numeric_limits<T>::min_exponent - 1);
    const long double ulp = std::ldexp(1.0L, e - (std::numeric_limits<T>::digits - 1));
    worst = std::max(worst, static_cast<double>(std::fabs(static_cast<long double>(got) - want) / ulp));
  }
  return worst;
}

struct Case {
  const char* name;
  double lo, hi;
  bool log_uniform;
  double bound;  // ulps
};

template <typename T, typename F, typename R>
void check_accuracy(const char* fn, F f, R ref, std::initializer_list<Case> cases) {
  for (const Case& c : cases) {
    const double ulps = max_ulps<T>(f, ref, c.lo, c.hi, c.log_uniform, 60000);
    std::printf("%-6s %-5s %-28s max %.3f ulp\n", sizeof(T) == 8 ? "double" : "float", fn, c.name, ulps);
    EXPECT_LE(ulps, c.bound) << fn << " " << c.name;
  }
}

TEST(ExactMath, AccuracyInUlpsOverTheRangesTheProjectUses) {
  const auto exp_l = [](long double x) { return std::exp(x); };
  const auto log_l = [](long double x) { return std::log(x); };
  const auto sin_l = [](long double x) { return std::sin(x); };
  const auto cos_l = [](long double x) { return std::cos(x); };
  check_accuracy<double>("exp", [](double x) { return exact::exp(x); }, exp_l,
                         {{"[-745, 709]", -745, 709, false, 1.0}, {"[-20, 20]", -20, 20, false, 1.0}});
  check_accuracy<double>("log", [](double x) { return exact::log(x); }, log_l,
                         {{"(2^-53, 1] Box-Muller", 0x1p-53, 1, true, 1.0}, {"[1e-300, 1e300]", 1e-300, 1e300, true, 1.0},
                          {"[0.5, 2]", 0.5, 2, false, 1.0}});
  check_accuracy<double>("sin", [](double x) { return exact::sin(x); }, sin_l,
                         {{"[0, 2pi) Box-Muller", 0, 6.283185307179586, false, 1.0}, {"[-1e6, 1e6]", -1e6, 1e6, false, 1.0}});
  check_accuracy<double>("cos", [](double x) { return exact::cos(x); }, cos_l,
                         {{"[0, 2pi) Box-Muller", 0, 6.283185307179586, false, 1.0}, {"[-1e6, 1e6]", -1e6, 1e6, false, 1.0}});
  check_accuracy<float>("exp", [](float x) { return exact::exp(x); }, exp_l,
                        {{"[-103, 0] softmax", -103, 0, false, 1.0}, {"[-103, 88]", -103, 88, false, 1.0}});
  check_accuracy<float>("log", [](float x) { return exact::log(x); }, log_l, {{"[1e-30, 1e30]", 1e-30, 1e30, true, 0.51}});
  check_accuracy<float>("sin", [](float x) { return exact::sin(x); }, sin_l,
                        {{"[-pi, pi] angles", -3.14159265, 3.14159265, false, 0.51}, {"[-1e4, 1e4] attacked", -1e4, 1e4, false, 0.51}});
  check_accuracy<float>("cos", [](float x) { return exact::cos(x); }, cos_l,
                        {{"[-pi, pi] angles", -3.14159265, 3.14159265, false, 0.51}, {"[-1e4, 1e4] attacked", -1e4, 1e4, false, 0.51}});
}
#endif

}  // namespace
