#include "study_cells.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>

#include "grid_run_files.hpp"
#include "markdown_table.hpp"
#include "reproduce_profiles.hpp"
#include "study_profile.hpp"

namespace hqnn::cli {

static std::string cell_key(const std::string& dataset, const std::string& condition, const std::string& model,
                            const std::string& loss) {
  return dataset + "|" + condition + "|" + model + "|" + loss;
}

static StudyRun study_run(const GridRun& g, const Json& record) {
  const std::string ctx = g.id;
  const AttackOptions& attack = *g.config.attack;
  StudyRun r;
  r.id = g.id, r.dataset = g.dataset, r.model = g.model, r.seed = g.seed;
  r.loss = softmax_loss_name(g.config.train.loss);
  r.scale = enum_name(attack.scale);
  r.layers = g.condition.find("-all-") != std::string::npos ? "all" : "one";
  r.noise = noise_kind_name(attack.noise);
  r.magnitude = attack.magnitude;
  for (const Json& l : record.at("attacked_layers", ctx).items(ctx + ": attacked_layers"))
    r.attacked_layers += (r.attacked_layers.empty() ? "" : " ") + std::to_string(static_cast<int>(l.as_number()));
  // The cell is one run whose attack starts after the clean epochs: its clean
  // accuracy is the test accuracy of the last clean epoch.
  const Json& accuracy = record.at("curves", ctx).at("test_accuracy", ctx);
  if (g.config.attack_epoch < 1 || static_cast<size_t>(g.config.attack_epoch) > accuracy.size())
    throw InputError(ctx + ": its curves end before the attack's first epoch (a damaged run file?)");
  r.clean_accuracy = accuracy[static_cast<size_t>(g.config.attack_epoch - 1)].as_number();
  r.attacked_accuracy = record.at("test_accuracy", ctx).as_number();
  r.test_loss = record.at("test_loss", ctx).as_number();
  r.nan = record.at("divergence", ctx).at("diverged", ctx).as_bool() || !std::isfinite(r.test_loss);
  r.max_abs_logit = record.at("max_abs_logit", ctx).as_number();
  return r;
}

StudyCells::StudyCells(const ReproduceProfile& profile, const std::vector<Json>& runs) {
  std::map<std::string, const Json*> by_id;
  for (const Json& r : runs) by_id[grid_run_id(r)] = &r;
  std::map<std::string, StudyRun> sorted;
  for (const GridRun& g : reproduce_grid(profile)) {
    auto found = by_id.find(g.id);
    if (found == by_id.end()) throw InputError("the study's results lack run '" + g.id + "'");
    const StudyRun r = study_run(g, *found->second);
    const std::string key = cell_key(g.dataset, g.condition, g.model, r.loss);
    auto [it, fresh] = index_.emplace(key, cells_.size());
    if (fresh) {
      StudyCell c;
      c.dataset = g.dataset, c.condition = g.condition, c.model = g.model, c.loss = r.loss;
      c.scale = r.scale, c.layers = r.layers, c.noise = r.noise, c.magnitude = r.magnitude;
      cells_.push_back(c);
    }
    StudyCell& c = cells_[it->second];
    c.accuracy[g.seed] = r.attacked_accuracy;
    c.degradation[g.seed] = r.degradation();
    c.clean[g.seed] = r.clean_accuracy;
    ++c.runs;
    c.nan += r.nan ? 1 : 0;
    c.max_abs_logit = std::max(c.max_abs_logit, r.max_abs_logit);
    sorted.emplace(g.id, r);
  }
  for (auto& [id, r] : sorted) runs_.push_back(std::move(r));
  auto values = [](const std::map<int, double>& m) {
    std::vector<double> v;
    for (const auto& [seed, x] : m) v.push_back(x);
    return v;
  };
  for (StudyCell& c : cells_) {
    c.acc = cell_statistics(values(c.accuracy));
    c.deg = cell_statistics(values(c.degradation));
    c.clean_stats = cell_statistics(values(c.clean));
  }
}

const StudyCell& StudyCells::at(const std::string& dataset, const std::string& condition, const std::string& model,
                                const std::string& loss) const {
  auto it = index_.find(cell_key(dataset, condition, model, loss));
  if (it == index_.end()) throw InputError("no study cell " + cell_key(dataset, condition, model, loss));
  return cells_[it->second];
}

std::vector<StudyVerdictRow> study_verdicts(const ReproduceProfile& profile, const StudyCells& cells,
                                            const VerdictThresholds& thresholds) {
  const std::string stable = enum_name(SoftmaxLoss::stable);  // the verdicts compare the stable-loss cells
  std::vector<StudyVerdictRow> rows;
  for (const auto& d : profile.datasets) {
    std::vector<std::string> conditions;  // in the grid's order
    std::set<std::string> seen;
    for (const StudyCell& c : cells.cells())
      if (c.dataset == d.key && seen.insert(c.condition).second) conditions.push_back(c.condition);
    for (const auto& condition : conditions)
      for (const auto& hybrid : d.study.models) {
        if (!is_hybrid_model(hybrid)) continue;
        const StudyCell& h = cells.at(d.key, condition, hybrid, stable);
        for (const auto& classical : d.study.models) {
          if (is_hybrid_model(classical)) continue;
          const StudyCell& c = cells.at(d.key, condition, classical, stable);
          std::vector<double> diff;
          for (const auto& [seed, a] : h.accuracy)
            if (c.accuracy.count(seed)) diff.push_back(a - c.accuracy.at(seed));
          StudyVerdictRow row;
          row.dataset = d.key, row.condition = condition, row.noise = h.noise;
          row.hybrid = hybrid, row.classical = classical;
          row.difference = cell_statistics(diff);
          row.result = study_verdict(h.acc, c.acc, row.difference, thresholds);
          rows.push_back(row);
        }
      }
  }
  return rows;
}

static std::string num(double v) { return format_number("%.6g", v); }

std::string study_runs_csv(const StudyCells& cells) {
  std::string s = "id,dataset,model,loss,seed,attack_scale,layers_rule,attacked_layers,noise,magnitude,clean_accuracy,"
                  "attacked_accuracy,degradation,final_test_loss,nan,max_abs_logit\n";
  for (const StudyRun& r : cells.runs())
    s += r.id + "," + r.dataset + "," + r.model + "," + r.loss + "," + std::to_string(r.seed) + "," + r.scale + "," +
         r.layers + "," + r.attacked_layers + "," + r.noise + "," + num(r.magnitude) + "," + num(r.clean_accuracy) + "," +
         num(r.attacked_accuracy) + "," + num(r.degradation()) + "," + num(r.test_loss) + "," + (r.nan ? "1" : "0") + "," +
         num(r.max_abs_logit) + "\n";
  return s;
}

std::string study_cells_csv(const StudyCells& cells) {
  std::string s = "dataset,condition,model,loss,n,accuracy_mean,accuracy_sample_sd,accuracy_ci95_low,accuracy_ci95_high,"
                  "degradation_mean,degradation_sample_sd,degradation_ci95_low,degradation_ci95_high,nan_runs\n";
  for (const StudyCell& c : cells.cells())
    s += c.dataset + "," + c.condition + "," + c.model + "," + c.loss + "," + std::to_string(c.acc.n) + "," +
         num(c.acc.mean) + "," + num(c.acc.sd) + "," + num(c.acc.ci_low) + "," + num(c.acc.ci_high) + "," +
         num(c.deg.mean) + "," + num(c.deg.sd) + "," + num(c.deg.ci_low) + "," + num(c.deg.ci_high) + "," +
         std::to_string(c.nan) + "\n";
  return s;
}

std::string study_verdicts_csv(const std::vector<StudyVerdictRow>& rows) {
  std::string s = "dataset,condition,noise,hybrid,classical,difference_mean,difference_ci95_low,difference_ci95_high,"
                  "verdict,uncertain\n";
  for (const auto& r : rows)
    s += r.dataset + "," + r.condition + "," + r.noise + "," + r.hybrid + "," + r.classical + "," +
         num(r.difference.mean) + "," + num(r.difference.ci_low) + "," + num(r.difference.ci_high) + "," +
         enum_name(r.result.verdict) + "," + (r.result.uncertain ? "1" : "0") + "\n";
  return s;
}

}  // namespace hqnn::cli
