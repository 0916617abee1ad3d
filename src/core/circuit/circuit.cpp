#include "circuit.hpp"

#include <algorithm>

namespace hqnn {

int qubits_for_width(int n) {
  int qubits = 1;
  while ((1LL << qubits) < n) ++qubits;
  return qubits;
}

CircuitStats circuit_stats(const Circuit& circuit) {
  CircuitStats s;
  std::vector<int> busy_until(static_cast<size_t>(circuit.total_qubits()), 0);  // moments used per qubit
  for (const Gate& g : circuit.gates) {
    switch (g.kind) {
      case GateKind::x: ++s.x; break;
      case GateKind::cx: ++s.cx; break;
      case GateKind::ry: ++s.ry; break;
      case GateKind::mcry: ++s.mcry; break;
      case GateKind::ucry: ++s.ucry; break;
    }
    int moment = busy_until[static_cast<size_t>(g.target)];
    for (int c : g.controls) moment = std::max(moment, busy_until[static_cast<size_t>(c)]);
    ++moment;
    busy_until[static_cast<size_t>(g.target)] = moment;
    for (int c : g.controls) busy_until[static_cast<size_t>(c)] = moment;
    s.depth = std::max(s.depth, moment);
  }
  s.cnots = s.cx;
  return s;
}

}  // namespace hqnn
