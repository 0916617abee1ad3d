#include "metrics.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace hqnn {

// Indices sorted by score, highest first; equal scores stay grouped.
static std::vector<size_t> order_by_score(const std::vector<double>& scores) {
  std::vector<size_t> idx(scores.size());
  std::iota(idx.begin(), idx.end(), size_t(0));
  std::stable_sort(idx.begin(), idx.end(), [&](size_t a, size_t b) { return scores[a] > scores[b]; });
  return idx;
}

static bool any_nan(const std::vector<double>& v) {
  return std::any_of(v.begin(), v.end(), [](double x) { return std::isnan(x); });
}

double roc_auc(const std::vector<double>& scores, const std::vector<bool>& positive) {
  if (any_nan(scores)) return std::numeric_limits<double>::quiet_NaN();  // a diverged model has no ranking
  const size_t n = scores.size();
  const double pos = static_cast<double>(std::count(positive.begin(), positive.end(), true));
  const double neg = static_cast<double>(n) - pos;
  if (pos == 0 || neg == 0) return std::numeric_limits<double>::quiet_NaN();
  // Mann-Whitney U with average ranks for ties (ranks ascending by score).
  std::vector<size_t> idx = order_by_score(scores);
  std::reverse(idx.begin(), idx.end());
  double rank_sum = 0;
  for (size_t i = 0; i < n;) {
    size_t j = i;
    while (j + 1 < n && scores[idx[j + 1]] == scores[idx[i]]) ++j;
    const double avg_rank = 0.5 * static_cast<double>(i + j) + 1.0;
    for (size_t k = i; k <= j; ++k)
      if (positive[idx[k]]) rank_sum += avg_rank;
    i = j + 1;
  }
  return (rank_sum - pos * (pos + 1) / 2) / (pos * neg);
}

double average_precision(const std::vector<double>& scores, const std::vector<bool>& positive) {
  if (any_nan(scores)) return std::numeric_limits<double>::quiet_NaN();
  const double pos = static_cast<double>(std::count(positive.begin(), positive.end(), true));
  if (pos == 0) return std::numeric_limits<double>::quiet_NaN();
  const std::vector<size_t> idx = order_by_score(scores);
  double tp = 0, fp = 0, prev_recall = 0, ap = 0;
  for (size_t i = 0; i < idx.size();) {
    size_t j = i;
    while (j < idx.size() && scores[idx[j]] == scores[idx[i]]) {  // one threshold per distinct score
      (positive[idx[j]] ? tp : fp) += 1;
      ++j;
    }
    const double recall = tp / pos, precision = tp / (tp + fp);
    ap += (recall - prev_recall) * precision;
    prev_recall = recall;
    i = j;
  }
  return ap;
}

static double safe_div(double a, double b) { return b > 0 ? a / b : 0.0; }

static double mean_ignoring_nan(const std::vector<double>& v) {
  double s = 0;
  int k = 0;
  for (double x : v)
    if (!std::isnan(x)) s += x, ++k;
  return k ? s / k : std::numeric_limits<double>::quiet_NaN();
}

ClassificationReport classification_report(const std::vector<int>& labels, const Matrix& probabilities, int classes) {
  ClassificationReport r;
  r.classes = classes;
  const size_t n = labels.size();
  r.confusion.assign(static_cast<size_t>(classes), std::vector<int>(static_cast<size_t>(classes), 0));
  std::vector<int> predicted(n);
  size_t correct = 0;
  for (size_t i = 0; i < n; ++i) {
    Index arg = 0;
    for (Index c = 1; c < classes; ++c)
      if (probabilities(static_cast<Index>(i), c) > probabilities(static_cast<Index>(i), arg)) arg = c;
    predicted[i] = static_cast<int>(arg);
    r.confusion[static_cast<size_t>(labels[i])][static_cast<size_t>(arg)] += 1;
    correct += predicted[i] == labels[i];
  }
  r.accuracy = safe_div(static_cast<double>(correct), static_cast<double>(n));
  r.per_class.resize(static_cast<size_t>(classes));
  std::vector<double> roc(static_cast<size_t>(classes)), pr(static_cast<size_t>(classes));
  std::vector<double> all_scores;
  std::vector<bool> all_positive;
  // Macro averages run over the classes the evaluated samples hold or the
  // model predicts (as scikit-learn's): a class absent from both, e.g. in a
  // file holding some of the model's classes, has no precision or recall to
  // average, and counting it as 0 would understate every macro value.
  int present = 0;
  for (int c = 0; c < classes; ++c) {
    bool seen = false;
    for (int k = 0; k < classes; ++k) seen = seen || r.confusion[c][k] > 0 || r.confusion[k][c] > 0;
    present += seen;
  }
  for (int c = 0; c < classes; ++c) {
    ClassMetrics& m = r.per_class[static_cast<size_t>(c)];
    double tp = r.confusion[c][c], predicted_c = 0, actual_c = 0;
    for (int k = 0; k < classes; ++k) {
      predicted_c += r.confusion[k][c];
      actual_c += r.confusion[c][k];
    }
    m.support = static_cast<int>(actual_c);
    m.precision = safe_div(tp, predicted_c);
    m.recall = safe_div(tp, actual_c);
    m.f1 = safe_div(2 * m.precision * m.recall, m.precision + m.recall);
    std::vector<double> scores(n);
    std::vector<bool> positive(n);
    for (size_t i = 0; i < n; ++i) {
      scores[i] = static_cast<double>(probabilities(static_cast<Index>(i), c));
      positive[i] = labels[i] == c;
    }
    m.roc_auc = roc[c] = roc_auc(scores, positive);
    m.pr_auc = pr[c] = average_precision(scores, positive);
    all_scores.insert(all_scores.end(), scores.begin(), scores.end());
    all_positive.insert(all_positive.end(), positive.begin(), positive.end());
    if (actual_c > 0 || predicted_c > 0) {
      r.macro_precision += m.precision / present;
      r.macro_recall += m.recall / present;
      r.macro_f1 += m.f1 / present;
    }
  }
  r.micro_precision = r.micro_recall = r.micro_f1 = r.accuracy;
  r.roc_auc_macro = mean_ignoring_nan(roc);
  r.pr_auc_macro = mean_ignoring_nan(pr);
  r.roc_auc_micro = roc_auc(all_scores, all_positive);
  r.pr_auc_micro = average_precision(all_scores, all_positive);
  return r;
}

}  // namespace hqnn
