// The fully connected layer's kernels (linear_kernels.hpp) against the
// reference (Eigen's products), and the kernels of every instruction set
// against each other, bit for bit.
#include <gtest/gtest.h>

#include <cstring>
#include <functional>

#include "core/linear.hpp"
#include "core/rng.hpp"
#include "../same_bits.hpp"

using namespace hqnn;
using namespace hqnn::test;

namespace {

struct LinearPass {
  Matrix out, grad_in, weight_grad;
  RowVector bias_grad;
};

LinearPass run_linear(Index in, Index out, Index batch, bool attacked, const std::function<void(Linear&)>& choose) {
  Rng rng(17);
  Linear fc("fc", in, out, rng);
  for (Index k = 0; k < fc.bias.size(); ++k) fc.bias(k) = static_cast<Real>(rng.uniform(-1, 1));
  if (attacked) {
    fc.weight_offset.resize(out, in);
    for (Index k = 0; k < fc.weight_offset.size(); ++k) fc.weight_offset.data()[k] = static_cast<Real>(rng.uniform(-1, 1));
  }
  choose(fc);
  Matrix x(batch, in), g(batch, out);
  for (Index k = 0; k < x.size(); ++k) x.data()[k] = static_cast<Real>(rng.uniform(-1, 1));
  for (Index k = 0; k < g.size(); ++k) g.data()[k] = static_cast<Real>(rng.uniform(-1, 1));
  LinearPass p;
  fc.forward(x, p.out);
  fc.backward(g, p.grad_in);
  p.weight_grad = fc.weight_grad;
  p.bias_grad = fc.bias_grad;
  return p;
}

// widths 37 and 21 take every column block (16, 8, 4, 1); batches below,
// at and past whole vectors and whole 16-lane sums
struct Shape {
  Index in, out;
};
const Shape kShapes[] = {{4, 3}, {4, 64}, {64, 3}, {37, 21}, {784, 64}};
const Index kBatches[] = {1, 5, 16, 21, 64, 105};

TEST(Linear, KernelsMatchTheEigenReference) {
  for (const Shape& s : kShapes)
    for (Index batch : kBatches)
      for (bool attacked : {false, true}) {
        const LinearPass ref = run_linear(s.in, s.out, batch, attacked, [](Linear& l) { l.use_reference(); });
        const LinearPass fast = run_linear(s.in, s.out, batch, attacked, [](Linear& l) { l.use_kernels(simd_isa()); });
        const std::string what = std::to_string(s.in) + "->" + std::to_string(s.out) + " batch " +
                                 std::to_string(batch) + (attacked ? " attacked" : "");
        // sums of up to max(in, out, batch) products of values in [-2, 2], in another order
        const Real tolerance = Real(4e-7) * Real(std::max({s.in, s.out, batch}) + 10);
        EXPECT_LT(max_abs_difference(fast.out, ref.out), tolerance) << what;
        EXPECT_LT(max_abs_difference(fast.grad_in, ref.grad_in), tolerance) << what;
        EXPECT_LT(max_abs_difference(fast.weight_grad, ref.weight_grad), tolerance) << what;
        EXPECT_LT((fast.bias_grad - ref.bias_grad).cwiseAbs().maxCoeff(), tolerance) << what;
      }
}

TEST(Linear, EveryInstructionSetGivesBitIdenticalResults) {
  int compared = 0;
  for (const Shape& s : kShapes)
    for (Index batch : kBatches) {
      const LinearPass portable = run_linear(s.in, s.out, batch, true, [](Linear& l) { l.use_kernels(SimdIsa::portable); });
      for (SimdIsa isa : {SimdIsa::avx2, SimdIsa::avx512}) {
        if (!simd_isa_available(isa)) continue;
        const LinearPass wide = run_linear(s.in, s.out, batch, true, [isa](Linear& l) { l.use_kernels(isa); });
        const std::string what = std::string(enum_name(isa)) + " " + std::to_string(s.in) + "->" +
                                 std::to_string(s.out) + " batch " + std::to_string(batch);
        expect_same_pass_bits(portable, wide, what);
        ++compared;
      }
    }
  std::printf("compared %d cases against the portable kernels; this machine runs %s\n", compared,
              enum_name(simd_isa()));
}

// Each output is its bias plus the products in input order, whatever the batch
// position: a sample gives the same output alone and inside a batch.
TEST(Linear, ASampleGivesTheSameOutputAloneAndInABatch) {
  Rng rng(3);
  Linear fc("fc", 37, 21, rng);
  Matrix x(21, 37), out_batch, out_one;
  for (Index k = 0; k < x.size(); ++k) x.data()[k] = static_cast<Real>(rng.uniform(-1, 1));
  fc.forward(x, out_batch);
  for (Index b : {0, 3, 16, 20}) {
    fc.forward(x.row(b), out_one);
    EXPECT_TRUE(bit_identical(out_one, out_batch.row(b))) << "sample " << b;
  }
}

}  // namespace
