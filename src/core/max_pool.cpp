#include "max_pool.hpp"

#include "dataset.hpp"

namespace hqnn {

MaxPool2d::MaxPool2d(int channels, int height, int width, int size)
    : channels_(channels), height_(height), width_(width), size_(size) {
  if (channels < 1 || size < 1 || height < size || width < size)
    throw InputError("max pooling: a " + std::to_string(size) + "x" + std::to_string(size) +
                     " window does not fit a " + std::to_string(height) + "x" + std::to_string(width) + " image");
}

void MaxPool2d::forward(const Matrix& in, Matrix& out) {
  const Index batch = in.rows();
  const int oh = out_height(), ow = out_width();
  out.resize(batch, output_width());
  argmax_.resize(static_cast<size_t>(output_width() * batch));
  // Each window element is a contiguous column of the batch, so the max runs
  // over whole columns at once.
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
              for (Index b = 0; b < batch; ++b) {
                best[b] = src[b];
                arg[b] = src_f;
              }
            } else {
              for (Index b = 0; b < batch; ++b) {
                const bool wins = src[b] > best[b];
                best[b] = wins ? src[b] : best[b];
                arg[b] = wins ? src_f : arg[b];
              }
            }
          }
      }
}

void MaxPool2d::backward(const Matrix& grad_out, Matrix& grad_in) {
  const Index batch = grad_out.rows();
  grad_in.setZero(batch, input_width());
  for (Index f = 0; f < grad_out.cols(); ++f) {
    const Real* g = grad_out.col(f).data();
    const int32_t* arg = argmax_.data() + f * batch;
    for (Index b = 0; b < batch; ++b) grad_in(b, arg[b]) += g[b];
  }
}

}  // namespace hqnn
