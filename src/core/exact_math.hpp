// The project's own exp, log, sin and cos: the same bits on every platform.
//
// The C libraries differ: glibc (native) and musl (WebAssembly) round exp, log,
// sin and cos differently, and glibc itself picks FMA or non-FMA variants by
// CPU. A seeded run draws its normals (Box–Muller: log, sin, cos), its gate
// angles' cos / sin and its softmax's exp through these functions instead, so
// the native builds (SSE2, AVX2, AVX-512 machines) and WebAssembly train the
// same run to the same bits.
//
// Each is a fixed sequence of IEEE-754 operations (+ − × ÷, conversions,
// exact scalings by powers of two, and std::fmod, which is exact), compiled
// with -ffp-contract=off (no fused multiply-adds) and no -ffast-math:
//   double: exp (Cody–Waite reduction by ln 2, fdlibm's rational form), log
//           (fdlibm's series in s = f / (2 + f)), sin / cos (reduction by π/2
//           in four parts carried in double-double, fdlibm's kernels);
//   float:  exp in float arithmetic (Cephes' polynomial); log, sin and cos
//           are the double functions rounded to float.
// Accuracy (ulps of the result against long-double libm, measured by
// tests/core/test_exact_math.cpp and bench/bench_exact_math.cpp; see the
// README's Speed section): below 1 ulp over the ranges the project uses.
// sin / cos are accurate for |x| < 2^26 ≈ 6.7e7; beyond, the argument is first
// reduced exactly modulo 2π rounded to double (deterministic, within [-1, 1],
// but not the true sine of such an x).
// Special values: exp(NaN) = NaN, exp(+inf) = +inf, exp(-inf) = 0; log of a
// negative number or NaN is NaN, log(±0) = -inf, log(+inf) = +inf; sin / cos
// of ±inf or NaN are NaN.
#pragma once

#include <cstdint>

namespace hqnn::exact {

double exp(double x);
double log(double x);
double sin(double x);
double cos(double x);

float exp(float x);
float log(float x);
float sin(float x);
float cos(float x);

// base^n (Adam's bias corrections β^t) by binary powering in double-double:
// within 1 ulp for |base| <= 1 (tested against libm's pow).
double pow_int(double base, uint64_t n);

}  // namespace hqnn::exact
