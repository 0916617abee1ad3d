// The report's SVG plots: per data set, attack form and asymmetric attack
// noise, the test accuracy and loss curves of the comparison models (seed 1)
// against the epoch, as in Fig. 6-8.
#pragma once

#include <filesystem>
#include <string>

#include "grid_results.hpp"

namespace hqnn::cli {

// File stem of one attack plot pair: "attack-<data>-<form1|form2>-<noise>"; the
// files are <stem>-accuracy.svg and <stem>-loss.svg.
std::string attack_plot_stem(const std::string& dataset, const std::string& condition);

void write_attack_plots(const std::filesystem::path& dir, const ReproduceProfile& profile, const GridResults& results);

}  // namespace hqnn::cli
