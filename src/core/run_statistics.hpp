// Statistics of one training run over its evaluation points (decision D12).
//
// An evaluation point is the end of an epoch: the test set is evaluated there
// and gives one ClassificationReport and one EpochRecord. Over the P points:
//   accuracy   mean ± standard deviation of the test accuracy curve (Fig. 8:
//              "the average of the curves")
//   loss       mean of the test loss curve; NaN as soon as one point is NaN/Inf
//   per class  mean and variance of precision, recall and F1 (Fig. 5)
//   areas      P-R and ROC areas, macro and micro, of the final model (the last
//              point): a P-R or ROC curve is drawn for one model, not a run
//   gradients  per parameter block: the largest gradient norm of any step, and
//              the mean of the per-epoch mean norms
// Variances and standard deviations are population values (divide by P, as
// numpy's var/std do by default), so one point gives 0.
#pragma once

#include <string>
#include <vector>

#include "metrics.hpp"
#include "trainer.hpp"

namespace hqnn {

struct MeanVariance {
  double mean = 0, variance = 0;
};

struct ClassStatistics {
  MeanVariance precision, recall, f1;
};

struct GradientStatistics {
  std::string block;
  double max = 0, mean = 0;  // NaN when a norm was NaN
};

struct RunStatistics {
  int points = 0;
  double accuracy_mean = 0, accuracy_sd = 0;
  double loss_mean = 0;
  std::vector<ClassStatistics> per_class;
  double pr_auc_macro = 0, pr_auc_micro = 0, roc_auc_macro = 0, roc_auc_micro = 0;
  std::vector<GradientStatistics> gradients;
};

// Mean and population variance; NaN if any value is NaN; {0, 0} for no values.
MeanVariance mean_variance(const std::vector<double>& values);

// `reports[i]` is the test-set report at the point of `history[i]`; the two
// must have the same length (throws std::invalid_argument otherwise).
RunStatistics run_statistics(const std::vector<ClassificationReport>& reports, const std::vector<EpochRecord>& history,
                             const std::vector<std::string>& block_names);

Json to_json(const RunStatistics& stats);
RunStatistics run_statistics_from_json(const Json& json);  // throws InputError on a malformed object

}  // namespace hqnn
