#include "layer_circuit.hpp"

#include <algorithm>

#include "core/circuit/circuit_compiler.hpp"
#include "core/circuit/circuit_lowering.hpp"
#include "core/circuit/circuit_program.hpp"
#include "core/circuit/circuit_quirk.hpp"
#include "core/model.hpp"
#include "core/quantum_stack.hpp"
#include "core/rng.hpp"
#include "training_session.hpp"

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

// The snapshot's quantum stack again, with its angles (the λ do not enter a circuit).
static CircuitProgram snapshot_program(const Snapshot& s, int layer, std::vector<std::string>& header) {
  QuantumStackOptions options;
  options.topology = skip_topology_of(s.settings.run.model.kind);
  options.width = s.width;
  options.layers = s.layers;
  Rng rng(0);
  QuantumStack stack("quantum", options, rng);
  for (int l = 0; l < s.layers && l < static_cast<int>(s.angles.size()); ++l)
    std::copy(s.angles[l].begin(), s.angles[l].end(), stack.layer_angles(l));
  CircuitProgram program = compile_program(stack, {layer}, std::nullopt);
  header = program_header(program, stack,
                          "the playground's " + std::string(model_kind_name(s.settings.run.model.kind)) + " (n = " +
                              std::to_string(s.width) + ", L = " + std::to_string(s.layers) + ")");
  return program;
}

std::string layer_openqasm(const Snapshot& s, int layer) {
  std::vector<std::string> header;
  const CircuitProgram program = snapshot_program(s, layer, header);
  return write_openqasm(program.lowered, header);
}

std::string layer_quirk_url(const Snapshot& s, int layer) {
  std::vector<std::string> header;
  return quirk_url(snapshot_program(s, layer, header).parts);
}

}  // namespace hqnn::app
