// Classification metrics (decision D12): accuracy, confusion matrix, per-class
// precision / recall / F1, one-vs-rest ROC and P-R areas, macro and micro.
#pragma once

#include <vector>

#include "real.hpp"

namespace hqnn {

struct ClassMetrics {
  double precision = 0, recall = 0, f1 = 0;  // 0 where undefined (no predictions / no samples)
  int support = 0;                           // true samples of this class
  double roc_auc = 0, pr_auc = 0;            // one-vs-rest; NaN when the class has no positive or no negative
};

struct ClassificationReport {
  int classes = 0;
  double accuracy = 0;
  std::vector<std::vector<int>> confusion;   // [true][predicted]
  std::vector<ClassMetrics> per_class;
  double macro_precision = 0, macro_recall = 0, macro_f1 = 0;  // over the classes present (true or predicted)
  double micro_precision = 0, micro_recall = 0, micro_f1 = 0;  // single-label: all equal accuracy
  double roc_auc_macro = 0, roc_auc_micro = 0;
  double pr_auc_macro = 0, pr_auc_micro = 0;
};

// probabilities: samples x classes scores (softmax outputs). Predictions are the
// arg-max; a sample whose scores are all NaN is predicted as class 0.
ClassificationReport classification_report(const std::vector<int>& labels, const Matrix& probabilities, int classes);

// Area under the ROC curve of scores for a binary problem (ties count one half).
// Both areas are NaN when a score is NaN (a diverged model) or a class is absent.
double roc_auc(const std::vector<double>& scores, const std::vector<bool>& positive);
// Area under the precision-recall curve as average precision: Σ (R_k - R_{k-1}) P_k
// over distinct score thresholds, highest first.
double average_precision(const std::vector<double>& scores, const std::vector<bool>& positive);

}  // namespace hqnn
