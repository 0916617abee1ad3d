// The grid's run records looked up by cell (experiment, data set, condition,
// model) and averaged over the seeds of a cell, for the report and its plots.
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "core/json.hpp"
#include "core/run_statistics.hpp"
#include "reproduce_grid.hpp"

namespace hqnn::cli {

// One cell over its seeds.
struct SeedAggregate {
  int runs = 0, diverged = 0;
  double acc_mean = 0, acc_sd = 0;  // means over seeds of the D12 per-run mean and sd
  double acc_seed_sd = 0;           // sd over seeds of the per-run mean
  double loss_mean = 0;             // NaN when any run's curve has NaN
  double pr_micro = 0, pr_macro = 0, roc_micro = 0, roc_macro = 0;
  std::vector<ClassStatistics> per_class;
};

class GridResults {
 public:
  // Keeps pointers into `runs`, which must outlive it. Every run of the
  // profile's grid must be there (matched by id), else an InputError names
  // the first one missing.
  GridResults(const ReproduceProfile& profile, const std::vector<Json>& runs);

  const std::vector<const Json*>& runs(const std::string& experiment, const std::string& dataset,
                                       const std::string& condition, const std::string& model) const;
  SeedAggregate aggregate(const std::string& experiment, const std::string& dataset, const std::string& condition,
                          const std::string& model) const;
  const std::string& data_source(const std::string& dataset) const { return sources_.at(dataset); }
  // train / test sample counts
  const std::pair<long long, long long>& samples(const std::string& dataset) const { return samples_.at(dataset); }

 private:
  std::map<std::string, std::vector<const Json*>> cells_;
  std::map<std::string, std::string> sources_;
  std::map<std::string, std::pair<long long, long long>> samples_;
};

}  // namespace hqnn::cli
