// OpenQASM 2.0 text of lowered circuits (x, cx and ry of qelib1.inc only).
#pragma once

#include <string>
#include <vector>

#include "circuit.hpp"

namespace hqnn {

// One labelled piece of a program, e.g. "amplitude encoding" or "U_0".
struct CircuitPart {
  std::string label;
  Circuit circuit;
};

// A program on one register q[total qubits]: the header lines as // comments,
// then each part after a comment with its label, parts separated by barriers.
// Every part must be lowered (lower_to_qelib1) and share the data qubits.
std::string write_openqasm(const std::vector<CircuitPart>& parts, const std::vector<std::string>& header);

}  // namespace hqnn
