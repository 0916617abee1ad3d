// "Copy as command": the `hqnn train` line that trains the playground's run.
//
// The words are the option table's (run::to_command_line: --data, then every
// option that applies and differs from the defaults of that kind of data); the
// CLI reads them back into the same run (run::same_run), so it trains with the
// same data, split, scaling, noise, initialisation, shuffling and attack,
// epoch for epoch. Here they only get quoted for a shell.
#pragma once

#include <string>

#include "run/run_spec.hpp"

namespace hqnn::app {

// "hqnn train --data=iris ...", each word quoted for a POSIX shell where needed.
std::string train_command_line(const run::RunSpec& spec);

}  // namespace hqnn::app
