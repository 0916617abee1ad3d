// Checkpoint files of `hqnn train --checkpoint FILE` and `--resume FILE`: the
// run's spec (option_table.hpp's JSON) and the run's whole state after its
// latest epoch (run::RunLoop::state_json). A resumed run is bit-identical to
// one that was never interrupted.
#pragma once

#include <string>

#include "core/json.hpp"
#include "run/run_spec.hpp"

namespace hqnn::cli {

constexpr int kCheckpointVersion = 2;  // 2: the run's spec as JSON, one test evaluation per epoch

struct CheckpointFile {
  run::RunSpec spec;
  Json run;  // the run state
};

// Written to FILE.tmp first and renamed, so an interrupted write never leaves a broken checkpoint.
void write_checkpoint_file(const std::string& path, const CheckpointFile& checkpoint);
CheckpointFile read_checkpoint_file(const std::string& path);  // InputError with the reason

}  // namespace hqnn::cli
