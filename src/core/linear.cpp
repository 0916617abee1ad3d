#include "linear.hpp"

#include <cmath>

#include "core/kernels/cache_sets.hpp"
#include "core/kernels/linear_kernels.hpp"
#include "rng.hpp"

namespace hqnn {

Linear::Linear(std::string name, Index in, Index out, Rng& rng) : name_(std::move(name)) {
  weight.resize(out, in);
  const double bound = 1.0 / std::sqrt(static_cast<double>(in));
  for (Index c = 0; c < in; ++c)
    for (Index r = 0; r < out; ++r) weight(r, c) = static_cast<Real>(rng.uniform(-bound, bound));
  bias = RowVector::Zero(out);
  weight_grad = Matrix::Zero(out, in);
  bias_grad = RowVector::Zero(out);
}

namespace {

struct LinearKernels {
  decltype(&linear_portable::product) product;
  decltype(&linear_portable::bias_gradient) bias_gradient;
};

LinearKernels kernels_for(SimdIsa isa) {
  switch (isa) {
#ifdef HQNN_X86_KERNELS
    case SimdIsa::avx512: return {linear_avx512::product, linear_avx512::bias_gradient};
    case SimdIsa::avx2: return {linear_avx2::product, linear_avx2::bias_gradient};
#endif
    default: return {linear_portable::product, linear_portable::bias_gradient};
  }
}

}  // namespace

const Matrix& Linear::effective_weight() {
  if (weight_offset.size() == 0) return weight;
  attacked_weight_ = weight + weight_offset;
  return attacked_weight_;
}

// out(:, o) = b(o) + Σ_i in(:, i) · W(o, i): W(o, i) sits at o + i·out.
// The input is kept for backward(). A batch at a stride that shares cache
// sets (a power-of-two batch, kernels/cache_sets.hpp) is kept one cache line
// further apart per feature, and the product reads that copy (copying and
// multiplying block by block was measured slower). Every output is its own
// sum in a fixed order: the same bits at either stride.
void Linear::forward(const Matrix& in, Matrix& out) {
  if (reference_) return forward_reference(in, out);
  const Index batch = in.rows(), depth = in.cols(), ld = padding_ ? padded_stride(batch) : batch;
  if (ld == batch) {
    input_ = in;
  } else {
    input_.resize(ld, depth);  // rows batch.. are never read
    input_.topRows(batch) = in;
  }
  const Matrix& w = effective_weight();
  out.resize(batch, output_width());
  const Real* a = ld == batch ? in.data() : input_.data();
  kernels_for(isa_).product(a, ld, batch, depth, w.data(), w.rows(), 1, bias.data(), w.rows(), out.data(), batch);
}

// weight_grad(:, i) = Σ_b grad_out(b, :)ᵀ · in(b, i): the product of grad_outᵀ
// (out x batch, contiguous per sample) and in(b, i) at b + i·ld (ld: the
// stride forward() kept the input at), summed over the samples in order. grad_in(:, i) = Σ_o grad_out(:, o) · W(o, i).
void Linear::backward(const Matrix& grad_out, Matrix& grad_in) {
  if (reference_) return backward_reference(grad_out, grad_in);
  const LinearKernels k = kernels_for(isa_);
  const Index batch = grad_out.rows(), out = grad_out.cols();
  grad_out_t_ = grad_out.transpose();
  k.product(grad_out_t_.data(), out, out, batch, input_.data(), 1, input_.rows(), nullptr, input_.cols(),
            weight_grad.data(), out);
  k.bias_gradient(grad_out_t_.data(), out, batch, bias_grad.data());
  const Matrix& w = weight_offset.size() == 0 ? weight : attacked_weight_;
  grad_in.resize(grad_out.rows(), input_width());
  k.product(grad_out.data(), grad_out.rows(), grad_out.rows(), grad_out.cols(), w.data(), 1, w.rows(), nullptr, w.cols(),
            grad_in.data(), grad_out.rows());
}

void Linear::forward_reference(const Matrix& in, Matrix& out) {
  input_ = in;
  out.noalias() = in * effective_weight().transpose();
  out.rowwise() += bias;
}

void Linear::backward_reference(const Matrix& grad_out, Matrix& grad_in) {
  weight_grad.noalias() = grad_out.transpose() * input_;
  bias_grad = grad_out.colwise().sum();
  grad_in.noalias() = grad_out * (weight_offset.size() == 0 ? weight : attacked_weight_);
}

std::vector<ParamBlock> Linear::params() {
  return {{name_ + ".weight", ParamKind::weight, weight.data(), weight_grad.data(), weight.size()},
          {name_ + ".bias", ParamKind::bias, bias.data(), bias_grad.data(), bias.size()}};
}

}  // namespace hqnn
