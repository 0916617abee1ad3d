#include "conv2d.hpp"

#include <algorithm>
#include <cmath>

#include "core/kernels/conv2d_kernels.hpp"
#include "input_error.hpp"
#include "rng.hpp"

namespace hqnn {

Conv2d::Conv2d(std::string name, const Conv2dShape& shape, Rng& rng) : name_(std::move(name)), shape_(shape) {
  const Conv2dShape& s = shape_;
  if (s.in_channels < 1 || s.out_channels < 1 || s.height < 1 || s.width < 1 || s.kernel < 1 || s.padding < 0 ||
      s.stride < 1)
    throw InputError(name_ + ": convolution sizes must be positive (padding may be 0)");
  if (s.kernel > s.height + 2 * s.padding || s.kernel > s.width + 2 * s.padding)
    throw InputError(name_ + ": kernel " + std::to_string(s.kernel) + " is larger than the padded " +
                     std::to_string(s.height) + "x" + std::to_string(s.width) + " input");
  const Index taps = Index(s.in_channels) * s.kernel * s.kernel;
  weight.resize(s.out_channels, taps);
  bias.resize(s.out_channels);
  const double bound = 1.0 / std::sqrt(static_cast<double>(taps));
  for (Index o = 0; o < weight.rows(); ++o)
    for (Index t = 0; t < taps; ++t) weight(o, t) = static_cast<Real>(rng.uniform(-bound, bound));
  for (Index o = 0; o < bias.size(); ++o) bias(o) = static_cast<Real>(rng.uniform(-bound, bound));
  weight_grad = WeightMatrix::Zero(s.out_channels, taps);
  bias_grad = Vector::Zero(s.out_channels);
}

Index Conv2d::input_width() const { return Index(shape_.in_channels) * shape_.height * shape_.width; }

Index Conv2d::output_width() const {
  return Index(shape_.out_channels) * shape_.out_height() * shape_.out_width();
}

void Conv2d::gather_patches(const Matrix& in) {
  const Conv2dShape& s = shape_;
  const int oh = s.out_height(), ow = s.out_width(), k = s.kernel;
  const Index pixels = Index(oh) * ow;
  batch_ = in.rows();
  patches_.resize(batch_ * pixels, weight.cols());
  for (int c = 0; c < s.in_channels; ++c)
    for (int i = 0; i < k; ++i)
      for (int j = 0; j < k; ++j) {
        Real* dst = patches_.col((Index(c) * k + i) * k + j).data();
        for (int y = 0; y < oh; ++y) {
          const int iy = y * s.stride + i - s.padding;
          for (int x = 0; x < ow; ++x, dst += batch_) {
            const int ix = x * s.stride + j - s.padding;
            if (iy < 0 || iy >= s.height || ix < 0 || ix >= s.width) {
              std::fill(dst, dst + batch_, Real(0));
            } else {
              const Real* src = in.col((Index(c) * s.height + iy) * s.width + ix).data();
              std::copy(src, src + batch_, dst);
            }
          }
        }
      }
}

namespace {

struct ConvKernels {
  decltype(&conv_portable::forward) forward;
  decltype(&conv_portable::backward_input) backward_input;
  decltype(&conv_portable::backward_weight) backward_weight;
};

ConvKernels kernels_for(SimdIsa isa) {
  switch (isa) {
#ifdef HQNN_X86_KERNELS
    case SimdIsa::avx512: return {conv_avx512::forward, conv_avx512::backward_input, conv_avx512::backward_weight};
    case SimdIsa::avx2: return {conv_avx2::forward, conv_avx2::backward_input, conv_avx2::backward_weight};
#endif
    default: return {conv_portable::forward, conv_portable::backward_input, conv_portable::backward_weight};
  }
}

Index padded_batch(Index batch) { return (batch + kConvBatchMultiple - 1) / kConvBatchMultiple * kConvBatchMultiple; }

// `m` itself when its rows are already a multiple of 16, else a zero-padded copy in `storage`.
const Matrix& padded_rows(const Matrix& m, Matrix& storage) {
  const Index rows = padded_batch(m.rows());
  if (rows == m.rows()) return m;
  storage.setZero(rows, m.cols());
  storage.topRows(m.rows()) = m;
  return storage;
}

}  // namespace

// Zero samples pad the batch to a multiple of 16: they add exactly 0 to the
// weight and bias sums, and their outputs are dropped.
void Conv2d::forward(const Matrix& in, Matrix& out) {
  if (reference_) return forward_reference(in, out);
  batch_ = in.rows();
  const Index rows = padded_batch(batch_);
  input_.resize(rows, in.cols());
  input_.topRows(batch_) = in;
  input_.bottomRows(rows - batch_).setZero();
  Matrix& result = rows == batch_ ? out : padded_;
  result.resize(rows, output_width());
  kernels_for(isa_).forward(shape_, input_.data(), rows, weight.data(), bias.data(), result.data());
  if (rows != batch_) out = padded_.topRows(batch_);
}

void Conv2d::backward(const Matrix& grad_out, Matrix& grad_in) {
  if (reference_) return backward_reference(grad_out, grad_in);
  const ConvKernels k = kernels_for(isa_);
  const Index rows = input_.rows();
  Matrix padded_grad;
  const Matrix& g = padded_rows(grad_out, padded_grad);
  k.backward_weight(shape_, input_.data(), g.data(), rows, weight_grad.data(), bias_grad.data());
  if (!input_gradient_) {
    grad_in.resize(0, 0);
    return;
  }
  Matrix& result = rows == batch_ ? grad_in : padded_;
  result.resize(rows, input_width());
  k.backward_input(shape_, g.data(), rows, weight.data(), result.data());
  if (rows != batch_) grad_in = padded_.topRows(batch_);
}

void Conv2d::forward_reference(const Matrix& in, Matrix& out) {
  gather_patches(in);
  const Index rows = patches_.rows();
  out.resize(batch_, output_width());
  // Column o of this view is output channel o for every (pixel, sample): the
  // memory of the batch x (C_out·H_out·W_out) output.
  Eigen::Map<Matrix> out_view(out.data(), rows, shape_.out_channels);
  out_view.noalias() = patches_ * weight.transpose();
  out_view.rowwise() += bias.transpose();
}

void Conv2d::backward_reference(const Matrix& grad_out, Matrix& grad_in) {
  const Conv2dShape& s = shape_;
  const Index rows = patches_.rows();
  Eigen::Map<const Matrix> g(grad_out.data(), rows, s.out_channels);
  weight_grad.noalias() = g.transpose() * patches_;
  bias_grad = g.colwise().sum().transpose();
  if (!input_gradient_) {
    grad_in.resize(0, 0);
    return;
  }
  grad_patches_.noalias() = g * weight;

  // col2im: the transpose of gather_patches, adding each tap's gradient back
  // onto the input pixel it was copied from.
  const int oh = s.out_height(), ow = s.out_width(), k = s.kernel;
  grad_in.setZero(batch_, input_width());
  for (int c = 0; c < s.in_channels; ++c)
    for (int i = 0; i < k; ++i)
      for (int j = 0; j < k; ++j) {
        const Real* src = grad_patches_.col((Index(c) * k + i) * k + j).data();
        for (int y = 0; y < oh; ++y) {
          const int iy = y * s.stride + i - s.padding;
          for (int x = 0; x < ow; ++x, src += batch_) {
            const int ix = x * s.stride + j - s.padding;
            if (iy < 0 || iy >= s.height || ix < 0 || ix >= s.width) continue;
            Real* dst = grad_in.col((Index(c) * s.height + iy) * s.width + ix).data();
#pragma omp simd
            for (Index b = 0; b < batch_; ++b) dst[b] += src[b];
          }
        }
      }
}

std::vector<ParamBlock> Conv2d::params() {
  return {{name_ + ".weight", ParamKind::weight, weight.data(), weight_grad.data(), weight.size()},
          {name_ + ".bias", ParamKind::bias, bias.data(), bias_grad.data(), bias.size()}};
}

}  // namespace hqnn
