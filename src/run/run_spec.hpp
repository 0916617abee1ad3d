// One training run, whatever starts it (a command line, a link, a model file,
// a checkpoint): the data and how it is prepared, the model, the training, the
// optional dataset noise and parameter attack, and their seeds.
//
// Every default that depends on the data kind is set in default_spec() (D6, D9);
// the rest are the structs' initialisers (test fraction 0.3, classes 0-3 (D13)):
//
//                    tabular (iris, CSV)        image sets
//   model            qdfnn, L = 2               qdcnn, L = 2
//   width n          0 = number of features     0 = 64 (D9)
//   optimiser        Adam, lr 0.01, batch 16    Adam, lr 0.001, batch 64
//   epochs           100                        10
//   split            stratified, 30 % test      the set's own split
//   scaling          auto (docs/scaling.md)     none (pixels in [0, 1])
//   classes          —                          0,1,2,3 (D13)
//
// One seed (set_seed) drives the initialisation and the shuffling, and is the
// default of the split, noise and attack seeds; each can be set on its own.
// The option table (option_table.hpp) reads and writes every field here. The
// structs' own initial values are the paper's plain run (raw features, the
// tabular D6 values), which `hqnn reproduce` starts from; every other surface
// starts from default_spec().
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/attack.hpp"
#include "core/feature_scaling.hpp"
#include "core/model.hpp"
#include "core/noise.hpp"
#include "core/trainer.hpp"

namespace hqnn::run {

enum class DataKind { tabular, image };
// Image sets by name (image_datasets.hpp); everything else (iris, a CSV path) is tabular.
DataKind data_kind_of(const std::string& data_name);

struct DataSpec {
  std::string name = "iris";       // iris | FILE.csv | an image set name
  std::string label_column;        // CSV: a column name or 0-based index; empty: the last column
  char delimiter = ',';            // CSV
  double test_fraction = 0.3;      // tabular: stratified split (D7)
  uint64_t split_seed = 1;         // tabular
  ScalingKind scaling = ScalingKind::none;  // fitted on the training split (see data_preparation.hpp)
  std::vector<int> classes{0, 1, 2, 3};     // image data (D13); empty: every class
  int downsample = 1;                       // image data: average-pool factor
  size_t train_per_class = 0, test_per_class = 0;  // image data: 0 keeps every image
};

struct RunSpec {
  DataSpec data;
  ModelOptions model;              // model.seed: initialisation
  TrainOptions train;              // train.seed: shuffling (= model.seed)
  std::optional<DatasetNoiseOptions> noise;
  uint64_t noise_seed = 1;
  std::optional<AttackOptions> attack;  // attack->seed: which layers and every ε
  int attack_epoch = 0;            // the attack is installed once this many epochs are done (0: from the start)

  uint64_t seed() const { return model.seed; }
  DataKind data_kind() const { return data_kind_of(data.name); }
};

// The defaults of a run on this kind of data, with seed 1.
RunSpec default_spec(DataKind kind);
// The defaults of a dataset noise or an attack when one is switched on.
DatasetNoiseOptions default_noise(DataKind kind);
AttackOptions default_attack();
// Sets the run's seed and every seed that follows it (split, noise, attack).
void set_seed(RunSpec& spec, uint64_t seed);

// Throws InputError naming the option when a value is out of range or two
// options contradict each other. The image shape is checked with the data.
void validate(const RunSpec& spec);

}  // namespace hqnn::run
