// The study's runs gathered into cells (data set, attack condition, model,
// loss) over their seeds, the hybrid-against-classical verdict of every pair of
// cells at one condition, and the CSV files of runs, cells and verdicts.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/json.hpp"
#include "reproduce_grid.hpp"
#include "study_statistics.hpp"

namespace hqnn::cli {

// One run of the study as its report reads it: the grid's definition of the
// cell and the results of its run record (grid_run_json).
struct StudyRun {
  std::string id, dataset, model, loss, scale, layers, attacked_layers, noise;
  int seed = 0;
  double magnitude = 0;
  double clean_accuracy = 0;     // the record's test accuracy after the clean epochs (spec attack_epoch)
  double attacked_accuracy = 0;  // its final test accuracy
  double degradation() const { return clean_accuracy - attacked_accuracy; }
  double test_loss = 0;
  bool nan = false;              // diverged, or the final test loss is not finite
  double max_abs_logit = 0;
};

struct StudyCell {
  std::string dataset, condition, model, loss, scale, layers, noise;
  double magnitude = 0;
  std::map<int, double> accuracy, degradation, clean;  // by seed
  int runs = 0, nan = 0;
  double max_abs_logit = 0;  // the largest over the runs
  CellStatistics acc, deg, clean_stats;
};

class StudyCells {
 public:
  // Every run of the profile's grid must be there (an InputError names the first one missing).
  StudyCells(const ReproduceProfile& profile, const std::vector<Json>& runs);
  const std::vector<StudyCell>& cells() const { return cells_; }  // in the grid's order
  const StudyCell& at(const std::string& dataset, const std::string& condition, const std::string& model,
                      const std::string& loss) const;
  // The runs sorted by id, for runs.csv.
  const std::vector<StudyRun>& runs() const { return runs_; }

 private:
  std::vector<StudyCell> cells_;
  std::map<std::string, size_t> index_;
  std::vector<StudyRun> runs_;
};

struct StudyVerdictRow {
  std::string dataset, condition, noise, hybrid, classical;
  CellStatistics difference;  // per-seed paired hybrid - classical accuracy after the attack
  VerdictResult result;
};

// Every hybrid against every classical model (stable loss) at every condition of every data set.
std::vector<StudyVerdictRow> study_verdicts(const ReproduceProfile& profile, const StudyCells& cells,
                                            const VerdictThresholds& thresholds = {});

std::string study_runs_csv(const StudyCells& cells);
std::string study_cells_csv(const StudyCells& cells);
std::string study_verdicts_csv(const std::vector<StudyVerdictRow>& rows);

}  // namespace hqnn::cli
