// The playground's settings and their URL-hash form.
//
// Every setting that changes a run lives in the hash, so a link reproduces a
// run bit for bit (same seed, same split, same initialisation):
//
//   #data=iris&model=qdfnn&L=2&width=0&opt=adam&lr=0.01&batch=16&epochs=100&seed=1
//    &test=0.3&std=0&init=uniform&init_scale=3.14159&lambda=1&lambda_train=1
//    &lambda_inv=0&renorm=0&fx=2&fy=3&sample=0&play=1&embed=1&panels=boundary,curves
//
// Image data (the committed MNIST / FashionMNIST subsets) adds ds (downsampling
// factor) and, for convolutional models, c1 / c2 (channels). Groups written only
// when switched on:
//   dataset noise   noise=gaussian-sym&noise_m=0.1&noise_f=0.5&noise_train=1&noise_test=1
//   attack          attack=outside&attack_noise=gaussian-asym&attack_m=0.01
//                   &attack_mode=persistent&attack_k=1[&attack_layers=0,1]&attack_epoch=0
//   arena           arena=1&arena_model=mlp-leaky
// A hash that names an image dataset starts from image_defaults() (a QDCNN,
// batch 64, 10 epochs) instead of the iris defaults.
//
// Flags (play, embed, panels) change how the page starts, not the run, and are
// written only when set. This file has no UI code, so tests can use it alone.
#pragma once

#include <string>
#include <vector>

#include "core/attack.hpp"
#include "core/model.hpp"
#include "core/noise.hpp"
#include "core/trainer.hpp"

namespace hqnn::app {

// The datasets the playground offers by name (besides "csv", the user's file).
const std::vector<std::string>& playground_dataset_names();  // iris, fashion-mnist-subset, mnist-subset
bool is_image_dataset(const std::string& dataset);

struct PlaygroundSettings {
  std::string dataset = "iris";       // a playground_dataset_names() entry, or "csv" (the user's file;
                                      // not reproducible from a link)
  int downsample = 1;                 // image data: average-pool factor (2: 28x28 -> 14x14)
  ModelOptions model;                 // kind, L, width, λ options, init, seed
  TrainOptions train;                 // epochs, batch, optimiser, lr (train.seed follows model.seed)
  double test_fraction = 0.3;         // stratified split
  bool standardize = false;           // the paper feeds raw iris features
  int feature_x = 2, feature_y = 3;   // decision boundary axes (petal length / width for iris)
  int sample = 0;                     // test-set sample shown in the state viewer
  bool autoplay = false;
  bool embed = false;                 // compact layout for documentation iframes
  std::vector<std::string> panels;    // embed: the panels to show (empty: the embed default)

  // Robustness lab. Both draw their noise from the run's seed.
  bool noise_enabled = false;         // dataset noise (noise.hpp) on the training and/or test set
  DatasetNoiseOptions noise;
  bool attack_enabled = false;        // parameter attack (attack.hpp) from epoch attack_epoch on
  AttackOptions attack;
  int attack_epoch = 0;               // 0: from the start; the UI sets the epoch it was switched on at
  bool arena = false;                 // train arena_model beside `model` on the same data and attack
  ModelKind arena_model = ModelKind::mlp_leaky;

  // The seed drives initialisation, shuffling and the split.
  uint64_t seed() const { return model.seed; }
  void set_seed(uint64_t seed) { model.seed = seed; train.seed = seed; }
};

// The starting point for image data: a QDCNN with n = 16, batch 64, 10 epochs.
PlaygroundSettings image_defaults();

struct ParsedHash {
  PlaygroundSettings settings;
  std::vector<std::string> errors;    // one per unusable key or value; the rest still applies
};

// Parses "#key=value&..." (the leading '#' is optional). Unknown keys and bad
// values are reported and skipped; the defaults fill every key not given.
ParsedHash parse_hash(const std::string& hash);

// The hash of `settings`, starting with '#'. parse_hash(to_hash(s)) == s.
std::string to_hash(const PlaygroundSettings& settings);

bool operator==(const PlaygroundSettings& a, const PlaygroundSettings& b);
inline bool operator!=(const PlaygroundSettings& a, const PlaygroundSettings& b) { return !(a == b); }

}  // namespace hqnn::app
