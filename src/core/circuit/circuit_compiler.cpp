#include "circuit_compiler.hpp"

#include <cmath>

#include "core/amplitude_encoding.hpp"
#include "core/givens_chain.hpp"
#include "core/quantum_stack.hpp"

namespace hqnn {

Circuit compile_givens_chain(const std::vector<double>& angles, int n) {
  Circuit c;
  c.qubits = qubits_for_width(n);
  for (int r = givens_gate_count(n) - 1; r >= 0; --r) {
    const int p = givens_gate_pair(r, n);
    int t = 0;
    while ((p >> t) & 1) ++t;  // trailing ones of p: the rotation acts on q[t]
    for (int j = 0; j < t; ++j) c.gates.push_back(Gate::cnot(t, j));
    Gate rotation{GateKind::mcry, t, {}, {}, {2 * angles[static_cast<size_t>(r)]}};
    for (int j = 0; j < c.qubits; ++j) {
      if (j == t) continue;
      rotation.controls.push_back(j);
      rotation.control_values.push_back(j < t ? 1 : (p >> j) & 1);
    }
    c.gates.push_back(rotation);
    for (int j = t - 1; j >= 0; --j) c.gates.push_back(Gate::cnot(t, j));
  }
  return c;
}

Circuit compile_layer(const QuantumStack& stack, int l) {
  const Real* a = stack.layer_angles(l);
  return compile_givens_chain(std::vector<double>(a, a + stack.gates_per_layer()), stack.options().width);
}

Circuit amplitude_preparation(const std::vector<double>& x) {
  const int n = static_cast<int>(x.size());
  Circuit c;
  c.qubits = qubits_for_width(n);
  std::vector<double> amp(size_t{1} << c.qubits, 0.0);
  double norm = 0;
  for (double v : x) norm += v * v;
  norm = std::sqrt(norm);
  for (int k = 0; k < n; ++k)
    amp[static_cast<size_t>(k)] = norm < AmplitudeEncoding::kZeroNorm ? 1 / std::sqrt(double(n)) : x[static_cast<size_t>(k)];
  // block[m] at level j: the norm of amplitudes [m 2^j, (m+1) 2^j).
  std::vector<std::vector<double>> block(static_cast<size_t>(c.qubits) + 1);
  block[0] = amp;
  for (int j = 1; j <= c.qubits; ++j) {
    const auto& below = block[static_cast<size_t>(j - 1)];
    auto& level = block[static_cast<size_t>(j)];
    level.resize(below.size() / 2);
    for (size_t m = 0; m < level.size(); ++m) level[m] = std::hypot(below[2 * m], below[2 * m + 1]);
  }
  for (int j = c.qubits - 1; j >= 0; --j) {
    // q[j] splits block m of level j+1 into its halves 2m (q[j] = 0) and 2m+1,
    // controlled by q[j+1..N-1], whose value is m. Level 0 keeps the signs.
    const auto& halves = block[static_cast<size_t>(j)];
    Gate g{GateKind::ucry, j, {}, {}, {}};
    for (int b = j + 1; b < c.qubits; ++b) g.controls.push_back(b);
    bool any = false;
    for (size_t m = 0; m < halves.size() / 2; ++m) {
      g.angles.push_back(2 * std::atan2(halves[2 * m + 1], halves[2 * m]));
      any = any || g.angles.back() != 0;
    }
    if (!any) continue;
    if (g.controls.empty()) g = Gate::rotation_y(j, g.angles[0]);
    c.gates.push_back(g);
  }
  return c;
}

}  // namespace hqnn
