// The paper's experiment grid for `hqnn reproduce`: the profiles (which data
// sets, how many epochs and seeds) and the runs a profile expands to.
//
//   noise     generalisation under each of the six dataset noises (Fig. 5)
//   attack    parameter attacks, symmetric and asymmetric, forms ① and ② (Fig. 6-8)
//   ablation  plain / residual / dense on noiseless data (Fig. 9)
// on iris, MNIST 0-3 and FashionMNIST 0-3 (and CIFAR-100 0-3 when given), for
// the hybrids and the classical baselines, over several seeds.
#pragma once

#include <string>
#include <vector>

#include "core/attack.hpp"
#include "cli/experiment.hpp"

namespace hqnn::cli {

// The attacks of the robustness map on one data set (robustness_map.hpp).
struct RobustnessAxes {
  std::vector<AttackForm> forms;
  std::vector<AttackMode> modes;
  std::vector<NoiseKind> noises;
  int seeds = 0;  // 0: the profile's
};

// The controlled study (study_profile.hpp): every attack cell of a (data set,
// model, seed) starts from one clean pre-training of it.
struct StudyAxes {
  int clean_epochs = 0, attack_epochs = 0;  // per data set: ReproduceDataset::epochs is clean + attack
  std::vector<std::string> models;          // hybrids, baselines and classical-skip controls
  std::vector<AttackScale> scales;
  std::vector<bool> all_layers;             // false: one attacked layer, true: every layer
  std::vector<NoiseKind> noises;
  std::vector<double> magnitudes;
};

struct ReproduceDataset {
  std::string key;       // iris | mnist | fashion-mnist | cifar100
  DataConfig data;
  int epochs = 0;
  // D6, from the run library's defaults for the data's kind (16 / 0.01 tabular, 64 / 0.001 images).
  int batch() const;
  double lr() const;
  RobustnessAxes map;    // robustness profiles only
  StudyAxes study;       // study profiles only
};

constexpr int kMaxReproduceSeeds = 100;

// How much of its family (paper grid, robustness map, study) a profile runs;
// the names are in the profile table (reproduce_profiles.hpp).
enum class ProfileSize { tiny, quick, full };

struct ReproduceProfile {
  std::string name;      // its row of the profile table (reproduce_profiles.hpp)
  ProfileSize size = ProfileSize::quick;
  std::vector<ReproduceDataset> datasets;
  int seeds = 1;
  bool complexity = true;
  int complexity_dense_max_n = 128;
  // Non-empty: the robustness map over these attack magnitudes instead of the paper's grid.
  std::vector<double> map_magnitudes;
  bool is_robustness_map() const { return !map_magnitudes.empty(); }
  bool is_study = false;  // the controlled study (study_profile.hpp)
};

// The paper's grid at one size; cifar100_dir: "" leaves CIFAR-100 out.
// Every profile by name: reproduce_profiles.hpp.
ReproduceProfile paper_profile(ProfileSize size, const std::string& cifar100_dir);

struct GridRun {
  std::string id;          // e.g. attack-fashion-mnist-form2-gaussian-asym-qdcnn-s1
  std::string experiment;  // noise | attack | ablation
  std::string dataset;     // ReproduceDataset::key
  std::string condition;   // noise kind, "form1-gaussian-asym", or "none"
  std::string model;       // model kind name
  int seed = 1;
  ExperimentConfig config;
  // The study's pre-training unit (data set, model, seed): a shard holds all of
  // a unit's cells. -1: the run is its own unit.
  int unit = -1;
};

// The paper's grid of a paper profile (noise, attack, ablation), in a fixed order.
std::vector<GridRun> paper_grid(const ReproduceProfile& profile);

// One run of data set `d`: its epochs, batch and lr, seeds for the model, the
// shuffling and the dataset noise; no noise, no attack.
ExperimentConfig grid_run_config(const ReproduceDataset& d, const std::string& model, int seed);
// Its id: experiment-dataset-[condition-]model-sSEED ("none" leaves the condition out).
GridRun make_grid_run(const std::string& experiment, const ReproduceDataset& d, const std::string& condition,
                      const std::string& model, int seed, const ExperimentConfig& config);

// Image data sets are all but iris.
bool is_image_dataset(const std::string& dataset_key);

// The six dataset noises of Fig. 5.
const std::vector<NoiseKind>& dataset_noise_kinds();
// Fig. 6-8 use mixed and Gaussian asymmetric attacks; their symmetric twins are the control.
const std::vector<NoiseKind>& attack_noise_kinds();
// Column order of Fig. 5: residual hybrid, leaky baseline, dense hybrid, rot baseline.
std::vector<std::string> comparison_models(const std::string& dataset_key);
// Fig. 9: plain, residual, dense hybrid.
std::vector<std::string> ablation_models(const std::string& dataset_key);
// "QRCNN", "CNN(leaky-relu)", ... as the paper writes them.
std::string model_display_name(const std::string& model);

}  // namespace hqnn::cli
