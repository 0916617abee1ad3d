#include "run_statistics.hpp"

#include <cmath>
#include <limits>
#include <stdexcept>

#include "input_error.hpp"

namespace hqnn {

static constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

MeanVariance mean_variance(const std::vector<double>& values) {
  MeanVariance mv;
  if (values.empty()) return mv;
  double sum = 0;
  for (double v : values) sum += v;
  mv.mean = sum / static_cast<double>(values.size());
  double sq = 0;
  for (double v : values) sq += (v - mv.mean) * (v - mv.mean);
  mv.variance = sq / static_cast<double>(values.size());
  return mv;
}

RunStatistics run_statistics(const std::vector<ClassificationReport>& reports, const std::vector<EpochRecord>& history,
                             const std::vector<std::string>& block_names) {
  if (reports.size() != history.size())
    throw std::invalid_argument("run_statistics: " + std::to_string(reports.size()) + " reports for " +
                                std::to_string(history.size()) + " evaluation points");
  RunStatistics s;
  s.points = static_cast<int>(history.size());
  std::vector<double> accuracy, loss;
  for (const auto& r : history) {
    accuracy.push_back(r.test_accuracy);
    loss.push_back(r.test_loss);
  }
  const MeanVariance acc = mean_variance(accuracy);
  s.accuracy_mean = acc.mean;
  s.accuracy_sd = std::sqrt(acc.variance);
  s.loss_mean = mean_variance(loss).mean;
  if (!std::isfinite(s.loss_mean) && !history.empty()) s.loss_mean = kNaN;  // Inf too: the curve diverged

  const int classes = reports.empty() ? 0 : reports.front().classes;
  for (int c = 0; c < classes; ++c) {
    std::vector<double> p, r, f;
    for (const auto& rep : reports) {
      const ClassMetrics& m = rep.per_class.at(static_cast<size_t>(c));
      p.push_back(m.precision);
      r.push_back(m.recall);
      f.push_back(m.f1);
    }
    s.per_class.push_back({mean_variance(p), mean_variance(r), mean_variance(f)});
  }
  if (!reports.empty()) {
    const ClassificationReport& last = reports.back();
    s.pr_auc_macro = last.pr_auc_macro;
    s.pr_auc_micro = last.pr_auc_micro;
    s.roc_auc_macro = last.roc_auc_macro;
    s.roc_auc_micro = last.roc_auc_micro;
  }

  for (size_t b = 0; b < block_names.size(); ++b) {
    GradientStatistics g;
    g.block = block_names[b];
    double sum = 0;
    bool nan = false;
    for (const auto& r : history) {
      const double mean = r.grad_norm_mean.at(b), max = r.grad_norm_max.at(b);
      nan = nan || std::isnan(mean) || std::isnan(max);
      sum += mean;
      g.max = std::max(g.max, max);
    }
    g.mean = history.empty() ? 0 : sum / static_cast<double>(history.size());
    if (nan) g.max = g.mean = kNaN;
    s.gradients.push_back(g);
  }
  return s;
}

static Json mean_variance_json(const MeanVariance& mv) {
  Json j = Json::object();
  j.set("mean", mv.mean);
  j.set("variance", mv.variance);
  return j;
}

static MeanVariance mean_variance_from(const Json& j, const std::string& ctx) {
  return {j.at("mean", ctx).as_number(ctx + ".mean"), j.at("variance", ctx).as_number(ctx + ".variance")};
}

Json to_json(const RunStatistics& s) {
  Json j = Json::object();
  j.set("points", s.points);
  j.set("accuracy_mean", s.accuracy_mean);
  j.set("accuracy_sd", s.accuracy_sd);
  j.set("loss_mean", s.loss_mean);
  Json per = Json::array();
  for (const auto& c : s.per_class) {
    Json k = Json::object();
    k.set("precision", mean_variance_json(c.precision));
    k.set("recall", mean_variance_json(c.recall));
    k.set("f1", mean_variance_json(c.f1));
    per.push(k);
  }
  j.set("per_class", per);
  j.set("pr_auc_macro", s.pr_auc_macro);
  j.set("pr_auc_micro", s.pr_auc_micro);
  j.set("roc_auc_macro", s.roc_auc_macro);
  j.set("roc_auc_micro", s.roc_auc_micro);
  Json grads = Json::array();
  for (const auto& g : s.gradients) {
    Json k = Json::object();
    k.set("block", g.block);
    k.set("max", g.max);
    k.set("mean", g.mean);
    grads.push(k);
  }
  j.set("gradient_norms", grads);
  return j;
}

RunStatistics run_statistics_from_json(const Json& j) {
  const std::string ctx = "statistics";
  RunStatistics s;
  s.points = static_cast<int>(j.at("points", ctx).as_number(ctx + ".points"));
  s.accuracy_mean = j.at("accuracy_mean", ctx).as_number();
  s.accuracy_sd = j.at("accuracy_sd", ctx).as_number();
  s.loss_mean = j.at("loss_mean", ctx).as_number();
  for (const auto& k : j.at("per_class", ctx).items(ctx + ".per_class"))
    s.per_class.push_back({mean_variance_from(k.at("precision", ctx), ctx + ".precision"),
                           mean_variance_from(k.at("recall", ctx), ctx + ".recall"),
                           mean_variance_from(k.at("f1", ctx), ctx + ".f1")});
  s.pr_auc_macro = j.at("pr_auc_macro", ctx).as_number();
  s.pr_auc_micro = j.at("pr_auc_micro", ctx).as_number();
  s.roc_auc_macro = j.at("roc_auc_macro", ctx).as_number();
  s.roc_auc_micro = j.at("roc_auc_micro", ctx).as_number();
  for (const auto& k : j.at("gradient_norms", ctx).items(ctx + ".gradient_norms"))
    s.gradients.push_back({k.at("block", ctx).as_string(), k.at("max", ctx).as_number(), k.at("mean", ctx).as_number()});
  return s;
}

}  // namespace hqnn
