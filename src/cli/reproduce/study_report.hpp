// The study's report: report.md (protocol, clean accuracy, verdict counts per
// classical model and per noise kind, the threshold sensitivity, NaN counts
// per model and loss, every cell with mean, sample sd and 95 % t CI), runs.csv,
// cells.csv, verdicts.csv and plots/ (accuracy after the attack against the
// magnitude, per data set, scale, layers and noise kind).
#pragma once

#include <string>
#include <vector>

#include "core/json.hpp"
#include "reproduce_grid.hpp"

namespace hqnn::cli {

// What a profile leaves out, in one sentence (the help and the report say it).
std::string study_leaves_out(ProfileSize size);

void write_study_report(const std::string& out_dir, const ReproduceProfile& profile, const std::vector<Json>& runs);

}  // namespace hqnn::cli
