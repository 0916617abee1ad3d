// The robustness map: the paper's robustness claim (Sec. 5.2, Fig. 6-8: under
// asymmetric parameter attacks the hybrids keep 74-93 % while the classical
// models fall to chance with a NaN loss) measured over what the paper leaves
// open: the attack magnitude (log-spaced), the mode (persistent, transient,
// fixed: three readings of Sec. 5.2, see core/attack.hpp), both forms, the six
// noise kinds, for the plain / residual / dense hybrids and both classical
// baselines. Profiles robustness-tiny (tests), robustness-quick (minutes on
// 2 cores), robustness-full (every axis, 3 seeds: 75 min on 2 loaded cores, or a
// Slurm job array, docs/slurm.md).
#pragma once

#include <string>
#include <vector>

#include "reproduce_grid.hpp"
#include "run/log_spacing.hpp"

namespace hqnn::cli {

std::string magnitude_label(double magnitude);  // 3 significant digits: "0.00316", "10"

// The map at one size (robustness-tiny, -quick, -full: reproduce_profiles.hpp).
ReproduceProfile robustness_profile(ProfileSize size);

// Plain, residual and dense hybrid, then the leaky and rot classical baselines.
std::vector<std::string> robustness_models(const std::string& dataset_key);

// "form1-fixed-gaussian-asym-m0.01"
std::string robustness_condition(AttackForm form, AttackMode mode, NoiseKind noise, double magnitude);

std::vector<GridRun> robustness_grid(const ReproduceProfile& profile);

}  // namespace hqnn::cli
