// Rendering of results as readable tables for a terminal.
#pragma once

#include <string>
#include <vector>

#include "core/json.hpp"
#include "core/metrics.hpp"
#include "core/run_statistics.hpp"
#include "core/trainer.hpp"
#include "run/run_writers.hpp"

namespace hqnn::cli {

// The JSON forms are the run's writers (run/run_writers.hpp).
using run::confusion_json;
using run::curves_json;
using run::report_json;

std::string report_table(const ClassificationReport& report, const std::vector<std::string>& class_names);
// Per class mean and variance of precision / recall / F1 over the evaluation
// points, the final model's areas and the gradient-norm statistics (D12).
std::string statistics_table(const RunStatistics& stats, const std::vector<std::string>& class_names);
std::string epoch_line(const EpochRecord& rec, int epochs);

}  // namespace hqnn::cli
