// `hqnn eval --model FILE [--data NAME ...]`: a saved model on data.
//
// Without --data, the model is evaluated on the data it was trained on,
// prepared as in training from the run recorded in the file (same split,
// noise and scaling), and reports the train and test accuracies training
// reported; the CSV is found by its recorded absolute path, and a file that
// changed since training is named in a warning with both accuracies. With
// --data, on that data: a CSV whole (read with the model's delimiter and label
// column unless given; one class or one row is fine), an image set's test
// split (or --on train); its columns must be the model's features, in order.
#pragma once

#include <cstdio>
#include <string>
#include <vector>

#include "core/dataset.hpp"
#include "core/model_io.hpp"
#include "run/options/command_line.hpp"
#include "run/run_spec.hpp"

namespace hqnn::cli {

int eval_command(const std::vector<std::string>& argv, std::FILE* out, std::FILE* err = stderr);
std::string eval_help();
// --model FILE.json and --on train|test, the options eval and predict share (help: what the split is of).
std::vector<run::CommandOption> saved_model_options(const char* split_help);

// Throws InputError naming the first difference when `data_features` are not
// `model_features` (names and order); nothing is checked when the model has none.
// Relabels `data` to the model's classes by name: the data may hold fewer classes, in any order.
void match_classes(Dataset& data, const std::vector<std::string>& model_classes);

// A CSV named with --data against the model: a label column that is not there is named as such.
void check_csv_columns(const run::DataSpec& data, const ModelInfo& info);

void check_feature_names(const std::vector<std::string>& model_features, const std::vector<std::string>& data_features,
                         const std::string& data_name);

}  // namespace hqnn::cli
