#include "circuit_lowering.hpp"

#include <algorithm>
#include <cmath>

#include "core/dataset.hpp"

namespace hqnn {

static int gray_code_cnots(int controls) { return controls == 0 ? 0 : 1 << controls; }
static int ancilla_chain_cnots(int controls) { return 6 * controls - 8; }  // controls >= 3

MultiControl resolve_multi_control(MultiControl strategy, int controls) {
  if (controls <= 2) return MultiControl::gray_code;  // the chain of up to 2 controls is the Gray code itself
  if (strategy != MultiControl::fewest_cnots) return strategy;
  if (controls > 30) return MultiControl::ancilla_chain;
  // Ties go to the chain: the Toffolis of neighbouring rotations partly cancel.
  return ancilla_chain_cnots(controls) <= gray_code_cnots(controls) ? MultiControl::ancilla_chain : MultiControl::gray_code;
}

int multi_controlled_ry_cnots(int controls, MultiControl strategy) {
  return resolve_multi_control(strategy, controls) == MultiControl::gray_code ? gray_code_cnots(controls)
                                                                              : ancilla_chain_cnots(controls);
}

int multi_controlled_ry_ancillas(int controls, MultiControl strategy) {
  return resolve_multi_control(strategy, controls) == MultiControl::ancilla_chain ? controls - 2 : 0;
}

namespace {

int gray(int i) { return i ^ (i >> 1); }
int trailing_zeros(unsigned v) {
  int z = 0;
  while (!(v & 1u)) v >>= 1, ++z;
  return z;
}

// Uniformly controlled RY by the Gray-code cascade (header comment).
void emit_uniformly_controlled_ry(int target, const std::vector<int>& controls, std::vector<double> alpha,
                                  std::vector<Gate>& out) {
  const int k = static_cast<int>(controls.size());
  if (k == 0) {
    out.push_back(Gate::rotation_y(target, alpha[0]));
    return;
  }
  const int size = 1 << k;
  // In-place Walsh-Hadamard transform: alpha[m] <- Σ_c (-1)^{popcount(c & m)} alpha[c].
  for (int h = 1; h < size; h <<= 1)
    for (int i = 0; i < size; i += 2 * h)
      for (int j = i; j < i + h; ++j) {
        const double a = alpha[static_cast<size_t>(j)], b = alpha[static_cast<size_t>(j + h)];
        alpha[static_cast<size_t>(j)] = a + b;
        alpha[static_cast<size_t>(j + h)] = a - b;
      }
  for (int i = 0; i < size; ++i) {
    const double theta = std::ldexp(alpha[static_cast<size_t>(gray(i))], -k);
    if (theta != 0) out.push_back(Gate::rotation_y(target, theta));
    const int flip = i + 1 < size ? trailing_zeros(static_cast<unsigned>(i + 1)) : k - 1;
    out.push_back(Gate::cnot(controls[static_cast<size_t>(flip)], target));
  }
}

// A Toffoli up to a ±1 diagonal (Margolus), with ry and cx only; its own inverse
// as a sequence, so compute and uncompute emit the same gates.
void emit_relative_phase_toffoli(int a, int b, int target, std::vector<Gate>& out) {
  const double quarter = std::atan(1.0);  // π/4
  out.push_back(Gate::rotation_y(target, quarter));
  out.push_back(Gate::cnot(b, target));
  out.push_back(Gate::rotation_y(target, quarter));
  out.push_back(Gate::cnot(a, target));
  out.push_back(Gate::rotation_y(target, -quarter));
  out.push_back(Gate::cnot(b, target));
  out.push_back(Gate::rotation_y(target, -quarter));
}

void emit_multi_controlled_ry(const Gate& g, MultiControl strategy, int first_ancilla, std::vector<Gate>& out) {
  const int k = static_cast<int>(g.controls.size());
  if (resolve_multi_control(strategy, k) == MultiControl::gray_code) {
    std::vector<double> alpha(size_t{1} << k, 0.0);
    size_t index = 0;
    for (int b = 0; b < k; ++b) index |= static_cast<size_t>(g.control_values[static_cast<size_t>(b)]) << b;
    alpha[index] = g.angles[0];
    emit_uniformly_controlled_ry(g.target, g.controls, alpha, out);
    return;
  }
  for (int b = 0; b < k; ++b)
    if (!g.control_values[static_cast<size_t>(b)]) out.push_back(Gate::not_gate(g.controls[static_cast<size_t>(b)]));
  // ancilla i holds controls[0] ∧ … ∧ controls[i+1].
  const auto compute_chain = [&] {
    emit_relative_phase_toffoli(g.controls[0], g.controls[1], first_ancilla, out);
    for (int i = 1; i <= k - 3; ++i)
      emit_relative_phase_toffoli(g.controls[static_cast<size_t>(i + 1)], first_ancilla + i - 1, first_ancilla + i, out);
  };
  compute_chain();
  std::vector<double> alpha(4, 0.0);
  alpha[3] = g.angles[0];
  emit_uniformly_controlled_ry(g.target, {g.controls[static_cast<size_t>(k - 1)], first_ancilla + k - 3}, alpha, out);
  // Uncompute in reverse order (each Toffoli's sequence is its own inverse).
  for (int i = k - 3; i >= 1; --i)
    emit_relative_phase_toffoli(g.controls[static_cast<size_t>(i + 1)], first_ancilla + i - 1, first_ancilla + i, out);
  emit_relative_phase_toffoli(g.controls[0], g.controls[1], first_ancilla, out);
  for (int b = 0; b < k; ++b)
    if (!g.control_values[static_cast<size_t>(b)]) out.push_back(Gate::not_gate(g.controls[static_cast<size_t>(b)]));
}

long long lowered_gate_estimate(const Gate& g, MultiControl strategy) {
  const int k = static_cast<int>(g.controls.size());
  switch (g.kind) {
    case GateKind::mcry:
      return resolve_multi_control(strategy, k) == MultiControl::gray_code ? 2LL << std::min(k, 40) : 16LL * k + 8;
    case GateKind::ucry: return 2LL << std::min(k, 40);
    default: return 1;
  }
}

// Peephole pass (header comment). top[q] lists the live gates on qubit q in order.
std::vector<Gate> cancel_neighbours(const std::vector<Gate>& gates, int qubits) {
  std::vector<Gate> kept;
  std::vector<bool> live;
  std::vector<std::vector<size_t>> top(static_cast<size_t>(qubits));
  const auto touches = [](const Gate& g) {
    std::vector<int> q = g.controls;
    q.push_back(g.target);
    return q;
  };
  for (const Gate& g : gates) {
    const std::vector<int> qs = touches(g);
    // The previous gate on these qubits, if it is the latest on each of them.
    std::optional<size_t> prev;
    bool same_for_all = true;
    for (int q : qs) {
      const auto& stack = top[static_cast<size_t>(q)];
      if (stack.empty()) {
        same_for_all = false;
        break;
      }
      if (!prev) prev = stack.back();
      else if (*prev != stack.back()) same_for_all = false;
    }
    if (same_for_all && prev) {
      Gate& p = kept[*prev];
      const bool self_inverse = (g.kind == GateKind::x || g.kind == GateKind::cx) && p.kind == g.kind &&
                                p.target == g.target && p.controls == g.controls;
      const bool merge = g.kind == GateKind::ry && p.kind == GateKind::ry && p.target == g.target;
      if (merge) p.angles[0] += g.angles[0];
      if (self_inverse || (merge && p.angles[0] == 0)) {
        live[*prev] = false;
        for (int q : touches(p)) top[static_cast<size_t>(q)].pop_back();
      }
      if (self_inverse || merge) continue;
    }
    for (int q : qs) top[static_cast<size_t>(q)].push_back(kept.size());
    kept.push_back(g);
    live.push_back(true);
  }
  std::vector<Gate> out;
  for (size_t i = 0; i < kept.size(); ++i)
    if (live[i]) out.push_back(std::move(kept[i]));
  return out;
}

}  // namespace

Circuit lower_to_qelib1(const Circuit& circuit, MultiControl strategy) {
  Circuit out;
  out.qubits = circuit.qubits;
  long long estimate = 0;
  for (const Gate& g : circuit.gates) {
    estimate += lowered_gate_estimate(g, strategy);
    if (g.kind == GateKind::mcry)
      out.ancillas = std::max(out.ancillas, multi_controlled_ry_ancillas(static_cast<int>(g.controls.size()), strategy));
  }
  if (estimate > kMaxLoweredGates)
    throw InputError("the circuit would have about " + std::to_string(estimate) + " gates with " +
                     enum_name(strategy) + " multi-controlled rotations (at most " +
                     std::to_string(kMaxLoweredGates) + "); use --multi-control ancilla-chain");
  std::vector<Gate> gates;
  for (const Gate& g : circuit.gates) {
    switch (g.kind) {
      case GateKind::mcry: emit_multi_controlled_ry(g, strategy, circuit.total_qubits(), gates); break;
      case GateKind::ucry: emit_uniformly_controlled_ry(g.target, g.controls, g.angles, gates); break;
      default: gates.push_back(g);
    }
  }
  out.gates = cancel_neighbours(gates, out.total_qubits());
  return out;
}

}  // namespace hqnn
