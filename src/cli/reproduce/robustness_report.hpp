// The robustness map's report: where the paper's robustness claim holds, over
// the attack magnitude, per data set, form, mode and noise symmetry.
//
//   verdict   the claim holds at magnitude m when the residual and dense hybrids
//             average at least 20 points above the two classical baselines and
//             both baselines are at chance (within 10 points of 1/classes) or
//             NaN (the loss reached NaN/Inf in at least half of their runs);
//             the reverse with the roles swapped; "no difference" elsewhere
//   ablation  the same test for the plain hybrid (no skips, the same sin/cos
//             gates): whether the skips or the sin/cos carry the robustness
//   tables    average test accuracy against m, one row per model
//   plots     the same over the asymmetric noises, per data set, form and mode
#pragma once

#include <string>
#include <vector>

#include "grid_results.hpp"

namespace hqnn::cli {

// One model at one magnitude, over the noises of a symmetry group and the seeds.
struct MapPoint {
  double accuracy = 0;      // mean of the runs' average test accuracy (D12)
  double nan_fraction = 0;  // share of the runs whose loss reached NaN/Inf
  double seed_sd = 0;       // population sd over the seeds, averaged over the pooled noises
};

enum class Verdict { claim_holds, reverse_holds, no_difference };

// `points`: plain, residual and dense hybrid, leaky and rot baseline (robustness_models order).
Verdict robustness_verdict(const std::vector<MapPoint>& points, double chance);

void write_robustness_report(const std::string& out_dir, const ReproduceProfile& profile, const GridResults& results);

}  // namespace hqnn::cli
