// Bit-for-bit comparisons, for the tests that require identical results: the
// same run twice or resumed, every instruction set against the portable
// kernels, a kernel against the plain loop that sums in its order.
#pragma once

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <string>

#include "core/real.hpp"

namespace hqnn::test {

// The same bits: -0 differs from +0, and NaN equals a NaN of the same payload only.
template <class T>
bool same_bits(T a, T b) {
  return std::memcmp(&a, &b, sizeof a) == 0;
}

// The same bits, or both NaN whatever their payloads (WebAssembly may
// canonicalise NaN payloads, native code keeps them).
inline bool same_bits_or_both_nan(Real a, Real b) { return (std::isnan(a) && std::isnan(b)) || same_bits(a, b); }

inline bool bit_identical(const Matrix& a, const Matrix& b) {
  // An empty matrix may have no storage (data() == nullptr), which memcmp must not be given.
  return a.rows() == b.rows() && a.cols() == b.cols() &&
         (a.size() == 0 || std::memcmp(a.data(), b.data(), sizeof(Real) * size_t(a.size())) == 0);
}

inline Real max_abs_difference(const Matrix& a, const Matrix& b) {
  EXPECT_EQ(a.rows(), b.rows());
  EXPECT_EQ(a.cols(), b.cols());
  return (a - b).cwiseAbs().maxCoeff();
}

// The four results of a layer's forward and backward pass (out, grad_in,
// weight_grad, bias_grad), each bit for bit.
template <class Pass>
void expect_same_pass_bits(const Pass& a, const Pass& b, const std::string& what) {
  EXPECT_TRUE(bit_identical(a.out, b.out)) << what;
  EXPECT_TRUE(bit_identical(a.grad_in, b.grad_in)) << what;
  EXPECT_TRUE(bit_identical(a.weight_grad, b.weight_grad)) << what;
  EXPECT_TRUE(bit_identical(a.bias_grad, b.bias_grad)) << what;
}

}  // namespace hqnn::test
