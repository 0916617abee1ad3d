// The files one grid run leaves in DIR/runs/: <id>.json, its run record
// (run::run_json: the spec and link that replay it with `hqnn train --link`,
// final results, D12 statistics, per-epoch curves, timing) with the grid's
// labels added under "grid", which the report is built from; and <id>.csv,
// its curves CSV (run::curves_csv) for other tools.
//
//   "grid": { "id": "attack-iris-form2-gaussian-asym-qdfnn-s1", "experiment": "attack", "dataset": "iris",
//             "condition": "form2-gaussian-asym", "model": "qdfnn", "seed": 1 [, "unit": U (the study)] }
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "core/json.hpp"
#include "reproduce_grid.hpp"

namespace hqnn::cli {

// The record of `run`: spec is the run as trained (RunLoop::spec()), data as prepared for it.
Json grid_run_json(const GridRun& run, const run::RunSpec& spec, const run::PreparedData& data,
                   const ExperimentResult& result);

// A record's grid.id.
const std::string& grid_run_id(const Json& record);

// Writes runs_dir/<id>.json and runs_dir/<id>.csv.
void write_run_files(const std::filesystem::path& runs_dir, const Json& record);

// Copies every DIR/runs/<id>.json and <id>.csv of `dirs` into runs_dir as they
// are: a merge keeps the shards' files byte for byte (a record read back and
// written again would spell its float settings with 17 digits, not 9).
void copy_run_files(const std::vector<std::string>& dirs, const std::filesystem::path& runs_dir);

// Every DIR/runs/*.json, sorted by file name; a file cut short or from another
// version is named in an InputError.
std::vector<Json> read_run_files(const std::filesystem::path& dir);

}  // namespace hqnn::cli
