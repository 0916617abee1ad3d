#include "robustness_map.hpp"

#include <cstdio>

namespace hqnn::cli {

std::string magnitude_label(double magnitude) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3g", magnitude);
  return buf;
}

ReproduceProfile robustness_profile(ProfileSize size) {
  const std::vector<AttackForm> forms = {AttackForm::inside, AttackForm::outside};
  std::vector<NoiseKind> six;
  for (NoiseKind k : dataset_noise_kinds()) six.push_back(k);
  const std::vector<NoiseKind> gaussian = {NoiseKind::gaussian_sym, NoiseKind::gaussian_asym};
  ReproduceProfile p;
  p.complexity = false;
  p.map_magnitudes = run::log_spaced_magnitudes(run::kMapMagnitudeLo, run::kMapMagnitudeHi, run::kMapMagnitudePoints);
  ReproduceDataset iris;
  iris.key = "iris";
  iris.data.name = "iris";
  iris.data.scaling = ScalingKind::automatic;  // the CLI's default: raw features handicap MLP(rot-relu)
  iris.map = {forms, enum_values<AttackMode>(), six, 0};
  auto image = [&](const std::string& key, const std::string& data, int epochs, const RobustnessAxes& axes) {
    ReproduceDataset d;
    d.key = key;
    d.data.name = data;
    d.epochs = epochs;
    d.map = axes;
    return d;
  };
  if (size == ProfileSize::tiny) {
    iris.epochs = 2;
    iris.map.noises = gaussian;
    p.datasets = {iris};
    p.seeds = 1;
  } else if (size == ProfileSize::quick) {
    // Iris over every axis; the image subsets over the persistent mode (D11) and the Gaussian pair, one seed,
    // 5 epochs (with fewer, the CNN baselines are still far from trained when unattacked).
    iris.epochs = 30;
    const RobustnessAxes images = {forms, {AttackMode::persistent}, gaussian, 1};
    p.datasets = {iris, image("mnist", "mnist-subset", 5, images), image("fashion-mnist", "fashion-mnist-subset", 5, images)};
    p.seeds = 3;
  } else {
    // Every axis, 3 seeds. Images on the committed 1,000 / 400 subsets (the full MNIST is not packaged, and
    // 9,720 image runs on the 24,000-image FashionMNIST would take about 15 h of one core): 80 steps per run,
    // so a persistent attack accumulates over fewer steps than in the paper's grid.
    iris.epochs = 100;
    const RobustnessAxes images = {forms, enum_values<AttackMode>(), six, 0};
    p.datasets = {iris, image("mnist", "mnist-subset", 5, images), image("fashion-mnist", "fashion-mnist-subset", 5, images)};
    p.seeds = 3;
  }
  return p;
}

std::vector<std::string> robustness_models(const std::string& key) {
  using K = ModelKind;
  if (is_image_dataset(key)) return enum_names({K::tqcnn, K::qrcnn, K::qdcnn, K::cnn_leaky, K::cnn_rot});
  return enum_names({K::tqfnn, K::qrfnn, K::qdfnn, K::mlp_leaky, K::mlp_rot});
}

std::string robustness_condition(AttackForm form, AttackMode mode, NoiseKind noise, double magnitude) {
  return std::string(enum_row(form).label) + "-" + enum_name(mode) + "-" +
         enum_name(noise) + "-m" + magnitude_label(magnitude);
}

std::vector<GridRun> robustness_grid(const ReproduceProfile& profile) {
  std::vector<GridRun> grid;
  for (const auto& d : profile.datasets) {
    const int seeds = d.map.seeds > 0 ? d.map.seeds : profile.seeds;
    for (int seed = 1; seed <= seeds; ++seed)
      for (AttackForm form : d.map.forms)
        for (AttackMode mode : d.map.modes)
          for (NoiseKind noise : d.map.noises)
            for (double magnitude : profile.map_magnitudes)
              for (const auto& model : robustness_models(d.key)) {
                ExperimentConfig c = grid_run_config(d, model, seed);
                c.attack = AttackOptions();
                c.attack->form = form;
                c.attack->mode = mode;
                c.attack->noise = noise;
                c.attack->magnitude = magnitude;
                c.attack->seed = static_cast<uint64_t>(seed);
                grid.push_back(make_grid_run("robustness", d, robustness_condition(form, mode, noise, magnitude), model,
                                             seed, c));
              }
  }
  return grid;
}

}  // namespace hqnn::cli
