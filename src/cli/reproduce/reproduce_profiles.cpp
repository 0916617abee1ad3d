#include "reproduce_profiles.hpp"

#include "core/input_error.hpp"
#include "robustness_map.hpp"
#include "study_profile.hpp"

namespace hqnn::cli {

ReproduceProfile reproduce_profile(const std::string& name, const std::string& cifar100_dir, int seeds) {
  ReproduceProfile p;
  if (auto paper = paper_profile(name, cifar100_dir)) {
    p = *paper;
  } else if (auto map = robustness_profile(name)) {
    p = *map;
  } else if (auto study = study_profile(name)) {
    p = *study;
  } else {
    throw InputError("--profile: expected tiny, quick, full, robustness-tiny, robustness-quick, robustness-full, "
                     "study-tiny, study or study-full, got '" + name + "'");
  }
  if (!cifar100_dir.empty() && (p.is_robustness_map() || p.is_study))
    throw InputError("--cifar100 adds CIFAR-100 to the paper's grid; the robustness map and the study run iris, MNIST 0-3 and "
                     "FashionMNIST 0-3 (leave --cifar100 out)");
  for (auto& d : p.datasets) d.data.split_seed = 1;  // one split for every run of a profile (the study: one per seed)
  if (seeds > 0) {
    p.seeds = seeds;
    for (auto& d : p.datasets) d.map.seeds = 0;
  }
  return p;
}

std::vector<GridRun> reproduce_grid(const ReproduceProfile& profile) {
  if (profile.is_robustness_map()) return robustness_grid(profile);
  if (profile.is_study) return study_grid(profile);
  return paper_grid(profile);
}

}  // namespace hqnn::cli
