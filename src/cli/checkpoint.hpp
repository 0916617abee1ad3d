// Checkpoints of `hqnn train --checkpoint FILE` and `--resume FILE`: the run's
// spec (option_table.hpp's JSON), the scaling the run uses (what `--scale auto`
// chose, and the fitted scaler), and the run's whole state after its latest
// epoch (run::RunLoop). A resumed run is bit-identical to one that was never
// interrupted, whatever --epochs it is given.
//
// Two files, so that saving costs O(1) per epoch in time and size beyond the
// parameters: FILE holds the state without the per-epoch curves and reports
// and is rewritten after every epoch (FILE.tmp, then renamed); FILE.epochs
// gets one line per finished epoch, appended. FILE names how many epochs it
// covers; lines past that (a run stopped between the two writes) are ignored.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/json.hpp"
#include "run/data_preparation.hpp"
#include "run/run_loop.hpp"
#include "run/run_spec.hpp"

namespace hqnn::cli {

constexpr int kCheckpointVersion = 3;  // 3: scaling recorded, epoch records in FILE.epochs; 2 is still read

// What the run's data preparation decided, so that a resumed run does not decide again.
struct CheckpointScaling {
  ScalingKind used = ScalingKind::none;
  std::optional<run::ScalingChoice> choice;  // when the spec says auto
  std::optional<FeatureScaler> scaler;
};
CheckpointScaling scaling_of(const run::PreparedData& data);

struct CheckpointFile {
  run::RunSpec spec;
  Json run;  // the whole run state (RunLoop::state_json's form)
  std::optional<CheckpointScaling> scaling;  // absent in version 2
  std::vector<Json> epoch_records;           // version 3: the first `epoch` lines of FILE.epochs
};

std::string epochs_path(const std::string& checkpoint_path);  // FILE.epochs

// Writes a checkpoint whole (FILE and FILE.epochs, each to a .tmp first and renamed).
void write_checkpoint_file(const std::string& path, const CheckpointFile& checkpoint);
CheckpointFile read_checkpoint_file(const std::string& path);  // InputError with the reason

// Saves a running run after each of its epochs at O(1) cost: appends the new
// epoch records and rewrites FILE. `kept`: the records of a resumed run's
// earlier epochs, written once at the start.
class CheckpointWriter {
 public:
  CheckpointWriter(std::string path, const run::RunSpec& spec, const run::PreparedData& data,
                   const std::vector<Json>& kept = {});
  void save(const run::RunLoop& loop);

 private:
  std::string path_, head_;  // head_: the JSON text before the run state
  size_t records_ = 0;       // epoch records in FILE.epochs
};

// Refuses to write a checkpoint over FILE when FILE holds another run's
// checkpoint (or is not a checkpoint at all): the message says how to go on.
// `overwrite`: the user said so.
void check_checkpoint_target(const std::string& path, const run::RunSpec& spec, bool overwrite);

}  // namespace hqnn::cli
