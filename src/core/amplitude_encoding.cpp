#include "amplitude_encoding.hpp"

#include <cmath>

#include "fixed_order_sums.hpp"

namespace hqnn {

// Both passes walk the block column by column (each amplitude is a contiguous
// run over the batch): a loop over samples that strides across the columns
// touches one element per column at a stride of the batch size, and a
// power-of-two batch maps all of them to the same cache sets (a batch of 4096
// was 4x slower per sample than one of 4112). Each element gets the same
// operation as before, so the results are unchanged bit for bit.
void AmplitudeEncoding::forward(const Matrix& in, Matrix& out) {
  // The same order of additions in every build, into a kept vector (no allocation per step).
  row_dots_in_order(in, in, norm_);
  for (Index b = 0; b < norm_.size(); ++b) norm_(b) = std::sqrt(norm_(b));
  const Index batch = in.rows();
  out.resize(batch, in.cols());
  const Real uniform = Real(1) / std::sqrt(Real(width_));
  // Divisors: the norm, or 1 for a sample encoded as the uniform state (norm_ 0),
  // so that the column loops divide unconditionally (vectorised); those samples
  // are overwritten afterwards.
  divisor_.resize(batch);
  uniform_rows_.clear();
  for (Index b = 0; b < batch; ++b) {
    if (norm_(b) > kZeroNorm && std::isfinite(norm_(b))) {
      divisor_(b) = norm_(b);
    } else {
      norm_(b) = 0;
      divisor_(b) = 1;
      uniform_rows_.push_back(b);
    }
  }
  const Real* d = divisor_.data();
  for (Index c = 0; c < in.cols(); ++c) {
    const Real* x = in.col(c).data();
    Real* y = out.col(c).data();
    for (Index b = 0; b < batch; ++b) y[b] = x[b] / d[b];
  }
  for (Index b : uniform_rows_) out.row(b).setConstant(uniform);
  state_ = out;
}

void AmplitudeEncoding::backward(const Matrix& grad_out, Matrix& grad_in) {
  row_dots_in_order(state_, grad_out, overlap_);  // a member: no allocation per step
  const Index batch = grad_out.rows();
  grad_in.resize(batch, grad_out.cols());
  const Real *d = divisor_.data(), *dot = overlap_.data();
  for (Index c = 0; c < grad_out.cols(); ++c) {
    const Real *g = grad_out.col(c).data(), *psi = state_.col(c).data();
    Real* dx = grad_in.col(c).data();
    for (Index b = 0; b < batch; ++b) dx[b] = (g[b] - dot[b] * psi[b]) / d[b];
  }
  for (Index b : uniform_rows_) grad_in.row(b).setZero();
}

}  // namespace hqnn
