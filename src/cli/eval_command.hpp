// `hqnn eval --model FILE [--data NAME ...]`: a saved model on data.
//
// Without --data, the model is evaluated on the data it was trained on,
// prepared as in training from the run recorded in the file (same split,
// noise and scaling), and reports the train and test accuracies training
// reported. With --data, on that data: a CSV whole, an image set's test split
// (or --on train); its columns must be the model's features, in order.
#pragma once

#include <cstdio>
#include <string>
#include <vector>

namespace hqnn::cli {

int eval_command(const std::vector<std::string>& argv, std::FILE* out);
std::string eval_help();

// Throws InputError naming the first difference when `data_features` are not
// `model_features` (names and order); nothing is checked when the model has none.
void check_feature_names(const std::vector<std::string>& model_features, const std::vector<std::string>& data_features,
                         const std::string& data_name);

}  // namespace hqnn::cli
