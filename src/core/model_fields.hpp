// The model's settings (ModelOptions) as rows (settings/field.hpp): the one
// schema of the model file's `model` section and of the run's model options.
// The run's table (run/options/option_rows.cpp) takes these rows, each by its
// name, and adds their link keys and help places; JSON keys, formats, bindings
// and help are written here only.
#pragma once

#include <string>
#include <vector>

#include "model.hpp"
#include "settings/field.hpp"

namespace hqnn {

// model, layers, width, conv-channels, renormalize, fixed-lambda, lambda-init,
// dense-lambda-inverse, angle-init, angle-scale, leaky-slope, then the two that
// only model files carry: image (the input's shape, from the data) and seed
// (the initialisation's, from the run's seed).
const std::vector<Field<ModelOptions>>& model_fields();
const Field<ModelOptions>& model_field(const std::string& name);  // throws std::logic_error when unknown

}  // namespace hqnn
