// hqnn circuit: a trained model's quantum-inspired layers as quantum circuits
// (OpenQASM 2.0, a Quirk link, or a table of gate counts and of the cost of the
// skip connections). docs/circuits.md explains the mapping.
#pragma once

#include <string>
#include <vector>

namespace hqnn::cli {

// Prints the requested format on stdout and returns the exit code (0). Bad
// options, files and inputs throw InputError with a message for the user.
int run_circuit_command(const std::vector<std::string>& args);

}  // namespace hqnn::cli
