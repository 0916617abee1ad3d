// Data for a run, in one order: load → split → noise → scale.
//
//   load   iris, a CSV (label column, delimiter) or an image set (classes,
//          downsampling, per-class counts). The playground loads its own
//          (browser files, fetched images) and passes them as SourceData.
//   split  tabular data: stratified, data.test_fraction, Rng(split_seed, kStreamSplit).
//          Image sets keep their own train/test split.
//   noise  dataset noise (D10) in the data's own units (cm for iris, pixels
//          in [0, 1]), before scaling, so a magnitude means the same with any
//          scaling: Rng(noise_seed, kStreamNoise), the training set first.
//   scale  fitted on the (noisy) training split, applied to both sets.
//          `auto` trains the run's model (without its attack; for the data
//          kind's default epochs, 100 tabular, whatever --epochs says, so that
//          the choice is the same for a run and its continuation) with none,
//          standard and minmax on 70 % of the training split and keeps the one with the best
//          accuracy on the other 30 % (ties: none, standard, minmax); the test
//          split is never looked at.
// The other random streams of a run: kStreamInit (model.seed), kStreamShuffle
// (train.seed), kStreamAttack (attack->seed).
#pragma once

#include <optional>
#include <string>

#include "core/dataset.hpp"
#include "core/feature_scaling.hpp"
#include "data/image_datasets.hpp"
#include "run_spec.hpp"

namespace hqnn::run {

// Data as loaded, before any preparation.
struct SourceData {
  std::string name, source;             // "iris", "built-in iris"; an image set's source
  Dataset samples;                      // tabular: every sample (prepare_data splits it)
  std::optional<TrainTestSplit> split;  // image sets: their own train/test sets
  std::string note;                     // "" or why the data is not what was named (a committed subset instead of the full set)
};
SourceData load_source_data(const DataSpec& data);  // InputError naming the file or option
// An image set's options of the data spec: classes, downsampling, per-class counts.
ImageDatasetOptions image_options(const DataSpec& data);
// A tabular name that is neither iris nor a file nor path-like: InputError with "did you mean" a data set.
void check_data_name(const std::string& name);
// The train/test sets: an image set's own, or tabular samples split (stratified, data.split_seed).
// InputError when either set would be empty, naming the test fractions that work (CLI and playground alike).
TrainTestSplit split_source(const DataSpec& data, const SourceData& source);

struct ScalingChoice {  // what `auto` measured
  ScalingKind chosen = ScalingKind::none;
  double validation_accuracy[3] = {0, 0, 0};  // none, standard, minmax
};

struct PreparedData {
  Dataset train, test;                  // split, noisy, scaled: what the model sees
  std::string name, source;
  Matrix clean_train, clean_test;       // features before noise, unscaled (empty without noise on that set)
  long long noisy_values = 0;
  ScalingKind scaling = ScalingKind::none;   // the scaling used (auto resolved)
  std::optional<FeatureScaler> scaler;       // fitted on train; stored in model files
  std::optional<ScalingChoice> scaling_choice;  // when spec.data.scaling is auto
  std::string subset_note;                   // SourceData::note: the summary and the run JSON repeat it
  bool image() const { return train.image.is_image(); }
};

// `known`: what an earlier `auto` of this run chose (a checkpoint's, when
// resuming): used instead of measuring again, so that a resumed run (whatever
// its --epochs) keeps the scaling its parameters were trained on.
PreparedData prepare_data(const RunSpec& spec, const SourceData& source, const ScalingChoice* known = nullptr);
inline PreparedData prepare_data(const RunSpec& spec, const ScalingChoice* known = nullptr) {
  return prepare_data(spec, load_source_data(spec.data), known);
}

// Model options completed by the data: the image shape of convolutional models.
ModelOptions model_options_for(const ModelOptions& options, const Dataset& train);

}  // namespace hqnn::run
