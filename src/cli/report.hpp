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

// A number for a table: "%.4f", but "nan" (never "-nan"), "inf", and an
// exponent for huge values (a diverging loss of 3.1267e+15, not 16 digits).
std::string fixed(double value, int precision = 4);
// "1 epoch", "2 epochs".
std::string count_of(long long n, const char* singular, const char* plural);

std::string report_table(const ClassificationReport& report, const std::vector<std::string>& class_names);
// Per class mean and variance of precision / recall / F1 over the evaluation
// points, the final model's areas and the gradient-norm statistics (D12).
std::string statistics_table(const RunStatistics& stats, const std::vector<std::string>& class_names);
std::string epoch_line(const EpochRecord& rec, int epochs);

}  // namespace hqnn::cli
