// A model's quantum-inspired layers as one program, the unit the CLI and a
// playground view compile: optionally the amplitude encoding of an input, then
// U_l for the chosen layers. Each part is kept twice, with multi-controlled
// rotations (Quirk draws those natively) and lowered to qelib1.inc (OpenQASM,
// gate counts), with the header every written program carries: basis
// convention, padding, ancillas, decomposition, and what is not in it.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "circuit_lowering.hpp"
#include "circuit_qasm.hpp"

namespace hqnn {

class QuantumStack;

struct CircuitProgram {
  int width = 0;              // n
  int qubits = 0;             // N = ⌈log₂ n⌉ data qubits
  int ancillas = 0;           // after the data qubits, |0⟩ in and out
  std::vector<int> layers;    // the U_l compiled, in order
  bool has_preparation = false;
  MultiControl multi_control = MultiControl::fewest_cnots;  // as requested
  std::vector<CircuitPart> parts;    // multi-controlled rotations
  std::vector<CircuitPart> lowered;  // x, cx, ry
  std::vector<CircuitStats> stats;   // of each lowered part
};

// psi0: the encoded state to prepare first (none: the program starts from |0…0⟩
// and shows the layers alone).
CircuitProgram compile_program(const QuantumStack& stack, const std::vector<int>& layers,
                               const std::optional<std::vector<double>>& psi0,
                               MultiControl strategy = MultiControl::fewest_cnots);

// Comment lines for the written program; `title` names the model, e.g.
// "qdfnn.json (qdfnn, n = 4, L = 2)".
std::vector<std::string> program_header(const CircuitProgram& program, const QuantumStack& stack,
                                        const std::string& title);

}  // namespace hqnn
