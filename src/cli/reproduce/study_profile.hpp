// The controlled study of the robustness claim, as `hqnn reproduce` profiles.
// Protocol (run/train_then_attack.hpp): each (data set, model, seed) is trained
// clean for a fixed budget, kept, and every attack cell of it then trains on
// under its attack from that state; a cell is reported as its accuracy after
// the attack and as its degradation from the same model's clean accuracy.
//
//   models   the hybrids (plain, residual, dense), the classical baselines and
//            the classical-skip controls (the same λ skips around a leaky, tanh
//            or orthogonal layer); classical models with the stable and the
//            naive softmax loss (the naive one only to test why the paper saw NaN)
//   attacks  persistent form ①, absolute and relative scale, one and all
//            layers, per noise kind, over a few magnitudes
//   seeds    each seed draws its own iris split, initialisation and attack
//
// Sizes (their names and help: the profile table, reproduce_profiles.cpp):
//   tiny    for tests: iris, 2 seeds, 2 magnitudes, 3 models, 2 + 2 epochs
//   quick   sized for 2 idle cores (under 2 h): iris with six noises, the
//           MNIST / FashionMNIST subsets with the four attack noises, 3 magnitudes
//   full    for a cluster: every control, six noises, five magnitudes, 10 seeds
#pragma once

#include <string>
#include <vector>

#include "reproduce_grid.hpp"

namespace hqnn::cli {

// The study at one size (study-tiny, study, study-full: reproduce_profiles.hpp).
ReproduceProfile study_profile(ProfileSize size);

// The hybrid kinds among `models` are compared against every other (classical) kind.
bool is_hybrid_model(const std::string& model);

// "relative-all-gaussian-asym-m0.1"
std::string study_condition(AttackScale scale, bool all_layers, NoiseKind noise, double magnitude);

// Grouped by pre-training unit (data set, model, seed), whose index is GridRun::unit; a classical
// unit holds its stable-loss and its naive-loss cells. Each cell's config is the uninterrupted
// run (run::attacked_spec): clean epochs, then the attack.
std::vector<GridRun> study_grid(const ReproduceProfile& profile);

}  // namespace hqnn::cli
