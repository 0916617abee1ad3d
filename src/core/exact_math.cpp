// See exact_math.hpp. This file is compiled with -ffp-contract=off (CMakeLists.txt):
// every a * b + c below is two roundings on every platform.
#include "exact_math.hpp"

#include <cmath>
#include <cstring>
#include <limits>

namespace hqnn::exact {

namespace {

uint64_t bits_of(double x) {
  uint64_t u;
  std::memcpy(&u, &x, sizeof u);
  return u;
}

double double_of(uint64_t u) {
  double x;
  std::memcpy(&x, &u, sizeof x);
  return x;
}

// 2^k for -1022 <= k <= 1023, exactly.
double two_to(int k) { return double_of(static_cast<uint64_t>(k + 1023) << 52); }

// y · 2^k for a y in [0.5, 2] and -1100 < k < 1100, rounded once: the first
// factor keeps the product normal, so only the last product can round.
double scale(double y, int k) {
  if (k > 1000) return y * two_to(1000) * two_to(k - 1000);
  if (k < -1000) return y * two_to(k + 1000) * two_to(-1000);
  return y * two_to(k);
}

// Round to the nearest integer, ties to even, for |x| < 2^51: adding and
// subtracting 1.5 · 2^52 leaves no fraction bits (IEEE addition rounds to even).
double round_to_integer(double x) {
  constexpr double kShift = 0x1.8p52;
  return (x + kShift) - kShift;  // not folded: no -ffast-math
}

constexpr double kLn2Hi = 6.93147180369123816490e-01;  // ln 2 to 32 bits: k · kLn2Hi is exact
constexpr double kLn2Lo = 1.90821492927058770002e-10;  // ln 2 − kLn2Hi
constexpr double kInvLn2 = 1.44269504088896338700e+00;

// a + b = s + e exactly (Knuth's TwoSum, any magnitudes).
void two_sum(double a, double b, double& s, double& e) {
  s = a + b;
  const double bb = s - a;
  e = (a - (s - bb)) + (b - bb);
}

// a · b = p + e exactly (Dekker's product with Veltkamp's split; |a|, |b| < 2^996).
void two_product(double a, double b, double& p, double& e) {
  constexpr double kSplit = 134217729.0;  // 2^27 + 1
  const double ca = kSplit * a, ah = ca - (ca - a), al = a - ah;
  const double cb = kSplit * b, bh = cb - (cb - b), bl = b - bh;
  p = a * b;
  e = ((ah * bh - p) + ah * bl + al * bh) + al * bl;
}

// sin and cos of r = x + y, |r| <= π/4, y a tail below half an ulp of x
// (fdlibm's __kernel_sin / __kernel_cos).
double sin_kernel(double x, double y) {
  constexpr double S1 = -1.66666666666666324348e-01, S2 = 8.33333333332248946124e-03,
                   S3 = -1.98412698298579493134e-04, S4 = 2.75573137070700676789e-06,
                   S5 = -2.50507602534068634195e-08, S6 = 1.58969099521155010221e-10;
  const double z = x * x, v = z * x;
  const double r = S2 + z * (S3 + z * (S4 + z * (S5 + z * S6)));
  return x - ((z * (0.5 * y - v * r) - y) - v * S1);
}

double cos_kernel(double x, double y) {
  constexpr double C1 = 4.16666666666666019037e-02, C2 = -1.38888888888741095749e-03,
                   C3 = 2.48015872894767294178e-05, C4 = -2.75573143513906633035e-07,
                   C5 = 2.08757232129817482790e-09, C6 = -1.13596475577881948265e-11;
  const double z = x * x;
  const double r = z * (C1 + z * (C2 + z * (C3 + z * (C4 + z * (C5 + z * C6)))));
  const double hz = 0.5 * z, w = 1.0 - hz;
  return w + (((1.0 - w) - hz) + (z * r - x * y));
}

// x = k · π/2 + (r + tail) with |r| <= π/4 (a little more from rounding);
// returns k mod 4. π/2 in four parts: the first three have 27 bits, so
// k · part is exact for |k| < 2^26; the subtractions are carried in
// double-double (TwoSum), so r + tail is x − k·π/2 to about 2^-100 relative.
int reduce_half_pi(double x, double& r, double& tail) {
  constexpr double kPio2_1 = 0x1.921fb54p+0, kPio2_2 = 0x1.10b461p-30, kPio2_3 = 0x1.a62633p-58,
                   kPio2_4 = 0x1.45c06e0e68948p-86;
  constexpr double kTwoOverPi = 0x1.45f306dc9c883p-1;
  constexpr double kTwoPi = 0x1.921fb54442d18p+2;  // 2π rounded to double
  if (std::fabs(x) > 0x1p26) x = std::fmod(x, kTwoPi);  // exact remainder (see the header)
  const double k = round_to_integer(x * kTwoOverPi);
  const double a = x - k * kPio2_1;  // exact (Sterbenz)
  double s1, e1, s2, e2;
  two_sum(a, -(k * kPio2_2), s1, e1);
  two_sum(s1, -(k * kPio2_3), s2, e2);
  const double low = (e1 + e2) - k * kPio2_4;
  two_sum(s2, low, r, tail);
  return static_cast<int>(static_cast<int64_t>(k) & 3);
}

}  // namespace

double exp(double x) {
  if (x != x) return x;
  if (x > 709.782712893383973096) return std::numeric_limits<double>::infinity();
  if (x < -745.13321910194110842) return 0.0;
  // x = k ln2 + r, |r| <= ln2 / 2; exp(r) = 1 + r + r·c / (2 − c) (fdlibm's e_exp.c).
  constexpr double P1 = 1.66666666666666019037e-01, P2 = -2.77777777770155933842e-03,
                   P3 = 6.61375632143793436117e-05, P4 = -1.65339022054652515390e-06,
                   P5 = 4.13813679705723846039e-08;
  const double k = round_to_integer(x * kInvLn2);
  const double hi = x - k * kLn2Hi, lo = k * kLn2Lo;
  const double r = hi - lo;
  const double t = r * r;
  const double c = r - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
  const double y = 1.0 - ((lo - (r * c) / (2.0 - c)) - hi);
  return scale(y, static_cast<int>(k));
}

double log(double x) {
  if (x != x) return x;
  if (x < 0) return std::numeric_limits<double>::quiet_NaN();
  if (x == 0) return -std::numeric_limits<double>::infinity();
  if (x == std::numeric_limits<double>::infinity()) return x;
  int k = 0;
  if (x < 0x1p-1022) {  // subnormal: make it normal, exactly
    x *= 0x1p54;
    k = -54;
  }
  // x = 2^k · m with sqrt(1/2) < m <= sqrt(2), f = m − 1 (exact: Sterbenz).
  const uint64_t u = bits_of(x);
  k += static_cast<int>((u >> 52) & 0x7ff) - 1023;
  double m = double_of((u & 0x000fffffffffffffull) | 0x3ff0000000000000ull);  // [1, 2)
  if (m > 1.41421356237309504880) {
    m *= 0.5;
    k += 1;
  }
  const double f = m - 1.0;
  // log(1 + f) = f − f²/2 + s·(f²/2 + R(s²)), s = f / (2 + f) (fdlibm's e_log.c).
  constexpr double Lg1 = 6.666666666666735130e-01, Lg2 = 3.999999999940941908e-01,
                   Lg3 = 2.857142874366239149e-01, Lg4 = 2.222219843214978396e-01,
                   Lg5 = 1.818357216161805012e-01, Lg6 = 1.531383769920937332e-01,
                   Lg7 = 1.479819860511658591e-01;
  const double s = f / (2.0 + f);
  const double z = s * s, w = z * z;
  const double t1 = w * (Lg2 + w * (Lg4 + w * Lg6));
  const double t2 = z * (Lg1 + w * (Lg3 + w * (Lg5 + w * Lg7)));
  const double R = t2 + t1;
  const double hfsq = 0.5 * f * f;
  const double dk = static_cast<double>(k);
  return dk * kLn2Hi - ((hfsq - (s * (hfsq + R) + dk * kLn2Lo)) - f);
}

double sin(double x) {
  if (!(std::fabs(x) <= std::numeric_limits<double>::max())) return x - x;  // NaN for ±inf and NaN
  if (std::fabs(x) < 0x1p-27) return x;  // sin x = x − x³/6 rounds to x
  double r, tail;
  switch (reduce_half_pi(x, r, tail)) {
    case 0: return sin_kernel(r, tail);
    case 1: return cos_kernel(r, tail);
    case 2: return -sin_kernel(r, tail);
    default: return -cos_kernel(r, tail);
  }
}

double cos(double x) {
  if (!(std::fabs(x) <= std::numeric_limits<double>::max())) return x - x;
  double r, tail;
  switch (reduce_half_pi(x, r, tail)) {
    case 0: return cos_kernel(r, tail);
    case 1: return -sin_kernel(r, tail);
    case 2: return -cos_kernel(r, tail);
    default: return sin_kernel(r, tail);
  }
}

namespace {
// e^x / 2^n for x = n ln2 + r (Cephes' expf): ln 2 = C1 − C2 with C1 of 9 bits, so
// n · C1 is exact; a degree-7 polynomial in r. Both float paths below share it.
float exp_of_remainder(float x, float n) {
  constexpr float C1 = 0.693359375f, C2 = -2.12194440e-4f;
  const float r = (x - n * C1) - n * C2;
  const float r2 = r * r;
  float p = 1.9875691500e-4f;
  p = p * r + 1.3981999507e-3f;
  p = p * r + 8.3334519073e-3f;
  p = p * r + 4.1665795894e-2f;
  p = p * r + 1.6666665459e-1f;
  p = p * r + 5.0000001201e-1f;
  return (p * r2 + r) + 1.0f;
}

// Every float argument (the fast path below covers those with a normal power 2^n).
float exp_any(float x) {
  if (x != x) return x;
  if (x > 88.72283935546875f) return std::numeric_limits<float>::infinity();
  if (x < -103.972084045410f) return 0.0f;
  // x = n ln2 + r in float, n from the double product rounded to an integer.
  constexpr float kLog2e = 1.44269504088896341f;
  const float n = static_cast<float>(round_to_integer(static_cast<double>(x * kLog2e)));
  const float y = exp_of_remainder(x, n);
  // y · 2^n in double is exact (y has 24 bits); one rounding to float, subnormals included.
  return static_cast<float>(scale(static_cast<double>(y), static_cast<int>(n)));
}
}  // namespace

// For -87.33 < x < 88.37 the same operations stay in float: n = round(x·log2 e)
// by the 1.5·2^23 shift (ties to even, as above) lies in [-126, 127], 2^n is a
// normal float, and y·2^n rounds once, as the double product rounded to float
// does. So both paths give the same bits; this one is the common case (softmax).
float exp(float x) {
  if (!(x > -87.33f && x < 88.37f)) return exp_any(x);
  constexpr float kLog2e = 1.44269504088896341f, kShift = 0x1.8p23f;
  const float n = (x * kLog2e + kShift) - kShift;
  const float y = exp_of_remainder(x, n);
  const uint32_t bits = static_cast<uint32_t>(static_cast<int>(n) + 127) << 23;
  float two_n;
  std::memcpy(&two_n, &bits, sizeof two_n);
  return y * two_n;
}

float log(float x) { return static_cast<float>(log(static_cast<double>(x))); }
float sin(float x) { return static_cast<float>(sin(static_cast<double>(x))); }
float cos(float x) { return static_cast<float>(cos(static_cast<double>(x))); }

// Binary powering in double-double: result and power carry a tail, so the
// roundings of the ~2·log2(n) products stay near 2^-100 and the final sum
// rounds once to double.
double pow_int(double base, uint64_t n) {
  const auto multiply = [](double ah, double al, double bh, double bl, double& h, double& l) {
    double p, e;
    two_product(ah, bh, p, e);
    e += ah * bl + al * bh;
    h = p + e;
    l = e - (h - p);
  };
  double rh = 1.0, rl = 0.0, ph = base, pl = 0.0;
  while (n) {
    if (n & 1) multiply(rh, rl, ph, pl, rh, rl);
    n >>= 1;
    if (n) multiply(ph, pl, ph, pl, ph, pl);
  }
  return rh + rl;
}

}  // namespace hqnn::exact
