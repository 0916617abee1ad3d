#include "report.hpp"

#include <algorithm>
#include <cstdio>

namespace hqnn::cli {

std::string report_table(const ClassificationReport& r, const std::vector<std::string>& names) {
  size_t w = 5;
  for (const auto& n : names) w = std::max(w, n.size());
  std::string out;
  char buf[256];
  std::snprintf(buf, sizeof buf, "  %-*s  precision  recall     f1  support  ROC-AUC  PR-AUC\n", static_cast<int>(w), "class");
  out += buf;
  for (int c = 0; c < r.classes; ++c) {
    const ClassMetrics& m = r.per_class[static_cast<size_t>(c)];
    std::snprintf(buf, sizeof buf, "  %-*s  %9.4f  %6.4f  %6.4f  %7d  %7.4f  %6.4f\n", static_cast<int>(w),
                  names[static_cast<size_t>(c)].c_str(), m.precision, m.recall, m.f1, m.support, m.roc_auc, m.pr_auc);
    out += buf;
  }
  std::snprintf(buf, sizeof buf, "  %-*s  %9.4f  %6.4f  %6.4f  %7s  %7.4f  %6.4f\n", static_cast<int>(w), "macro",
                r.macro_precision, r.macro_recall, r.macro_f1, "", r.roc_auc_macro, r.pr_auc_macro);
  out += buf;
  std::snprintf(buf, sizeof buf, "  %-*s  %9.4f  %6.4f  %6.4f  %7s  %7.4f  %6.4f\n", static_cast<int>(w), "micro",
                r.micro_precision, r.micro_recall, r.micro_f1, "", r.roc_auc_micro, r.pr_auc_micro);
  out += buf;
  out += "\n  confusion matrix (rows: true class, columns: predicted class)\n";
  // Each column is headed by its class, as wide as the widest name.
  int cw = 6;
  for (const auto& n : names) cw = std::max(cw, static_cast<int>(n.size()));
  std::snprintf(buf, sizeof buf, "  %-*s ", static_cast<int>(w), "");
  out += buf;
  for (int c = 0; c < r.classes; ++c) {
    std::snprintf(buf, sizeof buf, " %*s", cw, names[static_cast<size_t>(c)].c_str());
    out += buf;
  }
  out += '\n';
  for (int c = 0; c < r.classes; ++c) {
    std::snprintf(buf, sizeof buf, "  %-*s ", static_cast<int>(w), names[static_cast<size_t>(c)].c_str());
    out += buf;
    for (int v : r.confusion[static_cast<size_t>(c)]) {
      std::snprintf(buf, sizeof buf, " %*d", cw, v);
      out += buf;
    }
    out += '\n';
  }
  return out;
}

std::string statistics_table(const RunStatistics& s, const std::vector<std::string>& names) {
  size_t w = 5;
  for (const auto& n : names) w = std::max(w, n.size());
  std::string out;
  char buf[256];
  std::snprintf(buf, sizeof buf, "  over %d evaluation points (mean / variance)\n  %-*s  %-19s  %-19s  %-19s\n", s.points,
                static_cast<int>(w), "class", "precision", "recall", "f1");
  out += buf;
  for (size_t c = 0; c < s.per_class.size() && c < names.size(); ++c) {
    const ClassStatistics& k = s.per_class[c];
    std::snprintf(buf, sizeof buf, "  %-*s  %.4f / %.3e  %.4f / %.3e  %.4f / %.3e\n", static_cast<int>(w), names[c].c_str(),
                  k.precision.mean, k.precision.variance, k.recall.mean, k.recall.variance, k.f1.mean, k.f1.variance);
    out += buf;
  }
  std::snprintf(buf, sizeof buf, "\n  final model: P-R area macro %.4f micro %.4f, ROC area macro %.4f micro %.4f\n",
                s.pr_auc_macro, s.pr_auc_micro, s.roc_auc_macro, s.roc_auc_micro);
  out += buf;
  out += "\n  gradient norm per block (over all steps)\n";
  size_t bw = 5;
  for (const auto& g : s.gradients) bw = std::max(bw, g.block.size());
  for (const auto& g : s.gradients) {
    std::snprintf(buf, sizeof buf, "  %-*s  max %10.4g  mean %10.4g\n", static_cast<int>(bw), g.block.c_str(), g.max, g.mean);
    out += buf;
  }
  return out;
}

std::string epoch_line(const EpochRecord& rec, int epochs) {
  char buf[200];
  std::snprintf(buf, sizeof buf, "epoch %4d/%-4d  train loss %.4f acc %.4f  test loss %.4f acc %.4f%s", rec.epoch, epochs,
                rec.train_loss, rec.train_accuracy, rec.test_loss, rec.test_accuracy, rec.finite ? "" : "  (non-finite!)");
  return buf;
}

}  // namespace hqnn::cli
