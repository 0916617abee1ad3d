#include "circuit_quirk.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>

#include "core/dataset.hpp"

namespace hqnn {

namespace {

std::string angle_text(double angle) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.17g", angle);
  return buf;
}

std::string rotation_cell(double angle) { return "{\"id\":\"Ryft\",\"arg\":\"" + angle_text(angle) + "\"}"; }

// One column: cells[q] for q < qubits ("1" is Quirk's empty cell).
std::string column(const std::vector<std::string>& cells) {
  size_t used = cells.size();
  while (used > 1 && cells[used - 1] == "1") --used;  // Quirk pads short columns
  std::string out = "[";
  for (size_t q = 0; q < used; ++q) out += (q ? "," : "") + cells[q];
  return out + "]";
}

// Quirk draws a formula gate ⌈(length + 1) / 5⌉ columns wide; the columns it
// covers are left empty so that no gate overlaps it.
void push_column(const std::vector<std::string>& cells, const std::vector<double>& rotations,
                 std::vector<std::string>& cols) {
  cols.push_back(column(cells));
  size_t widest = 1;
  for (double a : rotations) widest = std::max(widest, (angle_text(a).size() + 1 + 4) / 5);
  for (size_t i = 1; i < widest; ++i) cols.push_back("[]");
}

void gate_columns(const Gate& g, int qubits, std::vector<std::string>& cols) {
  std::vector<std::string> cells(static_cast<size_t>(qubits), "1");
  const auto target = static_cast<size_t>(g.target);
  switch (g.kind) {
    case GateKind::x: cells[target] = "\"X\""; break;
    case GateKind::cx:
      cells[static_cast<size_t>(g.controls[0])] = "\"•\"";
      cells[target] = "\"X\"";
      break;
    case GateKind::ry: cells[target] = rotation_cell(g.angles[0]); break;
    case GateKind::mcry:
      for (size_t b = 0; b < g.controls.size(); ++b)
        cells[static_cast<size_t>(g.controls[b])] = g.control_values[b] ? "\"•\"" : "\"◦\"";
      cells[target] = rotation_cell(g.angles[0]);
      break;
    case GateKind::ucry:
      for (size_t c = 0; c < g.angles.size(); ++c) {
        if (g.angles[c] == 0) continue;
        for (size_t b = 0; b < g.controls.size(); ++b)
          cells[static_cast<size_t>(g.controls[b])] = (c >> b) & 1 ? "\"•\"" : "\"◦\"";
        cells[target] = rotation_cell(g.angles[c]);
        push_column(cells, {g.angles[c]}, cols);
      }
      return;
  }
  push_column(cells, g.kind == GateKind::ry || g.kind == GateKind::mcry ? g.angles : std::vector<double>{}, cols);
}

}  // namespace

std::string quirk_json(const std::vector<CircuitPart>& parts) {
  int qubits = 1, data = 1;
  for (const CircuitPart& p : parts) {
    qubits = std::max(qubits, p.circuit.total_qubits());
    data = std::max(data, p.circuit.qubits);
  }
  if (qubits > kQuirkMaxQubits)
    throw InputError("Quirk simulates at most " + std::to_string(kQuirkMaxQubits) + " qubits; this circuit has " +
                     std::to_string(qubits) + " (use --format qasm)");
  std::vector<std::string> cols;
  for (const CircuitPart& p : parts)
    for (const Gate& g : p.circuit.gates) gate_columns(g, qubits, cols);
  cols.push_back("[\"Amps" + std::to_string(data) + "\"]");
  std::string out = "{\"cols\":[";
  for (size_t i = 0; i < cols.size(); ++i) out += (i ? "," : "") + cols[i];
  return out + "]}";
}

std::string quirk_url(const std::vector<CircuitPart>& parts) {
  const std::string json = quirk_json(parts);
  std::string out = "https://algassert.com/quirk#circuit=";
  for (unsigned char ch : json) {
    if (std::isalnum(ch) || ch == '-' || ch == '_' || ch == '.' || ch == '~') {
      out += static_cast<char>(ch);
    } else {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", ch);
      out += buf;
    }
  }
  return out;
}

}  // namespace hqnn
