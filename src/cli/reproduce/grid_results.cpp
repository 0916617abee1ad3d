#include "grid_results.hpp"

#include <cmath>

#include "grid_run_files.hpp"
#include "reproduce_profiles.hpp"

namespace hqnn::cli {

static std::string cell_key(const std::string& e, const std::string& d, const std::string& c, const std::string& m) {
  return e + "/" + d + "/" + c + "/" + m;
}

GridResults::GridResults(const ReproduceProfile& profile, const std::vector<Json>& runs) {
  std::map<std::string, const Json*> by_id;
  for (const Json& j : runs) by_id.emplace(grid_run_id(j), &j);
  for (const auto& run : reproduce_grid(profile)) {
    auto found = by_id.find(run.id);
    if (found == by_id.end()) throw InputError("the results have no run '" + run.id + "' (missing shard?)");
    const Json* it = found->second;
    cells_[cell_key(run.experiment, run.dataset, run.condition, run.model)].push_back(it);
    sources_[run.dataset] = it->at("data_source").as_string();
    samples_[run.dataset] = {static_cast<long long>(it->at("train_samples").as_number()),
                             static_cast<long long>(it->at("test_samples").as_number())};
  }
}

const std::vector<const Json*>& GridResults::runs(const std::string& e, const std::string& d, const std::string& c,
                                                  const std::string& m) const {
  return cells_.at(cell_key(e, d, c, m));
}

SeedAggregate GridResults::aggregate(const std::string& e, const std::string& d, const std::string& c,
                                     const std::string& m) const {
  const std::vector<const Json*>& runs = this->runs(e, d, c, m);
  SeedAggregate a;
  a.runs = static_cast<int>(runs.size());
  std::vector<double> means;
  for (const Json* r : runs) {
    const RunStatistics s = run_statistics_from_json(r->at("statistics"));
    a.diverged += r->at("divergence").at("diverged").as_bool();
    means.push_back(s.accuracy_mean);
    a.acc_sd += s.accuracy_sd / a.runs;
    a.loss_mean += s.loss_mean / a.runs;
    a.pr_micro += s.pr_auc_micro / a.runs;
    a.pr_macro += s.pr_auc_macro / a.runs;
    a.roc_micro += s.roc_auc_micro / a.runs;
    a.roc_macro += s.roc_auc_macro / a.runs;
    if (a.per_class.empty()) a.per_class.resize(s.per_class.size());
    for (size_t k = 0; k < s.per_class.size() && k < a.per_class.size(); ++k) {
      auto add = [&](MeanVariance& to, const MeanVariance& from) {
        to.mean += from.mean / a.runs;
        to.variance += from.variance / a.runs;
      };
      add(a.per_class[k].precision, s.per_class[k].precision);
      add(a.per_class[k].recall, s.per_class[k].recall);
      add(a.per_class[k].f1, s.per_class[k].f1);
    }
  }
  const MeanVariance mv = mean_variance(means);
  a.acc_mean = mv.mean;
  a.acc_seed_sd = std::sqrt(mv.variance);
  return a;
}

}  // namespace hqnn::cli
