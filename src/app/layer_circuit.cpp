#include "layer_circuit.hpp"

#include "core/circuit_compiler.hpp"
#include "core/circuit_lowering.hpp"
#include "core/circuit_quirk.hpp"

namespace hqnn::app {

LayerCircuit compile_layer_circuit(const std::vector<Real>& angles, int n, int layer) {
  LayerCircuit c;
  c.layer = layer;
  c.width = n;
  c.compiled = compile_givens_chain(std::vector<double>(angles.begin(), angles.end()), n);
  return c;
}

LoweredCost lowered_cost(const LayerCircuit& c) {
  const Circuit lowered = lower_to_qelib1(c.compiled);
  return {circuit_stats(lowered), lowered.ancillas};
}

static std::string label(const LayerCircuit& c) { return "U_" + std::to_string(c.layer); }

std::string layer_openqasm(const LayerCircuit& c) {
  const int padded = 1 << c.compiled.qubits;
  std::vector<std::string> header = {
      "hqnn playground: layer " + std::to_string(c.layer) + " (" + label(c) + ") of the model, n = " +
          std::to_string(c.width) + " amplitudes on " + std::to_string(c.compiled.qubits) + " qubits",
      "basis: amplitude k is |k>, q[0] the least significant bit"};
  const Circuit lowered = lower_to_qelib1(c.compiled);
  if (lowered.ancillas > 0)
    header.push_back("q[" + std::to_string(c.compiled.qubits) + "] and up: ancillas, |0> in and out");
  if (padded > c.width)
    header.push_back("amplitudes " + std::to_string(c.width) + ".." + std::to_string(padded - 1) +
                     " are padding: zero in, zero out");
  return write_openqasm({{label(c), lowered}}, header);
}

std::string layer_quirk_url(const LayerCircuit& c) { return quirk_url({{label(c), c.compiled}}); }

}  // namespace hqnn::app
