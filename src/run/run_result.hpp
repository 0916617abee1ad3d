// What a finished run gives (RunLoop::finish), and what the run record
// (run_writers.hpp) is written from: the per-epoch curves and test reports,
// the final model's evaluations, the D12 statistics and where the run diverged.
#pragma once

#include <string>
#include <vector>

#include "core/metrics.hpp"
#include "core/run_statistics.hpp"
#include "core/trainer.hpp"

namespace hqnn::run {

// Where the loss or a parameter first stopped being finite.
struct Divergence {
  bool diverged = false;
  long step = 0;        // 1-based optimiser step over the whole run
  int epoch = 0;        // 1-based
  std::string block;    // first parameter block whose gradient or value is NaN/Inf ("" if only the loss was)
  std::string what;     // "loss", "gradient" or "parameter"
};

struct RunResult {
  std::vector<EpochRecord> history;           // per epoch, with the test loss and accuracy
  std::vector<std::string> block_names;
  std::vector<ClassificationReport> reports;  // test set, one per epoch
  ClassificationReport final_report;
  Evaluation train_eval, test_eval;           // the final model
  RunStatistics stats;
  Divergence divergence;
  double seconds = 0;      // wall time of training and the per-epoch evaluations
  double cpu_seconds = 0;  // CPU time of this thread for the same span
  long long parameters = 0;
  int width = 0;
  long long noisy_values = 0;
  std::vector<int> attacked_layers;
};

}  // namespace hqnn::run
