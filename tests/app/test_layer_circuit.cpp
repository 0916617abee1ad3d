// The state viewer's qubit view: a layer's circuit, its cost and its exports.
#include <gtest/gtest.h>

#include <cmath>

#include "core/circuit/circuit_compiler.hpp"
#include "core/givens_chain.hpp"
#include "layer_circuit.hpp"
#include "training_session.hpp"

namespace hqnn::app {
namespace {

std::vector<Real> angles_for(int n) {
  std::vector<Real> a(static_cast<size_t>(givens_gate_count(n)));
  for (size_t i = 0; i < a.size(); ++i) a[i] = static_cast<Real>(0.3 + 0.1 * std::sin(double(i)));
  return a;
}

TEST(LayerCircuit, CountsMatchTheResourceTableOfTheDocs) {
  // docs/reproduction.md: CNOTs per layer, default decomposition.
  const struct { int n, qubits, cnots, ancillas; } rows[] = {{4, 2, 10, 0}, {8, 3, 64, 0}, {16, 4, 272, 0},
                                                             {32, 5, 1016, 2}};
  for (const auto& r : rows) {
    const LayerCircuit c = compile_layer_circuit(angles_for(r.n), r.n, 0);
    EXPECT_EQ(c.compiled.qubits, r.qubits) << r.n;
    const LoweredCost cost = lowered_cost(c);
    EXPECT_EQ(cost.stats.cnots, r.cnots) << r.n;
    EXPECT_EQ(cost.ancillas, r.ancillas) << r.n;
  }
}

TEST(LayerCircuit, OneMultiControlledRotationPerGivensGate) {
  const LayerCircuit c = compile_layer_circuit(angles_for(13), 13, 1);
  EXPECT_EQ(circuit_stats(c.compiled).mcry, givens_gate_count(13));
  EXPECT_EQ(c.layer, 1);
}

Snapshot snapshot_of(ModelKind kind, int n, int layers) {
  Snapshot s;
  s.settings.run.model.kind = kind;
  s.hybrid = true;
  s.width = n;
  s.layers = layers;
  for (int l = 0; l < layers; ++l) s.angles.push_back(angles_for(n));
  return s;
}

TEST(LayerCircuit, OpenQasmIsTheCommandLinesProgramWithPaddingBasisAndSkipSums) {
  const std::string qasm = layer_openqasm(snapshot_of(ModelKind::qrfnn, 5, 2), 1);
  EXPECT_NE(qasm.find("OPENQASM 2.0;"), std::string::npos);
  EXPECT_NE(qasm.find("qreg q[3];"), std::string::npos) << qasm.substr(0, 600);
  EXPECT_NE(qasm.find("U_1"), std::string::npos);
  EXPECT_NE(qasm.find("amplitudes 5..7 start at 0 and stay 0"), std::string::npos) << qasm.substr(0, 600);
  EXPECT_NE(qasm.find("q[0] the least significant bit"), std::string::npos);
  EXPECT_NE(qasm.find("residual skip sums"), std::string::npos) << qasm.substr(0, 600);
  const std::string plain = layer_openqasm(snapshot_of(ModelKind::tqfnn, 8, 1), 0);
  EXPECT_EQ(plain.find("padding"), std::string::npos);
  EXPECT_EQ(plain.find("skip sums"), std::string::npos);
}

TEST(LayerCircuit, OpenQasmFollowsTheShownLayersAnglesOnly) {
  Snapshot s = snapshot_of(ModelKind::qdfnn, 4, 2);
  const std::string before = layer_openqasm(s, 1);
  s.angles[0][2] += 0.5f;  // another layer
  EXPECT_EQ(layer_openqasm(s, 1), before);
  s.angles[1][2] += 0.5f;  // the shown layer
  EXPECT_NE(layer_openqasm(s, 1), before);
}

TEST(LayerCircuit, QuirkLinkOpensQuirkWithTheCircuit) {
  const std::string url = layer_quirk_url(snapshot_of(ModelKind::qdfnn, 8, 2), 0);
  EXPECT_EQ(url.rfind("https://algassert.com/quirk#circuit=", 0), 0u) << url.substr(0, 80);
  EXPECT_NE(url.find("Ryft"), std::string::npos);
}

}  // namespace
}  // namespace hqnn::app
