#include "max_pool.hpp"

#include "input_error.hpp"

namespace hqnn {

MaxPool2d::MaxPool2d(int channels, int height, int width, int size)
    : channels_(channels), height_(height), width_(width), size_(size) {
  if (channels < 1 || size < 1 || height < size || width < size)
    throw InputError("max pooling: a " + std::to_string(size) + "x" + std::to_string(size) +
                     " window does not fit a " + std::to_string(height) + "x" + std::to_string(width) + " image");
}

// Every window element is a contiguous column of the batch, so both passes
// run over whole columns. The loops are written so that GCC vectorises them
// even with plain SSE2: unconditional loads, and the argmax select as a bit
// mask (a conditional expression on it stays a branch).
void MaxPool2d::forward(const Matrix& in, Matrix& out) {
  const Index batch = in.rows();
  const int oh = out_height(), ow = out_width();
  out.resize(batch, output_width());
  argmax_.resize(static_cast<size_t>(output_width() * batch));
  if (size_ == 2) return forward_2x2(in, out);
  for (int c = 0; c < channels_; ++c)
    for (int y = 0; y < oh; ++y)
      for (int x = 0; x < ow; ++x) {
        const Index f = (Index(c) * oh + y) * ow + x;
        Real* best = out.col(f).data();
        int32_t* arg = argmax_.data() + f * batch;
        for (int i = 0; i < size_; ++i)
          for (int j = 0; j < size_; ++j) {
            const int32_t src_f = static_cast<int32_t>((Index(c) * height_ + y * size_ + i) * width_ + x * size_ + j);
            const Real* src = in.col(src_f).data();
            if (i == 0 && j == 0) {
              std::copy(src, src + batch, best);
              std::fill(arg, arg + batch, src_f);
              continue;
            }
#pragma omp simd
            for (Index b = 0; b < batch; ++b) {
              const Real value = src[b], current = best[b];
              const int32_t wins = -static_cast<int32_t>(value > current);  // all ones or zero
              best[b] = value > current ? value : current;
              arg[b] = (src_f & wins) | (arg[b] & ~wins);
            }
          }
      }
}

// The 2x2 window (the models' only one) in one pass per output: the four
// candidates compared in the general loop's order, in registers, so the output
// and argmax columns are written once. The same values and argmax.
void MaxPool2d::forward_2x2(const Matrix& in, Matrix& out) {
  const Index batch = in.rows();
  const int oh = out_height(), ow = out_width();
  for (int c = 0; c < channels_; ++c)
    for (int y = 0; y < oh; ++y)
      for (int x = 0; x < ow; ++x) {
        const Index f = (Index(c) * oh + y) * ow + x;
        const int32_t f00 = static_cast<int32_t>((Index(c) * height_ + y * 2) * width_ + x * 2), f01 = f00 + 1,
                      f10 = f00 + width_, f11 = f10 + 1;
        const Real* __restrict s00 = in.col(f00).data();
        const Real* __restrict s01 = in.col(f01).data();
        const Real* __restrict s10 = in.col(f10).data();
        const Real* __restrict s11 = in.col(f11).data();
        Real* __restrict best_out = out.col(f).data();
        int32_t* __restrict arg_out = argmax_.data() + f * batch;
        for (Index b = 0; b < batch; ++b) {
          Real best = s00[b];
          int32_t arg = f00;
          const auto take = [&](Real value, int32_t src_f) {
            const int32_t wins = -static_cast<int32_t>(value > best);  // all ones or zero
            best = value > best ? value : best;
            arg = (src_f & wins) | (arg & ~wins);
          };
          take(s01[b], f01);
          take(s10[b], f10);
          take(s11[b], f11);
          best_out[b] = best;
          arg_out[b] = arg;
        }
      }
}

void MaxPool2d::backward(const Matrix& grad_out, Matrix& grad_in) {
  const Index batch = grad_out.rows();
  const int oh = out_height(), ow = out_width();
  // Windows tile the image except for dropped edge rows and columns, which get 0.
  if (height_ % size_ != 0 || width_ % size_ != 0)
    grad_in.setZero(batch, input_width());
  else
    grad_in.resize(batch, input_width());
  for (int c = 0; c < channels_; ++c)
    for (int y = 0; y < oh; ++y)
      for (int x = 0; x < ow; ++x) {
        const Index f = (Index(c) * oh + y) * ow + x;
        const Real* g = grad_out.col(f).data();
        const int32_t* arg = argmax_.data() + f * batch;
        for (int i = 0; i < size_; ++i)
          for (int j = 0; j < size_; ++j) {
            const int32_t src_f = static_cast<int32_t>((Index(c) * height_ + y * size_ + i) * width_ + x * size_ + j);
            Real* dst = grad_in.col(src_f).data();
#pragma omp simd
            for (Index b = 0; b < batch; ++b) {
              const Real value = g[b];
              dst[b] = arg[b] == src_f ? value : Real(0);
            }
          }
      }
}

}  // namespace hqnn
