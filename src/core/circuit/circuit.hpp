// A gate-level quantum circuit, and what it costs.
//
// Basis convention (everywhere in hqnn's circuits): amplitude k of a state is
// the amplitude of the basis state |k⟩, and bit j of k is qubit q[j], so q[0]
// is the least significant bit. A circuit's data qubits are q[0..qubits-1];
// ancillas, when a decomposition needs them, are q[qubits..qubits+ancillas-1]
// and start and end in |0⟩, so the data state is amplitudes 0..2^qubits-1.
//
// Gates are listed in the order they act on a state. Compiled layers first use
// the multi-controlled and uniformly controlled rotations below;
// lower_to_qelib1() (circuit_lowering.hpp) rewrites those into x, cx and ry,
// which OpenQASM 2.0's qelib1.inc defines.
#pragma once

#include <string>
#include <vector>

#include "core/enum_table.hpp"

namespace hqnn {

enum class GateKind {
  x,     // NOT on target
  cx,    // CNOT, controls[0] -> target
  ry,    // RY(θ) = exp(-iθY/2) = [[cos θ/2, -sin θ/2], [sin θ/2, cos θ/2]] on target
  mcry,  // RY(angles[0]) on target when every controls[b] holds control_values[b]
  ucry,  // uniformly controlled RY: RY(angles[c]) on target, c = Σ_b bit(controls[b]) 2^b
};
template <>
struct EnumTable<GateKind> {
  static constexpr EnumName<GateKind> rows[] = {
      {GateKind::x, "x"}, {GateKind::cx, "cx"}, {GateKind::ry, "ry"}, {GateKind::mcry, "mcry"}, {GateKind::ucry, "ucry"}};
};
static_assert(enum_table_is_complete<GateKind>());

struct Gate {
  GateKind kind = GateKind::x;
  int target = 0;
  std::vector<int> controls;
  std::vector<int> control_values;  // mcry only: 1 (control on |1⟩) or 0 (on |0⟩)
  std::vector<double> angles;       // ry, mcry: one angle; ucry: 2^controls.size()

  static Gate not_gate(int target) { return {GateKind::x, target, {}, {}, {}}; }
  static Gate cnot(int control, int target) { return {GateKind::cx, target, {control}, {}, {}}; }
  static Gate rotation_y(int target, double angle) { return {GateKind::ry, target, {}, {}, {angle}}; }
};

struct Circuit {
  int qubits = 1;    // data qubits
  int ancillas = 0;  // work qubits after the data qubits, |0⟩ in and out
  std::vector<Gate> gates;
  int total_qubits() const { return qubits + ancillas; }
};

// N = ⌈log₂ n⌉ data qubits for a state of n amplitudes (at least 1).
int qubits_for_width(int n);

struct CircuitStats {
  int x = 0, cx = 0, ry = 0, mcry = 0, ucry = 0;
  int cnots = 0;  // two-qubit gates of a lowered circuit (= cx)
  int depth = 0;  // moments: gates on disjoint qubits share one
  int gates() const { return x + cx + ry + mcry + ucry; }
};
CircuitStats circuit_stats(const Circuit& circuit);

}  // namespace hqnn
