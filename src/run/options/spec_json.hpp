// A run as JSON (run JSON, model files, checkpoints): every option that
// applies, by its JSON key. Keys written by older versions still load.
#pragma once

#include <string>

#include "core/json.hpp"
#include "run/run_spec.hpp"

namespace hqnn::run {

Json spec_to_json(const RunSpec& spec);
RunSpec spec_from_json(const Json& json, const std::string& context);  // InputError naming the key

}  // namespace hqnn::run
