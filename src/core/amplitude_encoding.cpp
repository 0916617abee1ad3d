#include "amplitude_encoding.hpp"

#include <cmath>

#include "fixed_order_sums.hpp"

namespace hqnn {

void AmplitudeEncoding::forward(const Matrix& in, Matrix& out) {
  norm_ = row_norms_in_order(in);  // the same order of additions in every build
  out.resize(in.rows(), in.cols());
  const Real uniform = Real(1) / std::sqrt(Real(width_));
  for (Index b = 0; b < in.rows(); ++b) {
    if (norm_(b) > kZeroNorm && std::isfinite(norm_(b))) {
      out.row(b) = in.row(b) / norm_(b);
    } else {
      out.row(b).setConstant(uniform);
      norm_(b) = 0;
    }
  }
  state_ = out;
}

void AmplitudeEncoding::backward(const Matrix& grad_out, Matrix& grad_in) {
  row_dots_in_order(state_, grad_out, overlap_);  // a member: no allocation per step
  const Vector& overlap = overlap_;
  grad_in.resize(grad_out.rows(), grad_out.cols());
  for (Index b = 0; b < grad_out.rows(); ++b) {
    if (norm_(b) > 0)
      grad_in.row(b) = (grad_out.row(b) - overlap(b) * state_.row(b)) / norm_(b);
    else
      grad_in.row(b).setZero();
  }
}

}  // namespace hqnn
