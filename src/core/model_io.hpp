// Model files: versioned JSON holding the architecture, its options, the seed,
// the preprocessing, and every parameter. Loading gives back a model whose
// outputs are bit-identical to the saved one.
//
//   { "format": "hqnn-model", "version": 2,
//     "model": { "model": "qdfnn", "layers": 2, ... },  // ModelOptions, by its rows (model_fields.hpp)
//     "input_width": 4, "classes": ["setosa", ...], "features": [...],
//     "scaling": null | { "kind": "standard" | "minmax", "offset": [...], "scale": [...] },
//     "training": { "spec": ..., ... },                 // the run record: spec_of_model() reads its spec back
//     "parameters": { "q.0.angles": [...], ... } }
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "dataset.hpp"
#include "feature_scaling.hpp"
#include "json.hpp"
#include "model.hpp"

namespace hqnn {

// Version 2 names the `model` section's keys as the run's options do (model_fields.hpp);
// version 1 files still load.
constexpr int kModelFileVersion = 2;

// What a model needs besides its parameters to be used on raw data.
struct ModelInfo {
  std::vector<std::string> class_names, feature_names;
  std::optional<FeatureScaler> scaler;  // applied to raw features before the model
  Json training;  // train options and results, stored as given
};

Json to_json(const ModelOptions& options);
// Unknown keys are ignored; missing keys keep their defaults; bad values throw InputError.
// `version`: the file's (1: the old key names).
ModelOptions model_options_from_json(const Json& json, const std::string& context = "model", int version = kModelFileVersion);

Json model_to_json(Model& model, const ModelInfo& info);
std::unique_ptr<Model> model_from_json(const Json& json, ModelInfo* info, const std::string& source = "model file");

void save_model(const std::string& path, Model& model, const ModelInfo& info);
std::unique_ptr<Model> load_model(const std::string& path, ModelInfo* info);

}  // namespace hqnn
