// Widgets for the run's options, limited by the run's option table
// (src/run/options/option_table.hpp): a value typed or dragged never leaves the
// option's range, so whatever the panels set is a run the link and the CLI
// accept. A slider may offer a narrower span that is comfortable to drag
// (the table allows lr up to 10, the slider stops at 1), never a wider one.
#pragma once

#include <string>
#include <vector>

#include "run/run_spec.hpp"

namespace hqnn::app {

bool option_slider(const char* label, const char* option, int& value, int comfortable_max);
bool option_input(const char* label, const char* option, int& value, int step = 1, int step_fast = 10);
bool option_slider(const char* label, const char* option, double& value, double comfortable_min,
                   double comfortable_max, const char* format, bool logarithmic = false);
bool option_slider(const char* label, const char* option, float& value, double comfortable_min,
                   double comfortable_max, const char* format, bool logarithmic = false);
// A combo over the row's choices, read and set through the table.
bool option_combo(const char* label, const char* option, run::RunSpec& spec);
// The row's choices, minus `skip` (e.g. "none" where a checkbox says it).
std::vector<std::string> option_choices(const char* option, const char* skip = nullptr);

}  // namespace hqnn::app
