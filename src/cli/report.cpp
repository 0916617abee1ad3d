#include "report.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace hqnn::cli {

std::string fixed(double v, int precision) {
  if (std::isnan(v)) return "nan";
  if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
  char buf[64];
  std::snprintf(buf, sizeof buf, std::fabs(v) >= 1e9 ? "%.*e" : "%.*f", precision, v);
  return buf;
}

std::string count_of(long long n, const char* singular, const char* plural) {
  return std::to_string(n) + " " + (n == 1 ? singular : plural);
}

std::string report_table(const ClassificationReport& r, const std::vector<std::string>& names) {
  size_t w = 5;
  for (const auto& n : names) w = std::max(w, n.size());
  std::string out;
  char buf[256];
  std::snprintf(buf, sizeof buf, "  %-*s  precision  recall     f1  support  ROC-AUC  PR-AUC\n", static_cast<int>(w), "class");
  out += buf;
  for (int c = 0; c < r.classes; ++c) {
    const ClassMetrics& m = r.per_class[static_cast<size_t>(c)];
    std::snprintf(buf, sizeof buf, "  %-*s  %9s  %6s  %6s  %7d  %7s  %6s\n", static_cast<int>(w),
                  names[static_cast<size_t>(c)].c_str(), fixed(m.precision).c_str(), fixed(m.recall).c_str(),
                  fixed(m.f1).c_str(), m.support, fixed(m.roc_auc).c_str(), fixed(m.pr_auc).c_str());
    out += buf;
  }
  std::snprintf(buf, sizeof buf, "  %-*s  %9s  %6s  %6s  %7s  %7s  %6s\n", static_cast<int>(w), "macro",
                fixed(r.macro_precision).c_str(), fixed(r.macro_recall).c_str(), fixed(r.macro_f1).c_str(), "",
                fixed(r.roc_auc_macro).c_str(), fixed(r.pr_auc_macro).c_str());
  out += buf;
  std::snprintf(buf, sizeof buf, "  %-*s  %9s  %6s  %6s  %7s  %7s  %6s\n", static_cast<int>(w), "micro",
                fixed(r.micro_precision).c_str(), fixed(r.micro_recall).c_str(), fixed(r.micro_f1).c_str(), "",
                fixed(r.roc_auc_micro).c_str(), fixed(r.pr_auc_micro).c_str());
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
  std::snprintf(buf, sizeof buf, "\n  final model: P-R area macro %s micro %s, ROC area macro %s micro %s\n",
                fixed(s.pr_auc_macro).c_str(), fixed(s.pr_auc_micro).c_str(), fixed(s.roc_auc_macro).c_str(),
                fixed(s.roc_auc_micro).c_str());
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
  std::snprintf(buf, sizeof buf, "epoch %4d/%-4d  train loss %s acc %s  test loss %s acc %s%s", rec.epoch, epochs,
                fixed(rec.train_loss).c_str(), fixed(rec.train_accuracy).c_str(), fixed(rec.test_loss).c_str(),
                fixed(rec.test_accuracy).c_str(), rec.finite ? "" : "  (non-finite!)");
  return buf;
}

}  // namespace hqnn::cli
