// The Markdown reproduction report: data sets and settings, then the paper's
// Fig. 9 (ablation), Fig. 6-8 (attacks) and Fig. 5 (dataset noise) with the
// paper's numbers beside ours, and the complexity table.
#pragma once

#include <string>
#include <vector>

#include "core/json.hpp"
#include "reproduce_grid.hpp"

namespace hqnn::cli {

// Writes report.md and plots/ into `out_dir` from run records (the JSON
// written for each run). Runs are matched to the grid by id; a missing run
// throws InputError naming it. `complexity` may be null (no table).
void write_reproduction_report(const std::string& out_dir, const ReproduceProfile& profile,
                               const std::vector<Json>& runs, const Json& complexity);

}  // namespace hqnn::cli
