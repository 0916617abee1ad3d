#include "circuit_program.hpp"

#include <algorithm>

#include "circuit_compiler.hpp"
#include "core/quantum_stack.hpp"

namespace hqnn {

CircuitProgram compile_program(const QuantumStack& stack, const std::vector<int>& layers,
                               const std::optional<std::vector<double>>& psi0, MultiControl strategy) {
  CircuitProgram p;
  p.width = stack.options().width;
  p.qubits = qubits_for_width(p.width);
  p.layers = layers;
  p.multi_control = strategy;
  if (psi0) {
    p.parts.push_back({"amplitude encoding of the input (Eq. 6)", amplitude_preparation(*psi0)});
    p.has_preparation = true;
  }
  for (int l : layers)
    p.parts.push_back({"U_" + std::to_string(l) + ": " + std::to_string(stack.gates_per_layer()) +
                           " Givens rotations, the V chain of Eq. (5)",
                       compile_layer(stack, l)});
  for (const CircuitPart& part : p.parts) {
    p.lowered.push_back({part.label, lower_to_qelib1(part.circuit, strategy)});
    p.stats.push_back(circuit_stats(p.lowered.back().circuit));
    p.ancillas = std::max(p.ancillas, p.lowered.back().circuit.ancillas);
  }
  return p;
}

std::vector<std::string> program_header(const CircuitProgram& p, const QuantumStack& stack, const std::string& title) {
  const int n = p.width, N = p.qubits, k = N - 1;
  std::string layers;
  for (int l : p.layers) layers += (layers.empty() ? "U_" : ", U_") + std::to_string(l);
  std::vector<std::string> lines;
  lines.push_back("hqnn circuit: " + title + ": " + (p.has_preparation ? "amplitude encoding of the input, then " : "") +
                  layers + (p.layers.size() + p.has_preparation > 1 ? " in this order" : ""));
  lines.push_back("basis: amplitude k is |k> with q[0] the least significant bit; q[0.." + std::to_string(N - 1) +
                  "] hold the n = " + std::to_string(n) + " amplitudes");
  if (n < (1 << N))
    lines.push_back("padding: n = " + std::to_string(n) + " is not a power of two; amplitudes " + std::to_string(n) +
                    ".." + std::to_string((1 << N) - 1) + " start at 0 and stay 0");
  if (p.ancillas > 0)
    lines.push_back("ancillas: q[" + std::to_string(N) + ".." + std::to_string(N + p.ancillas - 1) +
                    "] start and end in |0>");
  lines.push_back("Givens gate T(a) on amplitudes (p, p+1) = RY(2a) on one qubit" +
                  (k > 0 ? " controlled by the other " + std::to_string(k) + (k == 1 ? " qubit" : " qubits") : "") +
                  ", between CNOT ladders (docs/circuits.md)");
  const MultiControl used = resolve_multi_control(p.multi_control, k);
  lines.push_back("multi-controlled RY: " + std::string(enum_name(used)) +
                  (p.multi_control == MultiControl::fewest_cnots && k >= 3
                       ? " (the fewer CNOTs for " + std::to_string(k) + " controls)"
                       : "") +
                  ", " + std::to_string(multi_controlled_ry_cnots(k, used)) + " CNOTs and " +
                  std::to_string(multi_controlled_ry_ancillas(k, used)) + " ancillas per rotation");
  if (stack.options().topology != SkipTopology::plain)
    lines.push_back(std::string("the ") + enum_name(stack.options().topology) +
                    " skip sums of Eq. (7)/(8) are not unitary and not in this circuit; their cost as a linear "
                    "combination of unitaries: hqnn circuit --format stats");
  return lines;
}

}  // namespace hqnn
