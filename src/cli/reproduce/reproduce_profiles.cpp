#include "reproduce_profiles.hpp"

#include "core/input_error.hpp"
#include "robustness_map.hpp"
#include "core/settings/option_value.hpp"
#include "study_profile.hpp"

namespace hqnn::cli {

const std::vector<ProfileRow>& profile_table() {
  using F = ProfileFamily;
  using S = ProfileSize;
  // name, family, size, flag, default, help
  static const std::vector<ProfileRow> rows = {
      {"tiny", F::paper, S::tiny, true, false, "the paper's grid on iris only, 2 epochs, 1 seed (for tests)"},
      {"quick", F::paper, S::quick, true, true, "the paper's grid on small subsets, few epochs, 2 seeds: a few minutes on 2 cores"},
      {"full", F::paper, S::full, true, false, "the paper's grid on the full data sets, 100 iris / 5 image epochs, 3 seeds"},
      {"robustness-tiny", F::robustness, S::tiny, false, false, "the robustness map on iris, 2 epochs, 1 seed (for tests)"},
      {"robustness-quick", F::robustness, S::quick, false, false, "the robustness map: iris on every axis, the image subsets on the persistent mode and the Gaussian pair; under 10 min on 2 cores"},
      {"robustness-full", F::robustness, S::full, false, false,
       "the whole robustness map: 14,580 runs, 75 min on 2 loaded cores, or a Slurm job array (docs/slurm.md)"},
      {"study-tiny", F::study, S::tiny, false, false, "the study on iris, 2 seeds, 3 models, 2 + 2 epochs (for tests)"},
      {"study", F::study, S::quick, false, false, "the study sized for under 2 h on 2 idle cores: 15,960 cells"},
      {"study-full", F::study, S::full, false, false, "the whole study, 10 seeds: a cluster job (--dry-run gives its core-hours)"},
  };
  return rows;
}

std::vector<std::string> profile_names() {
  std::vector<std::string> names;
  for (const ProfileRow& r : profile_table()) names.push_back(r.name);
  return names;
}

const ProfileRow* find_profile(const std::string& name) {
  for (const ProfileRow& r : profile_table())
    if (name == r.name) return &r;
  return nullptr;
}

const ProfileRow& default_profile() {
  for (const ProfileRow& r : profile_table())
    if (r.is_default) return r;
  return profile_table().front();
}

// "  name              help words wrapped at 100 columns"
static std::string profile_line(const ProfileRow& r) {
  constexpr size_t kIndent = 20, kWidth = 100;
  std::string line = std::string("  ") + r.name;
  line += std::string(line.size() < kIndent ? kIndent - line.size() : 1, ' ');
  size_t column = line.size();
  const std::string help = std::string(r.help) + (r.is_default ? " (default)" : "");
  bool first = true;
  for (size_t pos = 0; pos < help.size();) {
    size_t end = help.find(' ', pos);
    if (end == std::string::npos) end = help.size();
    const std::string word = help.substr(pos, end - pos);
    pos = end + 1;
    if (first) {
      first = false;
    } else if (column + 1 + word.size() > kWidth) {
      line += "\n" + std::string(kIndent, ' ');
      column = kIndent;
    } else {
      line += ' ';
      ++column;
    }
    line += word;
    column += word.size();
  }
  return line + "\n";
}

std::string profiles_help() {
  std::string s = "\nprofiles:\n";
  for (const ProfileRow& r : profile_table()) s += profile_line(r);
  return s + R"(
  the paper's grid: the six dataset noises (Fig. 5), parameter attacks (Fig. 6-8) and the plain /
    residual / dense ablation (Fig. 9) on iris, MNIST 0-3 and FashionMNIST 0-3 (tiny: iris only).
  the robustness map: attack magnitude 0.001..10 over forms, modes (persistent, transient, fixed)
    and noises, with a verdict on the paper's claim.
  the controlled study: each (data set, model, seed) is trained clean once, then every attack
    cell continues from that state (persistent form 1; absolute and relative scale; one and all
    layers; per noise kind; stable and naive loss for the classical models); hybrids against the
    baselines and the classical-skip controls; 5 seeds (study-full: 10), each its own iris split;
    mean, sample sd, 95 % t CI, verdicts, runs.csv.
    study: iris (100 + 30 epochs, six noises) and the MNIST and FashionMNIST subsets (20 + 5
    epochs, the four attack noises), m = 0.01, 0.1, 1 (--dry-run says its CPU time); it leaves
    out m = 0.001 and 10, the uniform noises on images, the transient and fixed modes, form 2 and
    CIFAR-100. study-full: six noises everywhere, m = 0.001..10, 10 seeds. --shard keeps a
    unit's cells in one shard.
)";
}

// "tiny, quick, ... or study-full"
static std::string names_text() {
  const std::vector<std::string> names = profile_names();
  std::string s;
  for (size_t i = 0; i < names.size(); ++i) s += (i == 0 ? "" : i + 1 == names.size() ? " or " : ", ") + names[i];
  return s;
}

ReproduceProfile reproduce_profile(const std::string& name, const std::string& cifar100_dir, int seeds) {
  const ProfileRow* row = find_profile(name);
  if (!row) {
    const std::string guess = closest_word(name, profile_names());
    throw InputError("--profile: expected " + names_text() + ", got '" + name + "'" +
                     (guess.empty() ? "" : "; did you mean " + guess + "?"));
  }
  if (!cifar100_dir.empty() && row->family != ProfileFamily::paper)
    throw InputError("--cifar100 adds CIFAR-100 to the paper's grid; the robustness map and the study run iris, MNIST 0-3 and "
                     "FashionMNIST 0-3 (leave --cifar100 out)");
  ReproduceProfile p = row->family == ProfileFamily::paper        ? paper_profile(row->size, cifar100_dir)
                       : row->family == ProfileFamily::robustness ? robustness_profile(row->size)
                                                                  : study_profile(row->size);
  p.name = row->name;
  p.size = row->size;
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
