// A power-of-two batch (a stride of a multiple of 512 bytes) is computed at a
// padded stride: the quantum stack keeps its states one cache line longer per
// amplitude, the Linear layer reads a copy of its input at that stride
// (kernels/cache_sets.hpp). These tests prove the padded paths give the bits of
// the unpadded ones (use_padding(false), the code as it was) on every
// instruction set, forward and backward, and that Model::forward and
// evaluate() give a sample the same bits in a power-of-two batch as in a
// larger one.
#include <gtest/gtest.h>

#include "../same_bits.hpp"
#include "core/dataset.hpp"
#include "core/givens_chain.hpp"
#include "core/kernels/cache_sets.hpp"
#include "core/linear.hpp"
#include "core/model.hpp"
#include "core/quantum_stack.hpp"
#include "core/random_matrix.hpp"
#include "core/rng.hpp"
#include "core/trainer.hpp"

namespace hqnn {
namespace {

using test::bit_identical;

constexpr Index kSmallestPadded = 512 / Index(sizeof(Real));  // a stride of 512 bytes

std::vector<Real> gradients(std::vector<ParamBlock> blocks) {
  std::vector<Real> all;
  for (const ParamBlock& b : blocks) all.insert(all.end(), b.grad, b.grad + b.size);
  return all;
}

bool same_bits(const std::vector<Real>& a, const std::vector<Real>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (!test::same_bits(a[i], b[i])) return false;
  return true;
}

TEST(PowerOfTwoBatches, OnlyStridesOfA512ByteMultipleArePadded) {
  const Index line = 64 / Index(sizeof(Real));
  for (Index batch : {1, 16, 17, 63, 1000, 1040, 4112, 16400}) EXPECT_EQ(padded_stride(batch), batch) << batch;
  for (Index k : {1, 2, 16, 128, 512}) {
    const Index batch = k * kSmallestPadded;  // strides of 512 bytes, 1 KB, 8 KB, 64 KB, 256 KB
    EXPECT_EQ(padded_stride(batch), batch + line) << batch;
    EXPECT_FALSE(stride_shares_cache_sets(padded_stride(batch))) << batch;
  }
  EXPECT_EQ(padded_stride(Model::kChunkRows), Model::kChunkRows);  // training's chunks never take the padded path
}

// The out-of-place chain at the padded stride, every instruction set, against
// the in-place chain at the batch's own stride.
TEST(PowerOfTwoBatches, ChainAtThePaddedStrideGivesTheBitsOfEveryInstructionSet) {
  const int n = 64;
  std::vector<Real> angles(size_t(givens_gate_count(n)));
  Rng rng(21);
  for (Real& a : angles) a = static_cast<Real>(rng.uniform(-3, 3));
  GivensGates g;
  givens_rotation_gates(angles.data(), int(angles.size()), g);
  for (Index batch : {kSmallestPadded, Index(1024), Index(4096)}) {
    const Index ld = padded_stride(batch);
    ASSERT_GT(ld, batch);
    const Matrix x = random_batch(batch, n, 22);
    Matrix in(ld, n);
    in.setZero();
    in.topRows(batch) = x;
    for (SimdIsa isa : {SimdIsa::portable, SimdIsa::avx2, SimdIsa::avx512}) {
      if (!simd_isa_available(isa)) continue;
      Matrix want = x;
      givens_chain_forward(isa, g, n, want.data(), batch, batch);
      Matrix out(ld, n);
      givens_chain_forward(isa, g, n, in.data(), ld, out.data(), ld, ld);
      EXPECT_TRUE(bit_identical(Matrix(out.topRows(batch)), want)) << enum_name(isa) << " batch " << batch;
      EXPECT_TRUE(out.bottomRows(ld - batch).isZero(0)) << enum_name(isa);  // the zero samples stay zero
    }
  }
}

struct StackPass {
  Matrix out, grad_in;
  std::vector<Matrix> states;
  std::vector<Real> grads;
};

StackPass run_stack(SkipTopology topology, bool renormalize, Index batch, bool padding) {
  Rng rng(31);
  QuantumStackOptions o;
  o.topology = topology;
  o.width = 64;
  o.layers = 3;
  o.renormalize = renormalize;
  QuantumStack stack("q", o, rng);
  stack.use_padding(padding);
  StackPass p;
  stack.forward(random_batch(batch, 64, 32), p.out);
  p.states = stack.states();
  stack.backward(random_batch(batch, 64, 33), p.grad_in);
  p.grads = gradients(stack.params());
  EXPECT_EQ(stack.states().size(), p.states.size());  // still the batch's states after backward()
  for (size_t l = 0; l < p.states.size(); ++l) EXPECT_TRUE(bit_identical(stack.states()[l], p.states[l]));
  return p;
}

TEST(PowerOfTwoBatches, PaddedQuantumStackGivesTheUnpaddedBitsForwardAndBackward) {
  for (SkipTopology topology : {SkipTopology::plain, SkipTopology::residual, SkipTopology::dense})
    for (bool renormalize : {false, true})
      for (Index batch : {kSmallestPadded, Index(1024), Index(4096)}) {
        const StackPass padded = run_stack(topology, renormalize, batch, true);
        const StackPass plain = run_stack(topology, renormalize, batch, false);
        const std::string what = std::string(enum_name(topology)) + (renormalize ? " renormalised" : "") +
                                 " batch " + std::to_string(batch);
        EXPECT_TRUE(bit_identical(padded.out, plain.out)) << what;
        ASSERT_EQ(padded.states.size(), plain.states.size());
        for (size_t l = 0; l < plain.states.size(); ++l) {
          EXPECT_EQ(padded.states[l].rows(), batch) << what;
          EXPECT_TRUE(bit_identical(padded.states[l], plain.states[l])) << what << " psi_" << l;
        }
        EXPECT_TRUE(bit_identical(padded.grad_in, plain.grad_in)) << what;
        EXPECT_TRUE(same_bits(padded.grads, plain.grads)) << what;
      }
}

// A second batch after a padded one: the caches hold that batch, whole.
TEST(PowerOfTwoBatches, QuantumStackStatesFollowTheLastBatch) {
  Rng rng(41);
  QuantumStackOptions o;
  o.width = 64;
  QuantumStack stack("q", o, rng);
  Matrix y;
  stack.forward(random_batch(1024, 64, 42), y);
  EXPECT_EQ(stack.states()[0].rows(), 1024);
  const Matrix x = random_batch(16, 64, 43);
  stack.forward(x, y);
  EXPECT_EQ(stack.states()[0].rows(), 16);
  EXPECT_TRUE(bit_identical(stack.states()[0], x));
  stack.forward(random_batch(4096, 64, 44), y);
  EXPECT_EQ(stack.states().back().rows(), 4096);
  EXPECT_TRUE(bit_identical(stack.states().back(), y));
}

struct LinearPass {
  Matrix out, grad_in, weight_grad;
  RowVector bias_grad;
};

LinearPass run_linear(Index in, Index out, Index batch, SimdIsa isa, bool padding) {
  Rng rng(51);
  Linear fc("fc", in, out, rng);
  fc.use_kernels(isa);
  fc.use_padding(padding);
  LinearPass p;
  fc.forward(random_batch(batch, in, 52), p.out);
  fc.backward(random_batch(batch, out, 53), p.grad_in);
  p.weight_grad = fc.weight_grad;
  p.bias_grad = fc.bias_grad;
  return p;
}

TEST(PowerOfTwoBatches, PaddedLinearGivesTheUnpaddedBitsOnEveryInstructionSet) {
  for (SimdIsa isa : {SimdIsa::portable, SimdIsa::avx2, SimdIsa::avx512}) {
    if (!simd_isa_available(isa)) continue;
    for (Index batch : {kSmallestPadded, Index(1024), Index(4096)})
      for (Index out : {4, 64}) {
        const LinearPass padded = run_linear(64, out, batch, isa, true);
        const LinearPass plain = run_linear(64, out, batch, isa, false);
        const std::string what =
            std::string(enum_name(isa)) + " 64->" + std::to_string(out) + " batch " + std::to_string(batch);
        EXPECT_TRUE(bit_identical(padded.out, plain.out)) << what;
        EXPECT_TRUE(bit_identical(padded.grad_in, plain.grad_in)) << what;
        EXPECT_TRUE(bit_identical(padded.weight_grad, plain.weight_grad)) << what;
        EXPECT_TRUE(bit_identical(Matrix(padded.bias_grad), Matrix(plain.bias_grad))) << what;
      }
  }
}

// Every padded layer of a model back to its unpadded path.
void without_padding(Model& model) {
  for (const auto& layer : model.layers()) {
    if (auto* q = dynamic_cast<QuantumStack*>(layer.get())) q->use_padding(false);
    if (auto* f = dynamic_cast<Linear*>(layer.get())) f->use_padding(false);
  }
}

ModelOptions options_of(ModelKind kind) {
  ModelOptions mo;
  mo.kind = kind;
  mo.width = 64;
  mo.layers = 2;
  return mo;
}

constexpr ModelKind kKinds[] = {ModelKind::tqfnn, ModelKind::qrfnn, ModelKind::qdfnn, ModelKind::mlp_leaky};

TEST(PowerOfTwoBatches, ModelForwardOf4096SamplesIsTheirsInA4112BatchAndTheUnpaddedPath) {
  for (ModelKind kind : kKinds) {
    Model model(options_of(kind), 64, 4);
    const Matrix x = random_batch(4112, 64, 61);
    const Matrix all = model.forward(x);
    const Matrix part = model.forward(Matrix(x.topRows(4096)));
    EXPECT_TRUE(bit_identical(part, Matrix(all.topRows(4096)))) << enum_name(kind);
    Model reference(options_of(kind), 64, 4);
    without_padding(reference);
    EXPECT_TRUE(bit_identical(reference.forward(Matrix(x.topRows(4096))), part)) << enum_name(kind);
    // backward after a whole-batch forward: the unpadded path's gradients
    const Matrix g = random_batch(4096, 4, 62);
    model.backward(g);
    reference.backward(g);
    EXPECT_TRUE(same_bits(gradients(model.params()), gradients(reference.params()))) << enum_name(kind);
  }
}

Dataset random_set(Index size, uint64_t seed) {
  Dataset d;
  d.features = random_batch(size, 64, seed);
  Rng rng(seed + 1);
  for (Index i = 0; i < size; ++i) d.labels.push_back(static_cast<int>(rng.uniform(0, 4)) % 4);
  d.class_names = {"a", "b", "c", "d"};
  return d;
}

TEST(PowerOfTwoBatches, EvaluationOf4096SamplesIsTheirsInA4112SetAndTheWholeBatchForward) {
  for (ModelKind kind : kKinds) {
    Model model(options_of(kind), 64, 4);
    const Dataset big = random_set(4112, 71);
    std::vector<Index> first(4096);
    for (Index i = 0; i < 4096; ++i) first[size_t(i)] = i;
    const Dataset part = big.subset(first);
    const Evaluation all = evaluate(model, big, 4112);
    const Evaluation some = evaluate(model, part, 4096);
    EXPECT_TRUE(bit_identical(some.probabilities, Matrix(all.probabilities.topRows(4096)))) << enum_name(kind);
    EXPECT_EQ(some.predictions, std::vector<int>(all.predictions.begin(), all.predictions.begin() + 4096));
    // the evaluation batch does not matter, and it equals the whole-batch forward pass
    EXPECT_TRUE(bit_identical(evaluate(model, part, 256).probabilities, some.probabilities)) << enum_name(kind);
    EXPECT_TRUE(bit_identical(softmax(model.forward(part.features)), some.probabilities)) << enum_name(kind);
  }
}

}  // namespace
}  // namespace hqnn
