#include "reproduce_grid.hpp"

#include "run/run_spec.hpp"

namespace hqnn::cli {

bool is_image_dataset(const std::string& key) { return run::data_kind_of(key) == run::DataKind::image; }

static TrainOptions default_training_of(const ReproduceDataset& d) {
  return run::default_spec(run::data_kind_of(d.data.name)).train;
}
int ReproduceDataset::batch() const { return default_training_of(*this).batch; }
double ReproduceDataset::lr() const { return default_training_of(*this).optimizer.lr; }

const std::vector<NoiseKind>& dataset_noise_kinds() {
  static const std::vector<NoiseKind> kinds = {NoiseKind::gaussian_sym, NoiseKind::gaussian_asym,
                                               NoiseKind::uniform_sym,  NoiseKind::uniform_asym,
                                               NoiseKind::mixed_sym,    NoiseKind::mixed_asym};
  return kinds;
}

const std::vector<NoiseKind>& attack_noise_kinds() {
  static const std::vector<NoiseKind> kinds = {NoiseKind::gaussian_sym, NoiseKind::mixed_sym,
                                               NoiseKind::gaussian_asym, NoiseKind::mixed_asym};
  return kinds;
}

std::vector<std::string> comparison_models(const std::string& key) {
  using K = ModelKind;
  if (is_image_dataset(key)) return enum_names({K::qrcnn, K::cnn_leaky, K::qdcnn, K::cnn_rot});
  return enum_names({K::qrfnn, K::mlp_leaky, K::qdfnn, K::mlp_rot});
}

std::vector<std::string> ablation_models(const std::string& key) {
  using K = ModelKind;
  if (is_image_dataset(key)) return enum_names({K::tqcnn, K::qrcnn, K::qdcnn});
  return enum_names({K::tqfnn, K::qrfnn, K::qdfnn});
}

// From the model-kind table, so that every kind (the classical controls too) has its name.
std::string model_display_name(const std::string& model) {
  const auto kind = parse_enum<ModelKind>(model);
  return kind ? enum_row(*kind).display_name : model;
}

ReproduceProfile paper_profile(ProfileSize size, const std::string& cifar100_dir) {
  ReproduceProfile p;
  auto image = [](const std::string& key, const std::string& data, int epochs, size_t train_pc, size_t test_pc) {
    ReproduceDataset d;
    d.key = key;
    d.data.name = data;
    d.data.train_per_class = train_pc;
    d.data.test_per_class = test_pc;
    d.epochs = epochs;
    return d;
  };
  ReproduceDataset iris;
  iris.key = "iris";
  iris.data.name = "iris";
  const bool full = size == ProfileSize::full;
  if (size == ProfileSize::tiny) {
    iris.epochs = 2;
    p.datasets = {iris};
    p.seeds = 1;
    p.complexity = false;
  } else if (size == ProfileSize::quick) {
    iris.epochs = 30;
    p.datasets = {iris, image("mnist", "mnist-subset", 3, 0, 0), image("fashion-mnist", "fashion-mnist-subset", 3, 0, 0)};
    p.seeds = 2;
  } else {
    iris.epochs = 100;
    p.datasets = {iris, image("mnist", "mnist", 5, 0, 0), image("fashion-mnist", "fashion-mnist", 5, 0, 0)};
    p.seeds = 3;
  }
  if (!cifar100_dir.empty())
    p.datasets.push_back(image("cifar100", "cifar100:" + cifar100_dir, full ? 5 : size == ProfileSize::quick ? 3 : 1,
                               full ? 0 : 250, full ? 0 : 100));
  return p;
}

ExperimentConfig grid_run_config(const ReproduceDataset& d, const std::string& model, int seed) {
  ExperimentConfig c;
  c.data = d.data;
  c.model.kind = *parse_enum<ModelKind>(model);
  c.model.seed = static_cast<uint64_t>(seed);
  c.train.epochs = d.epochs;
  c.train.batch = d.batch();
  c.train.optimizer.lr = d.lr();
  c.train.seed = static_cast<uint64_t>(seed);
  c.noise_seed = static_cast<uint64_t>(seed);
  return c;
}

GridRun make_grid_run(const std::string& experiment, const ReproduceDataset& d, const std::string& condition,
                      const std::string& model, int seed, const ExperimentConfig& config) {
  GridRun r;
  r.experiment = experiment;
  r.dataset = d.key;
  r.condition = condition;
  r.model = model;
  r.seed = seed;
  r.config = config;
  r.id = experiment + "-" + d.key + "-" + (condition == "none" ? "" : condition + "-") + model + "-s" + std::to_string(seed);
  return r;
}

std::vector<GridRun> paper_grid(const ReproduceProfile& profile) {
  std::vector<GridRun> grid;
  auto add = [&](const std::string& experiment, const ReproduceDataset& d, const std::string& condition,
                 const std::string& model, int seed, const ExperimentConfig& config) {
    grid.push_back(make_grid_run(experiment, d, condition, model, seed, config));
  };
  for (const auto& d : profile.datasets)
    for (int seed = 1; seed <= profile.seeds; ++seed) {
      for (NoiseKind noise : dataset_noise_kinds())
        for (const auto& model : comparison_models(d.key)) {
          ExperimentConfig c = grid_run_config(d, model, seed);
          c.noise = DatasetNoiseOptions();
          c.noise->kind = noise;
          add("noise", d, enum_name(noise), model, seed, c);
        }
      for (AttackForm form : {AttackForm::inside, AttackForm::outside})
        for (NoiseKind noise : attack_noise_kinds())
          for (const auto& model : comparison_models(d.key)) {
            ExperimentConfig c = grid_run_config(d, model, seed);
            c.attack = AttackOptions();
            c.attack->form = form;
            c.attack->noise = noise;
            c.attack->seed = static_cast<uint64_t>(seed);
            const std::string cond = std::string(enum_row(form).label) + "-" + enum_name(noise);
            add("attack", d, cond, model, seed, c);
          }
      for (const auto& model : ablation_models(d.key)) add("ablation", d, "none", model, seed, grid_run_config(d, model, seed));
    }
  return grid;
}

}  // namespace hqnn::cli
