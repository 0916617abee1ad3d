// `hqnn train`: options (the option table, a link or a checkpoint) → data →
// run → tables or JSON, an optional model file and checkpoints.
#pragma once

#include <cstdio>
#include <string>
#include <vector>

namespace hqnn::cli {

// Prints to `out` (results) and `err` (progress); throws InputError for bad input.
int train_command(const std::vector<std::string>& argv, std::FILE* out, std::FILE* err);
std::string train_help();

// Throws InputError naming `option` when `path` cannot be written (checked
// before training, so a long run never ends in a failed save). Leaves no file behind.
void check_writable(const std::string& path, const std::string& option);

}  // namespace hqnn::cli
