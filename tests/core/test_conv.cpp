// Convolution and max pooling on small hand-computed examples; the fast
// convolution kernels against the reference and across instruction sets.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <functional>
#include <limits>

#include "core/conv2d.hpp"
#include "core/input_error.hpp"
#include "core/max_pool.hpp"
#include "core/rng.hpp"
#include "../same_bits.hpp"

using namespace hqnn;
using namespace hqnn::test;

namespace {

// in = [[1, 2, 3], [4, 5, 6], [7, 8, 9]] as one sample (row-major pixels),
// and its negation as a second sample.
Matrix three_by_three_batch() {
  Matrix x(2, 9);
  for (int p = 0; p < 9; ++p) {
    x(0, p) = Real(p + 1);
    x(1, p) = -Real(p + 1);
  }
  return x;
}

Conv2d two_by_two_conv(int padding) {
  Rng rng(1);
  Conv2d conv("c", {1, 1, 3, 3, 2, padding, 1}, rng);
  conv.weight << 1, 2, 3, 4;  // [[1, 2], [3, 4]]
  conv.bias << Real(0.5);
  return conv;
}

}  // namespace

TEST(Conv2d, TwoByTwoKernelOnThreeByThreeImage) {
  Conv2d conv = two_by_two_conv(0);
  ASSERT_EQ(conv.output_width(), 4);
  Matrix out;
  conv.forward(three_by_three_batch(), out);
  // out(0,0) = 1·1 + 2·2 + 3·4 + 4·5 = 37, then 47, 67, 77; plus the bias.
  const Real expected[4] = {37, 47, 67, 77};
  for (int p = 0; p < 4; ++p) {
    EXPECT_FLOAT_EQ(out(0, p), expected[p] + Real(0.5)) << p;
    EXPECT_FLOAT_EQ(out(1, p), -expected[p] + Real(0.5)) << p;
  }
}

TEST(Conv2d, ZeroPaddingSeesOnlyTheOverlap) {
  Conv2d conv = two_by_two_conv(1);
  ASSERT_EQ(conv.output_width(), 16);  // 4 x 4
  Matrix out;
  conv.forward(three_by_three_batch(), out);
  EXPECT_FLOAT_EQ(out(0, 0), 4 * 1 + Real(0.5));           // only w[1][1]·in[0][0]
  EXPECT_FLOAT_EQ(out(0, 3), 3 * 3 + Real(0.5));           // only w[1][0]·in[0][2]
  EXPECT_FLOAT_EQ(out(0, 5), 37 + Real(0.5));              // interior = unpadded (0, 0)
  EXPECT_FLOAT_EQ(out(0, 15), 1 * 9 + Real(0.5));          // only w[0][0]·in[2][2]
  EXPECT_FLOAT_EQ(out(0, 12), 2 * 7 + Real(0.5));          // only w[0][1]·in[2][0]
}

TEST(Conv2d, ChannelMajorLayoutAndSeveralChannels) {
  Rng rng(1);
  Conv2d conv("c", {2, 2, 3, 3, 2, 0, 1}, rng);
  // out channel 0 reads only input channel 1 through an all-ones kernel;
  // out channel 1 reads only input channel 0 through [[1, 2], [3, 4]].
  conv.weight.setZero();
  conv.weight.row(0).segment(4, 4).setOnes();
  conv.weight.row(1).segment(0, 4) << 1, 2, 3, 4;
  conv.bias << 0, 1;
  Matrix x(1, 18);
  for (int p = 0; p < 9; ++p) {
    x(0, p) = Real(p + 1);
    x(0, 9 + p) = Real(10 * (p + 1));
  }
  Matrix out;
  conv.forward(x, out);
  ASSERT_EQ(out.cols(), 8);
  const Real window_sums[4] = {10 * 12, 10 * 16, 10 * 24, 10 * 28};  // 1+2+4+5 = 12, ...
  const Real weighted[4] = {37, 47, 67, 77};
  for (int p = 0; p < 4; ++p) {
    EXPECT_FLOAT_EQ(out(0, p), window_sums[p]);
    EXPECT_FLOAT_EQ(out(0, 4 + p), weighted[p] + 1);
  }
}

TEST(Conv2d, BackwardOfAllOnesSumsTheWindows) {
  Conv2d conv = two_by_two_conv(0);
  Matrix x = three_by_three_batch(), out, grad_in;
  x.row(1) = x.row(0);
  conv.forward(x, out);
  conv.backward(Matrix::Ones(2, 4), grad_in);
  EXPECT_FLOAT_EQ(conv.bias_grad(0), 8);  // 4 pixels x 2 samples
  // dL/dw[i][j] = Σ over windows of the pixel under tap (i, j), both samples
  EXPECT_FLOAT_EQ(conv.weight_grad(0, 0), 2 * (1 + 2 + 4 + 5));
  EXPECT_FLOAT_EQ(conv.weight_grad(0, 3), 2 * (5 + 6 + 8 + 9));
  // the centre pixel is under every tap once: 1 + 2 + 3 + 4
  EXPECT_FLOAT_EQ(grad_in(0, 4), 10);
  EXPECT_FLOAT_EQ(grad_in(1, 0), 1);  // corner: only under w[0][0]
  EXPECT_FLOAT_EQ(grad_in(1, 8), 4);  // corner: only under w[1][1]
}

TEST(Conv2d, StrideAndOutputSize) {
  Rng rng(1);
  Conv2d conv("c", {1, 1, 5, 5, 3, 1, 2}, rng);
  EXPECT_EQ(conv.shape().out_height(), 3);
  EXPECT_EQ(conv.output_width(), 9);
  conv.weight.setZero();
  conv.weight(0, 4) = 1;  // centre tap: picks in[2y][2x]
  conv.bias.setZero();
  Matrix x(1, 25), out;
  for (int p = 0; p < 25; ++p) x(0, p) = Real(p);
  conv.forward(x, out);
  EXPECT_FLOAT_EQ(out(0, 4), 12);  // (1, 1) → in[2][2]
  EXPECT_FLOAT_EQ(out(0, 8), 24);  // (2, 2) → in[4][4]
}

TEST(Conv2d, InitialisationIsBoundedBySqrtFanIn) {
  Rng rng(5);
  Conv2d conv("conv1", {8, 16, 14, 14, 3, 1, 1}, rng);
  const Real bound = Real(1) / std::sqrt(Real(72));
  EXPECT_LE(conv.weight.cwiseAbs().maxCoeff(), bound);
  EXPECT_GT(conv.weight.cwiseAbs().maxCoeff(), Real(0.9) * bound);
  EXPECT_LE(conv.bias.cwiseAbs().maxCoeff(), bound);
  auto blocks = conv.params();
  ASSERT_EQ(blocks.size(), 2u);
  EXPECT_EQ(blocks[0].name, "conv1.weight");
  EXPECT_EQ(blocks[0].kind, ParamKind::weight);
  EXPECT_EQ(blocks[0].size, 16 * 72);
  EXPECT_EQ(blocks[1].name, "conv1.bias");
  EXPECT_EQ(blocks[1].kind, ParamKind::bias);
}

TEST(Conv2d, KernelLargerThanPaddedImageIsAnError) {
  Rng rng(1);
  EXPECT_THROW(Conv2d("c", {1, 1, 3, 3, 5, 0, 1}, rng), InputError);
}

TEST(MaxPool2d, KnownValuesAndGradientRouting) {
  // two channels of 4 x 4; channel 1 = -channel 0
  const Real img[16] = {1, 5, 2, 0,   //
                        3, 4, 8, 7,   //
                        0, 0, 1, 1,   //
                        9, 0, 1, 2};
  Matrix x(1, 32);
  for (int p = 0; p < 16; ++p) {
    x(0, p) = img[p];
    x(0, 16 + p) = -img[p];
  }
  MaxPool2d pool(2, 4, 4, 2);
  ASSERT_EQ(pool.output_width(), 8);
  Matrix out, grad_in;
  pool.forward(x, out);
  const Real expected[8] = {5, 8, 9, 2, -1, 0, 0, -1};
  for (int f = 0; f < 8; ++f) EXPECT_FLOAT_EQ(out(0, f), expected[f]) << f;
  Matrix g(1, 8);
  for (int f = 0; f < 8; ++f) g(0, f) = Real(f + 1);
  pool.backward(g, grad_in);
  EXPECT_FLOAT_EQ(grad_in(0, 1), 1);   // 5 won the first window
  EXPECT_FLOAT_EQ(grad_in(0, 6), 2);   // 8
  EXPECT_FLOAT_EQ(grad_in(0, 12), 3);  // 9
  EXPECT_FLOAT_EQ(grad_in(0, 15), 4);  // 2
  EXPECT_FLOAT_EQ(grad_in(0, 16), 5);  // -1 at channel 1 (0, 0)
  EXPECT_FLOAT_EQ(grad_in(0, 16 + 3), 6);   // 0 at channel 1 (0, 3)
  EXPECT_FLOAT_EQ(grad_in(0, 16 + 8), 7);   // tie 0, 0, -9, 0: the first in row-major order wins
  EXPECT_FLOAT_EQ(grad_in(0, 16 + 10), 8);  // tie -1, -1, -1, -2
  EXPECT_FLOAT_EQ(grad_in.sum(), 1 + 2 + 3 + 4 + 5 + 6 + 7 + 8);
  EXPECT_EQ((grad_in.array() != 0).count(), 8);
}

// The 2x2 pass against a plain loop over samples and windows: values drawn
// from a few levels (many ties: the first in row-major window order wins) and
// some NaN (never wins), on odd image sizes and a batch that is not a multiple
// of any vector width.
TEST(MaxPool2d, TwoByTwoPassMatchesAPlainLoopWithTiesAndNaN) {
  const int channels = 3, h = 7, w = 5;
  const Index batch = 13;
  MaxPool2d pool(channels, h, w, 2);
  Rng rng(5, 0);
  Matrix x(batch, channels * h * w);
  for (Index i = 0; i < x.size(); ++i) {
    const double u = rng.uniform();
    x.data()[i] = u < 0.05 ? std::numeric_limits<Real>::quiet_NaN() : Real(std::floor(u * 4) - 2);
  }
  Matrix out, grad_in;
  pool.forward(x, out);
  Matrix g = Matrix::Zero(batch, pool.output_width());
  for (Index i = 0; i < g.size(); ++i) g.data()[i] = Real(i + 1);
  pool.backward(g, grad_in);
  Matrix expected_grad = Matrix::Zero(batch, x.cols());
  const int oh = h / 2, ow = w / 2;
  for (Index b = 0; b < batch; ++b)
    for (int c = 0; c < channels; ++c)
      for (int y = 0; y < oh; ++y)
        for (int xo = 0; xo < ow; ++xo) {
          const Index f = (Index(c) * oh + y) * ow + xo;
          Index arg = (Index(c) * h + 2 * y) * w + 2 * xo;
          for (int i = 0; i < 2; ++i)
            for (int j = 0; j < 2; ++j) {
              const Index src = (Index(c) * h + 2 * y + i) * w + 2 * xo + j;
              if (x(b, src) > x(b, arg)) arg = src;
            }
          const Real want = x(b, arg);
          if (std::isnan(want))
            EXPECT_TRUE(std::isnan(out(b, f))) << b << " " << f;
          else
            EXPECT_EQ(out(b, f), want) << b << " " << f;
          expected_grad(b, arg) = g(b, f);
        }
  EXPECT_EQ(grad_in, expected_grad);
}

TEST(MaxPool2d, OddSizesDropTheLastRowAndColumn) {
  MaxPool2d pool(1, 5, 3, 2);
  EXPECT_EQ(pool.output_width(), 2);  // 2 x 1
  EXPECT_THROW(MaxPool2d(1, 1, 4, 2), InputError);
}

TEST(Conv2d, FirstLayerCanSkipTheInputGradient) {
  Conv2d conv = two_by_two_conv(0);
  Matrix out, grad_in, grad_skipped;
  conv.forward(three_by_three_batch(), out);
  conv.backward(Matrix::Ones(2, 4), grad_in);
  const Conv2d::WeightMatrix weight_grad = conv.weight_grad;
  conv.set_input_gradient(false);
  conv.backward(Matrix::Ones(2, 4), grad_skipped);
  EXPECT_EQ(grad_in.cols(), 9);
  EXPECT_EQ(grad_skipped.size(), 0);
  EXPECT_EQ(conv.weight_grad, weight_grad);  // parameter gradients unchanged
  EXPECT_FLOAT_EQ(conv.bias_grad(0), 8);
}

// The literal formula of conv2d.hpp, loop by loop, against the im2col + GEMM path.
TEST(Conv2d, MatchesTheDirectFormulaOnRandomShapes) {
  const Conv2dShape shapes[] = {{1, 8, 28, 28, 3, 1, 1}, {3, 4, 7, 9, 3, 2, 2}, {2, 5, 6, 6, 5, 1, 1},
                                {4, 2, 5, 8, 1, 0, 3}};
  for (const Conv2dShape& s : shapes) {
    Rng rng(11);
    Conv2d conv("c", s, rng);
    const Index batch = 5;
    Matrix x(batch, conv.input_width()), out;
    for (Index c = 0; c < x.cols(); ++c)
      for (Index b = 0; b < batch; ++b) x(b, c) = static_cast<Real>(rng.uniform(-1, 1));
    conv.forward(x, out);
    const int oh = s.out_height(), ow = s.out_width();
    Real worst = 0;
    for (Index b = 0; b < batch; ++b)
      for (int o = 0; o < s.out_channels; ++o)
        for (int y = 0; y < oh; ++y)
          for (int xo = 0; xo < ow; ++xo) {
            double sum = conv.bias(o);
            for (int c = 0; c < s.in_channels; ++c)
              for (int i = 0; i < s.kernel; ++i)
                for (int j = 0; j < s.kernel; ++j) {
                  const int iy = y * s.stride + i - s.padding, ix = xo * s.stride + j - s.padding;
                  if (iy < 0 || iy >= s.height || ix < 0 || ix >= s.width) continue;
                  sum += double(conv.weight(o, (c * s.kernel + i) * s.kernel + j)) *
                         double(x(b, (c * s.height + iy) * s.width + ix));
                }
            const Real got = out(b, (Index(o) * oh + y) * ow + xo);
            worst = std::max(worst, std::abs(got - static_cast<Real>(sum)));
          }
    EXPECT_LT(worst, Real(1e-5)) << s.in_channels << "x" << s.height << "x" << s.width << " k" << s.kernel;
  }
}

namespace {

// The direct kernels against the reference (im2col and Eigen products), and
// the kernels of every instruction set against each other, bit for bit.
struct ConvPass {
  Matrix out, grad_in, weight_grad;
  Vector bias_grad;
};

ConvPass run_conv(const Conv2dShape& s, Index batch, const std::function<void(Conv2d&)>& choose) {
  Rng rng(13);
  Conv2d conv("c", s, rng);
  choose(conv);
  Matrix x(batch, conv.input_width()), g(batch, conv.output_width());
  for (Index c = 0; c < x.cols(); ++c)
    for (Index b = 0; b < batch; ++b) x(b, c) = static_cast<Real>(rng.uniform(-1, 1));
  for (Index c = 0; c < g.cols(); ++c)
    for (Index b = 0; b < batch; ++b) g(b, c) = static_cast<Real>(rng.uniform(-1, 1));
  ConvPass p;
  conv.forward(x, p.out);
  conv.backward(g, p.grad_in);
  p.weight_grad = conv.weight_grad;
  p.bias_grad = conv.bias_grad;
  return p;
}

// channels 20, 17 and 5 take every register block (16, 8, 4, 1); batches
// that are and are not multiples of 16
const Conv2dShape kKernelShapes[] = {{1, 8, 28, 28, 3, 1, 1}, {8, 16, 14, 14, 3, 1, 1}, {3, 20, 7, 9, 3, 2, 2},
                                     {17, 5, 6, 6, 5, 1, 1}, {4, 2, 5, 8, 1, 0, 3}};
const Index kKernelBatches[] = {1, 5, 16, 21, 64};

TEST(Conv2d, KernelsMatchTheIm2colReference) {
  for (const Conv2dShape& s : kKernelShapes)
    for (Index batch : kKernelBatches) {
      const ConvPass ref = run_conv(s, batch, [](Conv2d& c) { c.use_reference(); });
      const ConvPass fast = run_conv(s, batch, [](Conv2d& c) { c.use_kernels(simd_isa()); });
      const std::string what = std::to_string(s.in_channels) + "->" + std::to_string(s.out_channels) + " batch " +
                               std::to_string(batch);
      // sums of up to batch·pixels products of values in [-1, 1], in another order
      const Real tolerance = Real(1e-6) * Real(batch * s.out_height() * s.out_width() + 100);
      EXPECT_LT(max_abs_difference(fast.out, ref.out), Real(1e-5)) << what;
      EXPECT_LT(max_abs_difference(fast.grad_in, ref.grad_in), Real(1e-5)) << what;
      EXPECT_LT(max_abs_difference(fast.weight_grad, ref.weight_grad), tolerance) << what;
      EXPECT_LT((fast.bias_grad - ref.bias_grad).cwiseAbs().maxCoeff(), tolerance) << what;
    }
}

TEST(Conv2d, EveryInstructionSetGivesBitIdenticalResults) {
  int compared = 0;
  for (const Conv2dShape& s : kKernelShapes)
    for (Index batch : kKernelBatches) {
      const ConvPass portable = run_conv(s, batch, [](Conv2d& c) { c.use_kernels(SimdIsa::portable); });
      for (SimdIsa isa : {SimdIsa::avx2, SimdIsa::avx512}) {
        if (!simd_isa_available(isa)) continue;
        const ConvPass wide = run_conv(s, batch, [isa](Conv2d& c) { c.use_kernels(isa); });
        const std::string what = std::string(enum_name(isa)) + " " + std::to_string(s.in_channels) + "->" +
                                 std::to_string(s.out_channels) + " batch " + std::to_string(batch);
        expect_same_pass_bits(portable, wide, what);
        ++compared;
      }
    }
  std::printf("compared %d cases against the portable kernels; this machine runs %s\n", compared,
              enum_name(simd_isa()));
}

// The order of every sum, as conv2d_kernels.inc states it, written as plain
// float loops per sample: forward from the bias over taps (c, i, j), the input
// gradient from 0 over (o, i, j), the weight and bias gradients in 16 lanes
// (sample b in lane b mod 16, pixels in order) added lane by lane. The kernels
// of this machine must give the same bits: the border pixels (bounds checked)
// and the interior ones (unrolled 3x3 windows) alike. Batches are multiples of
// 16, so no padding samples enter the sums.
TEST(Conv2d, KernelsSumInTheDocumentedOrderBitForBit) {
  const Conv2dShape shapes[] = {{1, 8, 28, 28, 3, 1, 1}, {8, 16, 14, 14, 3, 1, 1}, {3, 5, 9, 7, 3, 2, 2},
                                {2, 3, 8, 8, 3, 0, 1}, {2, 3, 6, 6, 5, 1, 1}};
  for (const Conv2dShape& s : shapes)
    for (Index batch : {Index(16), Index(32)}) {
      const ConvPass fast = run_conv(s, batch, [](Conv2d& c) { c.use_kernels(simd_isa()); });
      // the same inputs as run_conv
      Rng rng(13);
      Conv2d conv("c", s, rng);
      Matrix x(batch, conv.input_width()), g(batch, conv.output_width());
      for (Index c = 0; c < x.cols(); ++c)
        for (Index b = 0; b < batch; ++b) x(b, c) = static_cast<Real>(rng.uniform(-1, 1));
      for (Index c = 0; c < g.cols(); ++c)
        for (Index b = 0; b < batch; ++b) g(b, c) = static_cast<Real>(rng.uniform(-1, 1));
      const int k = s.kernel, oh = s.out_height(), ow = s.out_width();
      const auto in_at = [&](int c, int y, int xx) { return (Index(c) * s.height + y) * s.width + xx; };
      const auto out_at = [&](int o, int y, int xx) { return (Index(o) * oh + y) * ow + xx; };
      const auto w = [&](int o, int c, int i, int j) { return conv.weight(o, (c * k + i) * k + j); };
      Matrix out(batch, conv.output_width()), grad_in = Matrix::Zero(batch, conv.input_width());
      for (Index b = 0; b < batch; ++b)
        for (int o = 0; o < s.out_channels; ++o)
          for (int y = 0; y < oh; ++y)
            for (int xo = 0; xo < ow; ++xo) {
              Real acc = conv.bias(o);
              for (int c = 0; c < s.in_channels; ++c)
                for (int i = 0; i < k; ++i)
                  for (int j = 0; j < k; ++j) {
                    const int iy = y * s.stride + i - s.padding, ix = xo * s.stride + j - s.padding;
                    if (iy < 0 || iy >= s.height || ix < 0 || ix >= s.width) continue;
                    const Real product = w(o, c, i, j) * x(b, in_at(c, iy, ix));
                    acc = acc + product;
                  }
              out(b, out_at(o, y, xo)) = acc;
            }
      for (Index b = 0; b < batch; ++b)
        for (int c = 0; c < s.in_channels; ++c)
          for (int iy = 0; iy < s.height; ++iy)
            for (int ix = 0; ix < s.width; ++ix) {
              Real acc = 0;
              for (int o = 0; o < s.out_channels; ++o)
                for (int i = 0; i < k; ++i)
                  for (int j = 0; j < k; ++j) {
                    const int ty = iy + s.padding - i, tx = ix + s.padding - j;
                    if (ty < 0 || tx < 0 || ty % s.stride || tx % s.stride || ty / s.stride >= oh ||
                        tx / s.stride >= ow)
                      continue;
                    const Real product = w(o, c, i, j) * g(b, out_at(o, ty / s.stride, tx / s.stride));
                    acc = acc + product;
                  }
              grad_in(b, in_at(c, iy, ix)) = acc;
            }
      Conv2d::WeightMatrix weight_grad(s.out_channels, s.in_channels * k * k);
      Vector bias_grad(s.out_channels);
      for (int o = 0; o < s.out_channels; ++o) {
        for (int c = 0; c < s.in_channels; ++c)
          for (int i = 0; i < k; ++i)
            for (int j = 0; j < k; ++j) {
              Real lanes[16] = {};
              for (int y = 0; y < oh; ++y)
                for (int xo = 0; xo < ow; ++xo) {
                  const int iy = y * s.stride + i - s.padding, ix = xo * s.stride + j - s.padding;
                  if (iy < 0 || iy >= s.height || ix < 0 || ix >= s.width) continue;
                  for (Index b = 0; b < batch; ++b) {
                    const Real product = g(b, out_at(o, y, xo)) * x(b, in_at(c, iy, ix));
                    lanes[b % 16] = lanes[b % 16] + product;
                  }
                }
              Real total = 0;
              for (Real lane : lanes) total += lane;
              weight_grad(o, (c * k + i) * k + j) = total;
            }
        Real lanes[16] = {};
        for (int p = 0; p < oh * ow; ++p)
          for (Index b = 0; b < batch; ++b) lanes[b % 16] = lanes[b % 16] + g(b, Index(o) * oh * ow + p);
        Real total = 0;
        for (Real lane : lanes) total += lane;
        bias_grad(o) = total;
      }
      const std::string what = std::to_string(s.in_channels) + "->" + std::to_string(s.out_channels) + " k" +
                               std::to_string(k) + " p" + std::to_string(s.padding) + " s" + std::to_string(s.stride) +
                               " batch " + std::to_string(batch);
      EXPECT_TRUE(bit_identical(fast.out, out)) << what << ": " << max_abs_difference(fast.out, out);
      EXPECT_TRUE(bit_identical(fast.grad_in, grad_in)) << what << ": " << max_abs_difference(fast.grad_in, grad_in);
      EXPECT_TRUE(bit_identical(fast.weight_grad, weight_grad)) << what;
      EXPECT_TRUE(bit_identical(fast.bias_grad, bias_grad)) << what;
    }
}

}  // namespace
