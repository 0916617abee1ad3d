// Data given to a trained model (hqnn eval --data, hqnn predict, hqnn circuit
// --data): the model file remembers how its data was read, so a CSV is read
// with the model's delimiter and label column unless the command line says
// otherwise; a file may hold one class or one row; a file whose columns are
// exactly the model's features has no labels (predict classifies it).
//
// And the data the model was trained on (eval without --data): the model file
// records the CSV's absolute path and its content hash, so the data is found
// from any folder and a changed file is noticed.
#pragma once

#include <optional>
#include <set>
#include <string>

#include "core/dataset.hpp"
#include "core/model_io.hpp"
#include "run_spec.hpp"

namespace hqnn::run {

// `given`: the run options named on the command line (CommandLine::given).
DataSpec data_spec_for_model(const DataSpec& data, const std::set<std::string>& given, const ModelInfo& info);

struct ModelData {
  Dataset data;          // features raw (unscaled); labels in data.class_names (empty when unlabelled)
  bool labelled = true;
};
// An image set's `on` split ("train" or "test"), or a CSV whole. need_labels:
// a CSV without the label column is refused with what to do instead.
ModelData load_for_model(const DataSpec& data, const ModelInfo& info, bool need_labels, const std::string& on = "test");

// The training data's record in a model file (training.data_path, training.data_hash), "" when none.
std::string recorded_data_path(const ModelInfo& info);
std::string recorded_data_hash(const ModelInfo& info);
// Where the training data of a model file is now: the recorded absolute path,
// else the spec's name as given (older files) from the current folder, else
// beside the model file. InputError naming what was tried.
std::string training_data_path(const RunSpec& spec, const ModelInfo& info, const std::string& model_path);

}  // namespace hqnn::run
