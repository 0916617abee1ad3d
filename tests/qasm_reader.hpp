// Reads back the OpenQASM 2.0 that write_openqasm() produces (one register q,
// gates x, cx, ry, comments, barriers), for the tests that simulate it.
#pragma once

#include <gtest/gtest.h>

#include <cstdlib>
#include <sstream>
#include <string>

#include "core/circuit/circuit.hpp"

namespace hqnn::testing {

inline int qubit_of(const std::string& operand) {  // "q[3]" -> 3
  EXPECT_EQ(operand.rfind("q[", 0), 0u) << operand;
  return std::atoi(operand.c_str() + 2);
}

inline Circuit read_qasm(const std::string& text) {
  Circuit c;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line.rfind("//", 0) == 0 || line.rfind("barrier", 0) == 0 || line.rfind("OPENQASM", 0) == 0 ||
        line.rfind("include", 0) == 0)
      continue;
    EXPECT_EQ(line.back(), ';') << line;
    const std::string body = line.substr(0, line.size() - 1);
    if (body.rfind("qreg q[", 0) == 0) {
      c.qubits = std::atoi(body.c_str() + 7);
    } else if (body.rfind("x ", 0) == 0) {
      c.gates.push_back(Gate::not_gate(qubit_of(body.substr(2))));
    } else if (body.rfind("cx ", 0) == 0) {
      const size_t comma = body.find(',');
      c.gates.push_back(Gate::cnot(qubit_of(body.substr(3, comma - 3)), qubit_of(body.substr(comma + 1))));
    } else if (body.rfind("ry(", 0) == 0) {
      const size_t close = body.find(") ");
      c.gates.push_back(Gate::rotation_y(qubit_of(body.substr(close + 2)), std::strtod(body.c_str() + 3, nullptr)));
    } else {
      ADD_FAILURE() << "unexpected OpenQASM line: " << line;
    }
  }
  return c;
}

}  // namespace hqnn::testing
