// `hqnn reproduce`: the paper's experiment grid (reproduce_grid.hpp), run on
// all cores, and a Markdown report with the paper's numbers beside ours
// (reproduction_report.hpp).
//
// Output directory: report.md, runs/<id>.json and runs/<id>.csv (per-epoch
// curves) for every run, plots/*.svg. A shard (--shard i/N) writes runs/ and
// shard.json only; --merge DIR... combines shard directories into a report.
#pragma once

#include <string>
#include <vector>

#include "reproduce_profiles.hpp"
#include "reproduction_report.hpp"

namespace hqnn::cli {

int cmd_reproduce(const std::vector<std::string>& argv);
// Generated from the options, like every command's (run/options/command_line.hpp).
std::string reproduce_help();

}  // namespace hqnn::cli
