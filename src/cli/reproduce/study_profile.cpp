#include "study_profile.hpp"

#include "robustness_map.hpp"
#include "run/train_then_attack.hpp"

namespace hqnn::cli {

static ReproduceDataset study_dataset(const std::string& key, const std::string& data, const StudyAxes& axes) {
  ReproduceDataset d;
  d.key = key;
  d.data.name = data;
  if (key == "iris") d.data.scaling = ScalingKind::automatic;  // the CLI's default
  d.study = axes;
  d.epochs = axes.clean_epochs + axes.attack_epochs;
  return d;
}

ReproduceProfile study_profile(ProfileSize size) {
  const std::vector<AttackScale> scales = {AttackScale::absolute, AttackScale::relative};
  const std::vector<bool> layers = {false, true};
  const std::vector<NoiseKind> gaussian = {NoiseKind::gaussian_sym, NoiseKind::gaussian_asym};
  using K = ModelKind;
  ReproduceProfile p;
  p.complexity = false;
  p.is_study = true;
  if (size == ProfileSize::tiny) {
    p.seeds = 2;
    p.datasets = {study_dataset("iris", "iris", {2, 2, enum_names({K::qrfnn, K::mlp_leaky, K::mlp_res_tanh}), scales, layers, gaussian,
                                                 {0.01, 1}})};
  } else {
    const bool full = size == ProfileSize::full;
    // Iris: every model kind, six noises; 100 clean epochs (the clean iris curves are flat well before), 30 attacked.
    // Images: the committed 1,000 / 400 subsets, 20 clean epochs (320 steps), 5 attacked (80 steps).
    const std::vector<double> mags = full ? std::vector<double>{0.001, 0.01, 0.1, 1, 10} : std::vector<double>{0.01, 0.1, 1};
    const StudyAxes iris = {100, 30,
                            enum_names({K::tqfnn, K::qrfnn, K::qdfnn, K::mlp_leaky, K::mlp_rot, K::mlp_res_leaky,
                                        K::mlp_dense_leaky, K::mlp_res_tanh, K::mlp_dense_tanh, K::mlp_res_orth,
                                        K::mlp_dense_orth}),
                            scales, layers, dataset_noise_kinds(), mags};
    // The image sets of `study` run the paper's four attack noises (Fig. 6-8) to fit 2 cores.
    const StudyAxes images = {20, 5,
                              enum_names({K::tqcnn, K::qrcnn, K::qdcnn, K::cnn_leaky, K::cnn_rot, K::cnn_res_leaky,
                                          K::cnn_dense_leaky, K::cnn_res_tanh, K::cnn_dense_tanh, K::cnn_res_orth,
                                          K::cnn_dense_orth}),
                              scales, layers, full ? dataset_noise_kinds() : attack_noise_kinds(), mags};
    p.seeds = full ? 10 : 5;
    p.datasets = {study_dataset("iris", "iris", iris), study_dataset("mnist", "mnist-subset", images),
                  study_dataset("fashion-mnist", "fashion-mnist-subset", images)};
  }
  return p;
}

bool is_hybrid_model(const std::string& model) {
  const auto kind = parse_enum<ModelKind>(model);
  return kind && is_hybrid(*kind);
}

std::string study_condition(AttackScale scale, bool all_layers, NoiseKind noise, double magnitude) {
  return std::string(enum_name(scale)) + (all_layers ? "-all-" : "-one-") + enum_name(noise) + "-m" +
         magnitude_label(magnitude);
}

std::vector<GridRun> study_grid(const ReproduceProfile& profile) {
  std::vector<GridRun> grid;
  int unit = 0;
  for (const auto& d : profile.datasets) {
    const StudyAxes& a = d.study;
    for (const auto& model : a.models)
      for (int seed = 1; seed <= profile.seeds; ++seed, ++unit) {
        std::vector<SoftmaxLoss> losses = {SoftmaxLoss::stable};
        if (!is_hybrid_model(model)) losses.push_back(SoftmaxLoss::naive);
        for (SoftmaxLoss loss : losses)
          for (AttackScale scale : a.scales)
            for (bool all : a.all_layers)
              for (NoiseKind noise : a.noises)
                for (double m : a.magnitudes) {
                  ExperimentConfig clean = grid_run_config(d, model, seed);
                  clean.data.split_seed = static_cast<uint64_t>(seed);  // each seed its own split
                  clean.train.loss = loss;
                  clean.train.epochs = a.clean_epochs;
                  AttackOptions attack;
                  attack.form = AttackForm::inside;
                  attack.mode = AttackMode::persistent;
                  attack.noise = noise;
                  attack.magnitude = m;
                  attack.scale = scale;
                  attack.seed = static_cast<uint64_t>(seed);
                  attack.layers = all ? clean.model.layers : 1;  // all: the L layers
                  const ExperimentConfig c = run::attacked_spec(clean, attack, a.clean_epochs, a.attack_epochs);
                  const std::string model_id = loss == SoftmaxLoss::naive ? model + "-naive" : model;
                  GridRun r = make_grid_run("study", d, study_condition(scale, all, noise, m), model, seed, c);
                  r.id = "study-" + d.key + "-" + r.condition + "-" + model_id + "-s" + std::to_string(seed);
                  r.unit = unit;
                  grid.push_back(std::move(r));
                }
      }
  }
  return grid;
}

}  // namespace hqnn::cli
