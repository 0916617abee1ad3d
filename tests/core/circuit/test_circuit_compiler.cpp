// The quantum circuits of a layer (circuit_compiler, circuit_lowering): each
// compiled and lowered layer reproduces U of Eq. (5) on the first n amplitudes
// and keeps the padding and the ancillas at zero; the amplitude-encoding
// preparation reproduces x / ‖x‖; the decompositions cost what the docs say.
#include <gtest/gtest.h>

#include "../../statevector.hpp"
#include "core/circuit/circuit_compiler.hpp"
#include "core/circuit/circuit_lowering.hpp"
#include "core/givens_chain.hpp"
#include "core/rng.hpp"

using namespace hqnn;
using hqnn::testing::Statevector;

namespace {

constexpr double kTol = 1e-12;
const int kWidths[] = {2, 3, 4, 5, 8, 13, 16, 64};
const MultiControl kStrategies[] = {MultiControl::gray_code, MultiControl::ancilla_chain, MultiControl::fewest_cnots};

std::vector<double> random_angles(int count, uint64_t seed) {
  Rng rng(seed);
  std::vector<double> a(static_cast<size_t>(count));
  for (double& v : a) v = rng.uniform(-kPi, kPi);
  return a;
}

// Runs `c` on basis input |k⟩ and checks the result against column k of u:
// the first n amplitudes equal u's, every other one (padding, ancillas ≠ 0) is zero.
void expect_column(const Circuit& c, const Eigen::MatrixXd& u, int k) {
  const int n = static_cast<int>(u.rows());
  std::vector<double> input(static_cast<size_t>(n), 0.0);
  input[static_cast<size_t>(k)] = 1;
  Statevector sv(c.total_qubits(), input);
  sv.run(c);
  const auto& amp = sv.amplitudes();
  for (size_t i = 0; i < amp.size(); ++i) {
    const double expected = i < static_cast<size_t>(n) ? u(static_cast<Index>(i), k) : 0.0;
    ASSERT_NEAR(amp[i], expected, kTol) << "n = " << n << ", input |" << k << "⟩, amplitude " << i;
  }
}

}  // namespace

TEST(CircuitCompiler, QubitsAreCeilLog2OfTheWidth) {
  EXPECT_EQ(qubits_for_width(2), 1);
  EXPECT_EQ(qubits_for_width(3), 2);
  EXPECT_EQ(qubits_for_width(4), 2);
  EXPECT_EQ(qubits_for_width(5), 3);
  EXPECT_EQ(qubits_for_width(64), 6);
  EXPECT_EQ(qubits_for_width(65), 7);
}

TEST(CircuitCompiler, MultiControlledLayerReproducesTheDenseProductOfEq5) {
  for (int n : kWidths) {
    const std::vector<double> angles = random_angles(givens_gate_count(n), 100 + n);
    const Eigen::MatrixXd u = givens_chain_dense(angles, n);
    const Circuit c = compile_givens_chain(angles, n);
    EXPECT_EQ(c.qubits, qubits_for_width(n));
    EXPECT_EQ(c.ancillas, 0);
    for (int k = 0; k < n; ++k) expect_column(c, u, k);
  }
}

TEST(CircuitCompiler, LoweredLayerReproducesTheDenseProductWithEveryDecomposition) {
  for (MultiControl m : kStrategies)
    for (int n : kWidths) {
      const std::vector<double> angles = random_angles(givens_gate_count(n), 200 + n);
      const Eigen::MatrixXd u = givens_chain_dense(angles, n);
      const Circuit c = lower_to_qelib1(compile_givens_chain(angles, n), m);
      for (const Gate& g : c.gates)
        ASSERT_TRUE(g.kind == GateKind::x || g.kind == GateKind::cx || g.kind == GateKind::ry) << enum_name(g.kind);
      for (int k = 0; k < n; ++k) expect_column(c, u, k);
    }
}

TEST(CircuitCompiler, AncillaChainUsesAncillasOnlyFromThreeControls) {
  // n = 64: N = 6, every rotation has 5 controls: 3 ancillas with the chain.
  const Circuit chain = lower_to_qelib1(compile_givens_chain(random_angles(125, 7), 64), MultiControl::ancilla_chain);
  EXPECT_EQ(chain.ancillas, 3);
  EXPECT_EQ(lower_to_qelib1(compile_givens_chain(random_angles(125, 7), 64), MultiControl::gray_code).ancillas, 0);
  // n = 8: 2 controls, the chain is the Gray-code rotation itself.
  EXPECT_EQ(lower_to_qelib1(compile_givens_chain(random_angles(13, 7), 8), MultiControl::ancilla_chain).ancillas, 0);
}

TEST(CircuitCompiler, PreparationReproducesTheNormalisedInput) {
  for (int n : kWidths) {
    Rng rng(300 + static_cast<uint64_t>(n));
    std::vector<double> x(static_cast<size_t>(n));
    for (double& v : x) v = rng.uniform(-2, 2);
    if (n > 4) x[1] = x[3] = 0;  // zero amplitudes and a zero block
    double norm = 0;
    for (double v : x) norm += v * v;
    norm = std::sqrt(norm);
    for (const Circuit& c : {amplitude_preparation(x), lower_to_qelib1(amplitude_preparation(x))}) {
      Statevector sv(c.total_qubits());
      sv.run(c);
      const auto& amp = sv.amplitudes();
      for (size_t k = 0; k < amp.size(); ++k)
        ASSERT_NEAR(amp[k], k < x.size() ? x[k] / norm : 0.0, kTol) << "n = " << n << ", amplitude " << k;
    }
  }
}

TEST(CircuitCompiler, PreparationOfAllZeroInputIsTheUniformStateAsInTheEncoding) {
  const Circuit c = amplitude_preparation(std::vector<double>(5, 0.0));
  Statevector sv(c.total_qubits());
  sv.run(c);
  for (size_t k = 0; k < 8; ++k) EXPECT_NEAR(sv.amplitudes()[k], k < 5 ? 1 / std::sqrt(5.0) : 0.0, kTol);
}

TEST(CircuitLowering, UniformlyControlledRotationMatchesItsDefinition) {
  for (int k = 0; k <= 4; ++k) {
    Rng rng(400 + static_cast<uint64_t>(k));
    Gate g{GateKind::ucry, k, {}, {}, {}};
    for (int b = 0; b < k; ++b) g.controls.push_back(k - 1 - b);  // controls in descending order
    for (int c = 0; c < (1 << k); ++c) g.angles.push_back(rng.uniform(-kPi, kPi));
    const Circuit high{k + 1, 0, {g}};
    const Circuit low = lower_to_qelib1(high);
    EXPECT_EQ(circuit_stats(low).cnots, k == 0 ? 0 : 1 << k);
    for (int in = 0; in < (1 << (k + 1)); ++in) {
      std::vector<double> basis(size_t{1} << (k + 1), 0.0);
      basis[static_cast<size_t>(in)] = 1;
      Statevector a(k + 1, basis), b(k + 1, basis);
      a.run(high);
      b.run(low);
      for (size_t i = 0; i < basis.size(); ++i) ASSERT_NEAR(a.amplitudes()[i], b.amplitudes()[i], kTol) << k;
    }
  }
}

TEST(CircuitLowering, MultiControlledRotationCostsTheDocumentedCnots) {
  for (MultiControl m : kStrategies)
    for (int k = 0; k <= 6; ++k) {
      Gate g{GateKind::mcry, k, {}, {}, {1.234}};
      for (int b = 0; b < k; ++b) {
        g.controls.push_back(b);
        g.control_values.push_back(b % 3 != 1);  // some controls on |0⟩
      }
      const Circuit high{k + 1, 0, {g}};
      const Circuit low = lower_to_qelib1(high, m);
      EXPECT_EQ(circuit_stats(low).cnots, multi_controlled_ry_cnots(k, m)) << enum_name(m) << " k = " << k;
      EXPECT_EQ(low.ancillas, multi_controlled_ry_ancillas(k, m));
      // Same unitary on the data qubits, ancillas back to |0⟩.
      for (int in = 0; in < (1 << (k + 1)); ++in) {
        std::vector<double> basis(size_t{1} << (k + 1), 0.0);
        basis[static_cast<size_t>(in)] = 1;
        Statevector a(k + 1, basis), b(low.total_qubits(), basis);
        a.run(high);
        b.run(low);
        for (size_t i = 0; i < b.amplitudes().size(); ++i)
          ASSERT_NEAR(b.amplitudes()[i], i < basis.size() ? a.amplitudes()[i] : 0.0, kTol) << k << " " << in;
      }
    }
  // The documented costs: 2^k without ancillas, 6k - 8 with k - 2 ancillas.
  EXPECT_EQ(multi_controlled_ry_cnots(5, MultiControl::gray_code), 32);
  EXPECT_EQ(multi_controlled_ry_cnots(5, MultiControl::ancilla_chain), 22);
  EXPECT_EQ(multi_controlled_ry_ancillas(5, MultiControl::ancilla_chain), 3);
  EXPECT_EQ(resolve_multi_control(MultiControl::fewest_cnots, 3), MultiControl::gray_code);
  EXPECT_EQ(resolve_multi_control(MultiControl::fewest_cnots, 4), MultiControl::ancilla_chain);
}

TEST(CircuitLowering, PeepholeCancelsInversePairsAndMergesRotations) {
  const Circuit c{2, 0, {Gate::cnot(0, 1), Gate::rotation_y(0, 0.5), Gate::cnot(0, 1), Gate::not_gate(1),
                         Gate::not_gate(1), Gate::rotation_y(0, -0.5), Gate::rotation_y(1, 0.25),
                         Gate::rotation_y(1, 0.5)}};
  // cx(0,1) ry(q0) cx(0,1): q0 is busy in between, so the cx stay; x x on q1 cancel;
  // ry(±0.5) on q0 have a cx between them and stay; the two ry on q1 merge.
  const Circuit low = lower_to_qelib1(c);
  const CircuitStats s = circuit_stats(low);
  EXPECT_EQ(s.cx, 2);
  EXPECT_EQ(s.x, 0);
  EXPECT_EQ(s.ry, 3);
  EXPECT_DOUBLE_EQ(low.gates.back().angles[0], 0.75);
}

TEST(CircuitStats, DepthCountsMomentsOfGatesOnDisjointQubits) {
  const Circuit c{3, 0, {Gate::rotation_y(0, 1), Gate::rotation_y(1, 1), Gate::rotation_y(2, 1), Gate::cnot(0, 1),
                         Gate::not_gate(2), Gate::cnot(1, 2)}};
  const CircuitStats s = circuit_stats(c);
  EXPECT_EQ(s.depth, 3);
  EXPECT_EQ(s.gates(), 6);
  EXPECT_EQ(s.cnots, 2);
  EXPECT_EQ(s.x, 1);
}
