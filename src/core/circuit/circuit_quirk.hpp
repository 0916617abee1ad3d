// Quirk (https://algassert.com/quirk) links for circuits.
//
// Quirk draws q[0] as the top wire and also reads it as the least significant
// bit, the same convention as circuit.hpp. Multi-controlled RY stay one column
// ("•" control on |1⟩, "◦" on |0⟩, the target a "Ryft" formula gate whose
// argument is the angle in radians, exp(-iθY/2)); a uniformly controlled RY
// becomes one such column per non-zero angle. A last column shows the data
// qubits' amplitudes. Quirk simulates at most 16 qubits.
#pragma once

#include <string>
#include <vector>

#include "circuit_qasm.hpp"

namespace hqnn {

constexpr int kQuirkMaxQubits = 16;

// The circuit JSON ({"cols": [...]}); throws InputError above 16 qubits.
std::string quirk_json(const std::vector<CircuitPart>& parts);
// https://algassert.com/quirk#circuit=<the JSON, percent-encoded>
std::string quirk_url(const std::vector<CircuitPart>& parts);

}  // namespace hqnn
