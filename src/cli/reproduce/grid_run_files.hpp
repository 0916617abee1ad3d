// The files one grid run leaves in DIR/runs/: <id>.json, the run summary the
// report is built from (options, final results, D12 statistics, per-epoch
// curves, timing), and <id>.csv, its per-epoch curves for other tools.
#pragma once

#include <filesystem>
#include <vector>

#include "core/json.hpp"
#include "reproduce_grid.hpp"

namespace hqnn::cli {

Json run_summary_json(const GridRun& run, const LoadedData& data, const ExperimentResult& result);

// Writes runs_dir/<id>.json and runs_dir/<id>.csv.
void write_run_files(const std::filesystem::path& runs_dir, const Json& summary);

// Every DIR/runs/*.json, sorted by file name; a file cut short or from another
// version is named in an InputError.
std::vector<Json> read_run_files(const std::filesystem::path& dir);

}  // namespace hqnn::cli
