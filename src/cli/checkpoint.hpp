// Checkpoint files of `hqnn train --checkpoint FILE` and `--resume FILE`: the
// options the run was started with and the run's whole state after its latest
// epoch (experiment.hpp, ExperimentCheckpoints). A resumed run is bit-identical
// to one that was never interrupted.
#pragma once

#include <string>
#include <vector>

#include "core/json.hpp"

namespace hqnn::cli {

struct CheckpointFile {
  std::vector<std::string> args;  // the run's options (data, model, training, noise, attack)
  Json run;                       // the run state
};

// Written to FILE.tmp first and renamed, so an interrupted write never leaves a broken checkpoint.
void write_checkpoint_file(const std::string& path, const CheckpointFile& checkpoint);
CheckpointFile read_checkpoint_file(const std::string& path);  // InputError with the reason

// The run's own options in `argv`: without output options (--out, --json,
// --quiet, --checkpoint, --resume).
std::vector<std::string> run_options(const std::vector<std::string>& argv);
// The options of a resumed run: the saved ones, --epochs replaced when given,
// then the given output options. Any other option given with --resume is an error.
std::vector<std::string> resumed_options(const CheckpointFile& checkpoint, const std::vector<std::string>& given);

}  // namespace hqnn::cli
