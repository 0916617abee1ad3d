// The playground's settings and their URL-hash form.
//
// Every setting that changes a run lives in the hash, so a link reproduces a
// run bit for bit (same seed, same split, same initialisation):
//
//   #data=iris&model=qdfnn&L=2&width=0&opt=adam&lr=0.01&batch=16&epochs=100&seed=1
//    &test=0.3&std=0&init=uniform&init_scale=3.14159&lambda=1&lambda_train=1
//    &lambda_inv=0&renorm=0&fx=2&fy=3&sample=0&play=1&embed=1&panels=boundary,curves
//
// Flags (play, embed, panels) change how the page starts, not the run, and are
// written only when set. This file has no UI code, so tests can use it alone.
#pragma once

#include <string>
#include <vector>

#include "core/model.hpp"
#include "core/trainer.hpp"

namespace hqnn::app {

struct PlaygroundSettings {
  std::string dataset = "iris";       // "iris", or "csv" (the user's file; not reproducible from a link)
  ModelOptions model;                 // kind, L, width, λ options, init, seed
  TrainOptions train;                 // epochs, batch, optimiser, lr (train.seed follows model.seed)
  double test_fraction = 0.3;         // stratified split
  bool standardize = false;           // the paper feeds raw iris features
  int feature_x = 2, feature_y = 3;   // decision boundary axes (petal length / width for iris)
  int sample = 0;                     // test-set sample shown in the state viewer
  bool autoplay = false;
  bool embed = false;                 // compact layout for documentation iframes
  std::vector<std::string> panels;    // embed: the panels to show (empty: the embed default)

  // The seed drives initialisation, shuffling and the split.
  uint64_t seed() const { return model.seed; }
  void set_seed(uint64_t seed) { model.seed = seed; train.seed = seed; }
};

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
