// Rendering of results: readable tables for a terminal, JSON for machines.
#pragma once

#include <string>
#include <vector>

#include "core/json.hpp"
#include "core/metrics.hpp"
#include "core/run_statistics.hpp"
#include "core/trainer.hpp"

namespace hqnn::cli {

Json curves_json(const std::vector<EpochRecord>& history, const std::vector<std::string>& param_names);
Json report_json(const ClassificationReport& report, const std::vector<std::string>& class_names);
Json confusion_json(const std::vector<std::vector<int>>& confusion);  // rows: true class
std::string report_table(const ClassificationReport& report, const std::vector<std::string>& class_names);
// Per class mean and variance of precision / recall / F1 over the evaluation
// points, the final model's areas and the gradient-norm statistics (D12).
std::string statistics_table(const RunStatistics& stats, const std::vector<std::string>& class_names);
std::string epoch_line(const EpochRecord& rec, int epochs);

}  // namespace hqnn::cli
