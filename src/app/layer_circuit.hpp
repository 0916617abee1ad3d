// One quantum-inspired layer of the playground's model as a quantum circuit
// (the state viewer's qubit view): the compiler of src/core/circuit/circuit_compiler
// applied to the layer's angles as the snapshot holds them. UI-free.
//
// The compiled circuit (CNOT ladders and multi-controlled RY, one per Givens
// gate) is what the view draws; its lowering to qelib1.inc's x, cx and ry is
// what the counts, the OpenQASM text and the depth describe.
#pragma once

#include <string>
#include <vector>

#include "core/circuit/circuit.hpp"
#include "core/real.hpp"

namespace hqnn::app {

struct Snapshot;

struct LayerCircuit {
  int layer = -1;            // 0-based: U_layer
  int width = 0;             // n amplitudes
  Circuit compiled;          // data qubits only; ladders and mcry
};
// Compiles U_layer from its 2n-3 angles (D1): O(n log n) gates, cheap enough
// to redo whenever the angles change.
LayerCircuit compile_layer_circuit(const std::vector<Real>& angles, int n, int layer);

// What the lowering to x, cx and ry costs. It depends on n alone (the
// peephole pass only drops rotations whose angles sum to exactly zero), and
// at n = 4096 it has about a million gates: the view computes it once per width.
struct LoweredCost {
  CircuitStats stats;
  int ancillas = 0;          // work qubits, |0> in and out
};
LoweredCost lowered_cost(const LayerCircuit& circuit);

// What the qubit view shows, kept between frames: the circuit is compiled
// again when the layer's angles change, the cost when the width changes.
struct QubitViewCache {
  std::vector<Real> angles;  // of `circuit`
  LayerCircuit circuit;
  LoweredCost cost;
  int cost_width = 0;        // n of `cost`; 0: none yet
  double compiled_ms = -1e9; // when `circuit` was compiled (platform::now_ms)
};

// The shown model's layer as `hqnn circuit --layer l` writes it from the
// model's file (core/circuit/circuit_program.hpp: the same gates and header, the
// padding, ancillas and skip sums included): OpenQASM 2.0 (lowered) and a
// Quirk link (multi-controlled gates kept as one column each).
std::string layer_openqasm(const Snapshot& snapshot, int layer);
std::string layer_quirk_url(const Snapshot& snapshot, int layer);

// Quirk becomes unusably slow long before its 16-qubit limit: the link is
// offered up to this width.
inline constexpr int kQuirkLinkMaxWidth = 64;

}  // namespace hqnn::app
