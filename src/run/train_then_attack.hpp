// Train, then attack: the protocol of the robustness study. Each (data set,
// model, seed) is first trained clean for a fixed budget of epochs and its
// whole run state kept (RunLoop::state_json, what --checkpoint writes); every
// attack cell of that model and seed then starts from that state and trains
// on under its attack for a fixed number of epochs. One pre-training serves
// every cell, and each cell is reported both as its accuracy after the attack
// and as its degradation from the same model's own clean accuracy, so that a
// head start in clean accuracy does not count as robustness.
//
// A cell is, bit for bit, the uninterrupted run with the same options whose
// attack starts after the clean epochs (RunSpec::attack_epoch), on the same
// prepared data: the split, the dataset noise and the `auto` scaling choice are
// made once, for the clean run (`auto` trains its candidates for the data
// kind's default epochs and without the attack, so the uninterrupted run makes
// the same choice). A cell's record therefore replays with `hqnn train --link`.
#pragma once

#include <optional>

#include "core/json.hpp"
#include "run_loop.hpp"

namespace hqnn::run {

struct CleanCheckpoint {
  RunSpec spec;          // the clean run: no attack, clean_epochs epochs
  PreparedData data;
  Json state;            // the run state after clean_epochs epochs
  double clean_accuracy = 0;  // test accuracy of the model at that point
  int clean_epochs = 0;
};

// Trains spec (its attack, if any, ignored) clean for clean_epochs epochs.
CleanCheckpoint pretrain(RunSpec spec, int clean_epochs);

struct AttackedCell {
  RunSpec spec;               // the cell as one uninterrupted run (attacked_spec): what its record names
  RunResult result;           // the whole run, clean epochs first
  double clean_accuracy = 0;  // the checkpoint's
  double attacked_accuracy = 0;  // final test accuracy after the attack epochs
  double degradation() const { return clean_accuracy - attacked_accuracy; }
};

// The cell `attack` over attack_epochs epochs from the checkpoint. The
// attack's seed is the attack options' own.
AttackedCell attack_from(const CleanCheckpoint& clean, const AttackOptions& attack, int attack_epochs);

// The spec of that cell as one uninterrupted run (for tests and for `hqnn train`).
RunSpec attacked_spec(const RunSpec& clean, const AttackOptions& attack, int clean_epochs, int attack_epochs);

}  // namespace hqnn::run
