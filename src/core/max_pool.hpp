// Max pooling over non-overlapping size x size windows (stride = size).
//
// Same image layout as Conv2d: batch x (C·H·W), channel-major, row-major
// pixels. Rows and columns that do not fill a whole window are dropped
// (H_out = H / size, rounded down), as in PyTorch's MaxPool2d(size).
//
//   out[b, c, y, x] = max_{i, j < size} in[b, c, y·size + i, x·size + j]
//
// forward() remembers which input pixel won each window; backward() routes
// the gradient to it alone (ties go to the first pixel in row-major order).
#pragma once

#include <algorithm>
#include <cstdint>

#include "layer.hpp"

namespace hqnn {

class MaxPool2d : public Layer {
 public:
  // Throws InputError when a window does not fit the image.
  MaxPool2d(int channels, int height, int width, int size = 2);
  std::string kind() const override { return "max_pool2d"; }
  Index input_width() const override { return Index(channels_) * height_ * width_; }
  Index output_width() const override { return Index(channels_) * out_height() * out_width(); }
  void forward(const Matrix& in, Matrix& out) override;
  void backward(const Matrix& grad_out, Matrix& grad_in) override;

  int channels() const { return channels_; }
  int size() const { return size_; }
  int out_height() const { return height_ / size_; }
  int out_width() const { return width_ / size_; }

 private:
  void forward_2x2(const Matrix& in, Matrix& out);
  int channels_, height_, width_, size_;
  std::vector<int32_t> argmax_;  // [output feature][sample]: input feature that won
};

}  // namespace hqnn
