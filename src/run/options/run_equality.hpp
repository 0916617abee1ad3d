// Whether two specs are the same run: every option that changes results and
// applies to either, compared by its text form (floats by their own digits).
#pragma once

#include <string>
#include <vector>

#include "run/run_spec.hpp"

namespace hqnn::run {

bool same_run(const RunSpec& a, const RunSpec& b);
std::vector<std::string> run_differences(const RunSpec& a, const RunSpec& b);  // row names

}  // namespace hqnn::run
