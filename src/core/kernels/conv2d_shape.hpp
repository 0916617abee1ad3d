// A convolution's sizes, as the convolution kernels take them (conv2d.hpp has
// the layer and its layout). Its own header, so that the kernels need nothing
// of the layer that calls them.
#pragma once

namespace hqnn {

struct Conv2dShape {
  int in_channels = 1, out_channels = 1;
  int height = 1, width = 1;  // of the input image
  int kernel = 3, padding = 0, stride = 1;

  int out_height() const { return (height + 2 * padding - kernel) / stride + 1; }
  int out_width() const { return (width + 2 * padding - kernel) / stride + 1; }
};

}  // namespace hqnn
