#include "circuit_qasm.hpp"

#include <algorithm>
#include <cstdio>
#include <stdexcept>

namespace hqnn {

// 17 significant digits: the angle reads back as the same double.
static std::string exact(double v) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  return buf;
}

std::string write_openqasm(const std::vector<CircuitPart>& parts, const std::vector<std::string>& header) {
  int total = 1;
  for (const CircuitPart& p : parts) total = std::max(total, p.circuit.total_qubits());
  std::string out;
  for (const std::string& line : header) out += "// " + line + "\n";
  out += "OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[" + std::to_string(total) + "];\n";
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) out += "barrier q;\n";
    out += "// " + parts[i].label + "\n";
    for (const Gate& g : parts[i].circuit.gates) {
      const std::string target = "q[" + std::to_string(g.target) + "]";
      switch (g.kind) {
        case GateKind::x: out += "x " + target + ";\n"; break;
        case GateKind::cx: out += "cx q[" + std::to_string(g.controls[0]) + "]," + target + ";\n"; break;
        case GateKind::ry: out += "ry(" + exact(g.angles[0]) + ") " + target + ";\n"; break;
        default:
          throw std::logic_error(std::string("write_openqasm: ") + enum_name(g.kind) +
                                 " is not a qelib1.inc gate (lower the circuit first)");
      }
    }
  }
  return out;
}

}  // namespace hqnn
