// A small double-precision statevector simulator for the circuit tests: it
// knows every GateKind directly from its definition (circuit.hpp), so it checks
// the compiler and the lowering without sharing their code.
#pragma once

#include <cmath>
#include <vector>

#include "core/circuit/circuit.hpp"

namespace hqnn::testing {

class Statevector {
 public:
  explicit Statevector(int qubits) : amp_(size_t{1} << qubits, 0.0) { amp_[0] = 1; }
  // The first values of `amplitudes`, zero elsewhere.
  Statevector(int qubits, const std::vector<double>& amplitudes) : amp_(size_t{1} << qubits, 0.0) {
    for (size_t k = 0; k < amplitudes.size(); ++k) amp_[k] = amplitudes[k];
  }
  const std::vector<double>& amplitudes() const { return amp_; }

  void run(const Circuit& c) {
    for (const Gate& g : c.gates) apply(g);
  }

  void apply(const Gate& g) {
    const size_t bit = size_t{1} << g.target;
    for (size_t k = 0; k < amp_.size(); ++k) {
      if (k & bit) continue;  // visit each pair (k, k | bit) once, from its |0⟩ half
      double angle = 0;
      bool flip = false;
      switch (g.kind) {
        case GateKind::x: flip = true; break;
        case GateKind::cx: flip = on(k, g.controls[0]); break;
        case GateKind::ry: angle = g.angles[0]; break;
        case GateKind::mcry: {
          bool all = true;
          for (size_t b = 0; b < g.controls.size(); ++b) all = all && on(k, g.controls[b]) == (g.control_values[b] != 0);
          angle = all ? g.angles[0] : 0;
          break;
        }
        case GateKind::ucry: {
          size_t c = 0;
          for (size_t b = 0; b < g.controls.size(); ++b) c |= size_t{on(k, g.controls[b])} << b;
          angle = g.angles[c];
          break;
        }
      }
      const double a = amp_[k], b = amp_[k | bit];
      if (flip) {
        amp_[k] = b;
        amp_[k | bit] = a;
      } else {
        const double cs = std::cos(angle / 2), sn = std::sin(angle / 2);
        amp_[k] = cs * a - sn * b;
        amp_[k | bit] = sn * a + cs * b;
      }
    }
  }

 private:
  static bool on(size_t k, int qubit) { return (k >> qubit) & 1; }
  std::vector<double> amp_;
};

}  // namespace hqnn::testing
