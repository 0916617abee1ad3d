// Large forward batches avoid the cache-set aliasing of power-of-two batch
// sizes: the V chain kernel runs such tiles in a block of its own and the
// quantum stack calls it out of place (givens_chain_kernels.inc,
// quantum_stack.cpp), the amplitude encoding works column-wise
// (amplitude_encoding.cpp). These tests prove the results are those of the
// whole-batch formulas they replaced, bit for bit, and that a sample's output
// and layer states do not depend on the batch it is in.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "../same_bits.hpp"
#include "core/amplitude_encoding.hpp"
#include "core/fixed_order_sums.hpp"
#include "core/model.hpp"
#include "core/quantum_stack.hpp"
#include "core/random_matrix.hpp"
#include "core/rng.hpp"

namespace hqnn {
namespace {

// The row-by-row encoding as it was written before the column-wise loops
// (its sums in the fixed order every build uses).
void encode_by_rows(const Matrix& in, Matrix& out, Vector& norm, Index width) {
  norm = row_norms_in_order(in);
  out.resize(in.rows(), in.cols());
  const Real uniform = Real(1) / std::sqrt(Real(width));
  for (Index b = 0; b < in.rows(); ++b) {
    if (norm(b) > AmplitudeEncoding::kZeroNorm && std::isfinite(norm(b))) {
      out.row(b) = in.row(b) / norm(b);
    } else {
      out.row(b).setConstant(uniform);
      norm(b) = 0;
    }
  }
}

TEST(LargeBatchForward, AmplitudeEncodingEqualsTheRowByRowFormulaBitForBit) {
  for (Index batch : {1, 7, 1024, 1040}) {
    Matrix x = random_batch(batch, 64, 5);
    x.row(0).setZero();                                             // uniform state, zero gradient
    if (batch > 2) x(2, 3) = std::numeric_limits<Real>::infinity();  // not finite: uniform state too
    AmplitudeEncoding enc(64);
    Matrix y, dx;
    enc.forward(x, y);
    Matrix want;
    Vector norm;
    encode_by_rows(x, want, norm, 64);
    EXPECT_TRUE(test::bit_identical(y, want)) << "batch " << batch;
    const Matrix g = random_batch(batch, 64, 6);
    enc.backward(g, dx);
    const Vector overlap = row_dots_in_order(want, g);
    Matrix want_dx(batch, 64);
    for (Index b = 0; b < batch; ++b) {
      if (norm(b) > 0)
        want_dx.row(b) = (g.row(b) - overlap(b) * want.row(b)) / norm(b);
      else
        want_dx.row(b).setZero();
    }
    EXPECT_TRUE(test::bit_identical(dx, want_dx)) << "batch " << batch;
  }
}

TEST(LargeBatchForward, QuantumStackEqualsTheInPlaceWholeBatchChainBitForBit) {
  for (Index batch : {255, 256, 257, 384, 1000, 1024, 1040, 4096}) {  // aliasing strides: 384, 1024, 4096
    Rng rng(3);
    QuantumStackOptions o;
    o.topology = SkipTopology::plain;
    o.width = 64;
    o.layers = 1;
    QuantumStack stack("q", o, rng);
    const Matrix x = random_batch(batch, 64, 7);
    Matrix y;
    stack.forward(x, y);
    Matrix want = x;  // the V chain on the whole batch, leading dimension = batch
    givens_chain_forward(stack.gates(0), 64, want.data(), batch, batch);
    EXPECT_TRUE(test::bit_identical(y, want)) << "batch " << batch;
  }
}

TEST(LargeBatchForward, ModelForwardOfASampleDoesNotDependOnThePowerOfTwoBatch) {
  for (ModelKind kind : {ModelKind::tqfnn, ModelKind::qrfnn, ModelKind::qdfnn}) {
    ModelOptions mo;
    mo.kind = kind;
    mo.width = 64;
    Model model(mo, 64, 4);
    const Matrix x = random_batch(1040, 64, 8);
    const Matrix all = model.forward(x);
    const Matrix first = model.forward(Matrix(x.topRows(1024)));
    EXPECT_TRUE(test::bit_identical(first, Matrix(all.topRows(1024)))) << enum_name(kind);
    // a chunk of 16, as training computes it
    const Matrix chunk = model.forward(Matrix(x.middleRows(1008, 16)));
    EXPECT_TRUE(test::bit_identical(chunk, Matrix(all.middleRows(1008, 16)))) << enum_name(kind);
    EXPECT_EQ(model.quantum_stack()->states()[0].rows(), 16);  // the caches hold the last batch, whole
  }
}

// The playground draws QuantumStack::states() of a forward pass: ψ_0 … ψ_L of
// a power-of-two batch are those of the same samples in a larger batch.
TEST(LargeBatchForward, LayerStatesOfAPowerOfTwoBatchEqualThoseOfALargerBatch) {
  for (ModelKind kind : {ModelKind::tqfnn, ModelKind::qdfnn}) {
    ModelOptions mo;
    mo.kind = kind;
    mo.width = 64;
    mo.layers = 3;
    Model model(mo, 64, 4);
    const Matrix x = random_batch(4112, 64, 9);
    model.forward(x);
    const std::vector<Matrix> all = model.quantum_stack()->states();
    model.forward(Matrix(x.topRows(4096)));
    const std::vector<Matrix>& part = model.quantum_stack()->states();
    ASSERT_EQ(part.size(), all.size());
    for (size_t l = 0; l < all.size(); ++l)
      EXPECT_TRUE(test::bit_identical(part[l], Matrix(all[l].topRows(4096)))) << model_kind_name(kind) << " psi_" << l;
  }
}

}  // namespace
}  // namespace hqnn
