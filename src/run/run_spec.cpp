#include "run_spec.hpp"

#include "data/image_datasets.hpp"

namespace hqnn::run {

DataKind data_kind_of(const std::string& data_name) {
  return is_image_dataset_name(data_name) ? DataKind::image : DataKind::tabular;
}

// The CLI's measured starting points are the defaults everywhere (D6): for
// images lr 0.001, batch 64, 10 epochs; width 0, which effective_width() turns
// into the features (tabular) or the D9 n = 64 (convolutional). Scaling of
// tabular data is measured in docs/scaling.md.
RunSpec default_spec(DataKind kind) {
  RunSpec s;
  if (kind == DataKind::image) {
    s.data.name = "fashion-mnist-subset";
    s.model.kind = ModelKind::qdcnn;
    s.train.epochs = 10;
    s.train.batch = 64;
    s.train.optimizer.lr = 0.001;
    s.data.scaling = ScalingKind::none;  // pixels are in [0, 1] already
  } else {
    s.data.name = "iris";
    s.model.kind = ModelKind::qdfnn;
    s.train.epochs = 100;
    s.train.batch = 16;
    s.train.optimizer.lr = 0.01;
    s.data.scaling = ScalingKind::automatic;  // docs/scaling.md: the best of the four over 15 data set / model pairs
  }
  set_seed(s, 1);
  return s;
}

DatasetNoiseOptions default_noise(DataKind) { return DatasetNoiseOptions{}; }

AttackOptions default_attack() { return AttackOptions{}; }

void set_seed(RunSpec& spec, uint64_t seed) {
  spec.model.seed = seed;
  spec.train.seed = seed;
  spec.data.split_seed = seed;
  spec.noise_seed = seed;
  if (spec.attack) spec.attack->seed = seed;
}

void validate(const RunSpec& s) {
  if (s.data_kind() == DataKind::tabular && !(s.data.test_fraction > 0 && s.data.test_fraction < 1))
    throw InputError("test fraction must be between 0 and 1 (exclusive), got " + std::to_string(s.data.test_fraction));
  if (s.data.downsample < 1) throw InputError("downsample: expected a factor of 1 or more");
  if (is_convolutional(s.model.kind) && s.data_kind() == DataKind::tabular)
    throw InputError(std::string(enum_name(s.model.kind)) + " is a convolutional model: it needs image data " +
                     "(e.g. mnist-subset), and " + s.data.name + " is tabular data; for tabular data choose a model " +
                     "without convolutions (the --model list in hqnn train --help)");
  ModelOptions check = s.model;
  if (is_convolutional(check.kind) && check.image_channels == 0)
    check.image_channels = 1, check.image_height = check.image_width = 28;  // the data's shape comes later
  validate(check);
  validate(s.train);
  if (s.noise) validate(*s.noise);
  if (s.attack) validate(*s.attack);
  if (s.attack_epoch < 0) throw InputError("attack epoch must be 0 or more");
  // An attack that would never start, or K random layers the model does not have, is a mistake, not a run.
  if (s.attack && s.attack_epoch >= s.train.epochs)
    throw InputError("the attack would start after epoch " + std::to_string(s.attack_epoch) + ", but the run has " +
                     std::to_string(s.train.epochs) + " epoch" + (s.train.epochs == 1 ? "" : "s") +
                     "; give an attack epoch below the epochs");
  if (s.attack && s.attack->layer_list.empty() && s.attack->layers > s.model.layers)
    throw InputError("the attack's " + std::to_string(s.attack->layers) + " random layers are more than the model's L = " +
                     std::to_string(s.model.layers) + "; attack at most " + std::to_string(s.model.layers) + " layers");
}

}  // namespace hqnn::run
