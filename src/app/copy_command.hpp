// "Copy as command": the `hqnn train` line that runs the playground's run.
//
// Written from the run's option table (src/run/option_table.hpp): --data, then
// every option that applies and differs from the defaults of that kind of
// data, in table order (options that follow --seed only when they differ from
// it). The CLI reads the line back into the same run (run::same_run), so it
// trains with the same data, split, noise, initialisation, shuffling and
// attack, epoch for epoch.
#pragma once

#include <string>
#include <vector>

#include "run/run_spec.hpp"

namespace hqnn::app {

// The arguments after `hqnn train`, one word per element, unquoted.
std::vector<std::string> train_arguments(const run::RunSpec& spec);
// "hqnn train --data iris ..." with words quoted for a POSIX shell where needed.
std::string train_command_line(const run::RunSpec& spec);

}  // namespace hqnn::app
