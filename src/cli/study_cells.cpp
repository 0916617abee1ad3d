#include "study_cells.hpp"

#include <algorithm>
#include <cstdio>
#include <set>

#include "markdown_table.hpp"
#include "study_profile.hpp"

namespace hqnn::cli {

static std::string cell_key(const std::string& dataset, const std::string& condition, const std::string& model,
                            const std::string& loss) {
  return dataset + "|" + condition + "|" + model + "|" + loss;
}

StudyCells::StudyCells(const ReproduceProfile& profile, const std::vector<Json>& runs) {
  std::map<std::string, const Json*> by_id;
  for (const Json& r : runs) by_id[r.at("id").as_string()] = &r;
  for (const auto& [id, r] : by_id) runs_.push_back(r);
  for (const GridRun& g : reproduce_grid(profile)) {
    auto found = by_id.find(g.id);
    if (found == by_id.end()) throw InputError("the study's results lack run '" + g.id + "'");
    const Json& r = *found->second;
    const std::string loss = enum_name(g.config.train.loss);
    const std::string key = cell_key(g.dataset, g.condition, g.model, loss);
    auto [it, fresh] = index_.emplace(key, cells_.size());
    if (fresh) {
      StudyCell c;
      c.dataset = g.dataset, c.condition = g.condition, c.model = g.model, c.loss = loss;
      c.scale = r.at("attack_scale").as_string();
      c.layers = r.at("layers_rule").as_string();
      c.noise = r.at("noise_kind").as_string();
      c.magnitude = r.at("magnitude").as_number();
      cells_.push_back(c);
    }
    StudyCell& c = cells_[it->second];
    c.accuracy[g.seed] = r.at("attacked_accuracy").as_number();
    c.degradation[g.seed] = r.at("degradation").as_number();
    c.clean[g.seed] = r.at("clean_accuracy").as_number();
    ++c.runs;
    c.nan += r.at("nan").as_bool() ? 1 : 0;
    c.max_abs_logit = std::max(c.max_abs_logit, r.at("max_abs_logit").as_number());
  }
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
  std::vector<StudyVerdictRow> rows;
  for (const auto& d : profile.datasets) {
    std::vector<std::string> conditions;  // in the grid's order
    std::set<std::string> seen;
    for (const StudyCell& c : cells.cells())
      if (c.dataset == d.key && seen.insert(c.condition).second) conditions.push_back(c.condition);
    for (const auto& condition : conditions)
      for (const auto& hybrid : d.study.models) {
        if (!is_hybrid_model(hybrid)) continue;
        const StudyCell& h = cells.at(d.key, condition, hybrid, enum_name(SoftmaxLoss::stable));
        for (const auto& classical : d.study.models) {
          if (is_hybrid_model(classical)) continue;
          const StudyCell& c = cells.at(d.key, condition, classical, enum_name(SoftmaxLoss::stable));
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
  for (const Json* r : cells.runs()) {
    std::string layers;
    for (const auto& l : r->at("attack").at("layers").items("attack.layers"))
      layers += (layers.empty() ? "" : " ") + std::to_string(static_cast<int>(l.as_number()));
    s += r->at("id").as_string() + "," + r->at("dataset").as_string() + "," + r->at("model").as_string() + "," +
         r->at("loss").as_string() + "," + std::to_string(static_cast<int>(r->at("seed").as_number())) + "," +
         r->at("attack_scale").as_string() + "," + r->at("layers_rule").as_string() + "," + layers + "," +
         r->at("noise_kind").as_string() + "," + num(r->at("magnitude").as_number()) + "," +
         num(r->at("clean_accuracy").as_number()) + "," + num(r->at("attacked_accuracy").as_number()) + "," +
         num(r->at("degradation").as_number()) + "," + num(r->at("final_test_loss").as_number()) + "," +
         (r->at("nan").as_bool() ? "1" : "0") + "," + num(r->at("max_abs_logit").as_number()) + "\n";
  }
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
