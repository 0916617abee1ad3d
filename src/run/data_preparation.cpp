#include "data_preparation.hpp"

#include <cstdio>
#include <filesystem>

#include "core/noise.hpp"
#include "core/rng.hpp"
#include "data/csv_loader.hpp"
#include "data/image_datasets.hpp"
#include "data/data_set_names.hpp"
#include "options/option_table.hpp"

namespace hqnn::run {

// Names of the data sets, for a name that is neither one of them nor a file.
void check_data_name(const std::string& name) {
  std::error_code ec;
  if (name == "iris" || std::filesystem::exists(name, ec)) return;
  const bool looks_like_path = name.find('/') != std::string::npos || name.find('.') != std::string::npos;
  if (looks_like_path) return;  // a file that is not there: the loader says "cannot open"
  const std::string guess = closest_word(name, data_set_names());
  throw InputError("--data " + name + ": no data set or file of that name" +
                   (guess.empty() ? "" : "; did you mean " + guess + "?") + " (data sets: " + name_list(data_set_names()) +
                   ", or a CSV file's path)");
}

ImageDatasetOptions image_options(const DataSpec& d) {
  ImageDatasetOptions io;
  io.classes = d.classes;
  io.downsample = d.downsample;
  io.train_per_class = d.train_per_class;
  io.test_per_class = d.test_per_class;
  return io;
}

SourceData load_source_data(const DataSpec& d) {
  SourceData out;
  if (data_kind_of(d.name) == DataKind::tabular) check_data_name(d.name);
  out.name = d.name;
  if (data_kind_of(d.name) == DataKind::image) {
    ImageData images = load_image_dataset(d.name, image_options(d));
    out.source = images.source;
    if ((d.name == "mnist" || d.name == "fashion-mnist") && images.source.find("committed subset") != std::string::npos)
      out.note = "the full " + d.name + " is not installed: this run used the committed " + d.name +
                 "-subset (classes 0-3, 250 train + 100 test images per class); scripts/setup.sh installs the full "
                 "set (MNIST into $HQNN_DATA_DIR, default ~/.cache/hqnn)";
    out.split = TrainTestSplit{std::move(images.train), std::move(images.test)};
  } else if (d.name == "iris") {
    out.samples = load_iris();
    out.source = "built-in iris";
  } else {
    CsvOptions csv;
    csv.label_column = d.label_column;
    csv.delimiter = d.delimiter;
    out.samples = load_csv(d.name, csv);
    out.name = out.samples.name;
    out.source = d.name;
  }
  return out;
}

ModelOptions model_options_for(const ModelOptions& options, const Dataset& train) {
  ModelOptions mo = options;
  if (is_convolutional(mo.kind) && train.image.is_image()) {
    mo.image_channels = train.image.channels;
    mo.image_height = train.image.height;
    mo.image_width = train.image.width;
  }
  return mo;
}

// Validation accuracy of the run's model and training on `fit`/`check`,
// after scaling fitted on `fit` (the last epoch's accuracy).
static double validation_accuracy(const RunSpec& spec, Dataset fit, Dataset check, ScalingKind kind) {
  if (kind != ScalingKind::none) {
    const FeatureScaler scaler = FeatureScaler::fit(kind, fit);
    scaler.apply(fit);
    scaler.apply(check);
  }
  Model model(model_options_for(spec.model, fit), fit.feature_count(), fit.class_count());
  // The data kind's default epochs, not the run's: the choice must not depend
  // on --epochs, so that a run continued with more epochs (--resume --epochs N)
  // is the run that was given N epochs from the start.
  TrainOptions train = spec.train;
  train.epochs = default_spec(spec.data_kind()).train.epochs;
  Trainer trainer(model, fit, check, train);
  trainer.run();
  return trainer.history().back().test_accuracy;
}

// `auto`: the measurement described in the header, on a training split.
static ScalingChoice choose_scaling(const RunSpec& spec, const Dataset& train) {
  // The validation part is a stratified split of the training set, from the
  // split stream of the split seed: the test set is never looked at.
  const TrainTestSplit parts = stratified_split(train, 0.3, spec.data.split_seed);
  if (parts.train.size() == 0 || parts.test.size() == 0)
    throw InputError("--scale auto: the training set (" + std::to_string(train.size()) +
                     " samples) is too small to hold out a validation part; choose --scale none, standard or minmax");
  ScalingChoice c;
  const ScalingKind kinds[3] = {ScalingKind::none, ScalingKind::standard, ScalingKind::minmax};
  double best = -1;
  for (int i = 0; i < 3; ++i) {
    c.validation_accuracy[i] = validation_accuracy(spec, parts.train, parts.test, kinds[i]);
    if (c.validation_accuracy[i] > best) best = c.validation_accuracy[i], c.chosen = kinds[i];
  }
  return c;
}

static std::string fraction_text(double f) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", f);
  return buf;
}

// Why a split with an empty side is refused: every metric of a run (test
// accuracy, its mean over the epochs, P/R/F1, the areas) is measured on the
// test set, and training needs samples. The message gives the test fractions
// (on the option's 0.01 steps) whose split has both sets, found by splitting.
static InputError empty_split_error(const std::string& name, const Dataset& samples, const DataSpec& data,
                                    bool test_empty) {
  int lo = 0, hi = 0;  // percent
  for (int percent = 1; percent <= 99; ++percent) {
    const TrainTestSplit s = stratified_split(samples, percent / 100.0, data.split_seed);
    if (s.train.size() == 0 || s.test.size() == 0) continue;
    if (lo == 0) lo = percent;
    hi = percent;
  }
  const std::string count = std::to_string(samples.size()) + " samples";
  if (lo == 0)
    return InputError(name + " has " + count + ", each of its own class: it cannot be split into a training and a " +
                      "test set; give some class at least two samples");
  return InputError(name + ": a test fraction of " + fraction_text(data.test_fraction) + " leaves no " +
                    (test_empty ? "test" : "training") + " samples (" + count + "); choose a test fraction from " +
                    fraction_text(lo / 100.0) + " to " + fraction_text(hi / 100.0));
}

TrainTestSplit split_source(const DataSpec& data, const SourceData& source) {
  if (source.split) return *source.split;
  source.samples.validate();
  TrainTestSplit split = stratified_split(source.samples, data.test_fraction, data.split_seed);
  if (split.train.size() == 0 || split.test.size() == 0)
    throw empty_split_error(source.name, source.samples, data, split.test.size() == 0);
  return split;
}

PreparedData prepare_data(const RunSpec& spec, const SourceData& source, const ScalingChoice* known) {
  PreparedData out;
  out.name = source.name;
  out.source = source.source;
  out.subset_note = source.note;
  TrainTestSplit split = split_source(spec.data, source);
  out.train = std::move(split.train);
  out.test = std::move(split.test);
  // noise, in the data's own units
  if (spec.noise) {
    Rng rng(spec.noise_seed, kStreamNoise);
    if (spec.noise->train) {
      out.clean_train = out.train.features;
      out.noisy_values += add_dataset_noise(out.train.features, *spec.noise, rng);
    }
    if (spec.noise->test) {
      out.clean_test = out.test.features;
      out.noisy_values += add_dataset_noise(out.test.features, *spec.noise, rng);
    }
  }
  // scale, fitted on the training split
  out.scaling = spec.data.scaling;
  if (out.scaling == ScalingKind::automatic) {
    out.scaling_choice = known ? *known : choose_scaling(spec, out.train);
    out.scaling = out.scaling_choice->chosen;
  }
  if (out.scaling != ScalingKind::none) {
    out.scaler = FeatureScaler::fit(out.scaling, out.train);
    out.scaler->apply(out.train);
    out.scaler->apply(out.test);
  }
  return out;
}

}  // namespace hqnn::run
