#include "option_widgets.hpp"

#include <algorithm>

#include "imgui.h"
#include "run/options/option_table.hpp"

namespace hqnn::app {

// The span a slider shows: the comfortable one, inside the table's range.
static void slider_span(const run::OptionRow& row, double comfortable_min, double comfortable_max, double& lo,
                        double& hi) {
  lo = std::clamp(comfortable_min, row.min, row.max);
  hi = std::clamp(comfortable_max, lo, row.max);
}

bool option_slider(const char* label, const char* option, int& value, int comfortable_max) {
  const run::OptionRow& row = run::option_row(option);
  double lo = 0, hi = 0;
  slider_span(row, row.min, comfortable_max, lo, hi);
  const bool changed = ImGui::SliderInt(label, &value, static_cast<int>(lo), static_cast<int>(hi));
  value = std::clamp(value, static_cast<int>(row.min), static_cast<int>(row.max));
  return changed;
}

bool option_input(const char* label, const char* option, int& value, int step, int step_fast) {
  const run::OptionRow& row = run::option_row(option);
  const bool changed = ImGui::InputInt(label, &value, step, step_fast);
  value = static_cast<int>(std::clamp<double>(value, row.min, row.max));
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s (%g to %g)", row.help.c_str(), row.min, row.max);
  return changed;
}

bool option_slider(const char* label, const char* option, double& value, double comfortable_min,
                   double comfortable_max, const char* format, bool logarithmic) {
  const run::OptionRow& row = run::option_row(option);
  double lo = 0, hi = 0;
  slider_span(row, comfortable_min, comfortable_max, lo, hi);
  float v = static_cast<float>(value);
  if (!ImGui::SliderFloat(label, &v, static_cast<float>(lo), static_cast<float>(hi), format,
                          logarithmic ? ImGuiSliderFlags_Logarithmic : 0))
    return false;
  value = std::clamp<double>(v, row.min, row.max);
  return true;
}

bool option_slider(const char* label, const char* option, float& value, double comfortable_min,
                   double comfortable_max, const char* format, bool logarithmic) {
  double v = value;
  if (!option_slider(label, option, v, comfortable_min, comfortable_max, format, logarithmic)) return false;
  value = static_cast<float>(v);
  return true;
}

bool option_combo(const char* label, const char* option, run::RunSpec& spec) {
  const run::OptionRow& row = run::option_row(option);
  const std::string current = run::option_text(row, spec);
  bool changed = false;
  if (ImGui::BeginCombo(label, current.c_str())) {
    for (const std::string& c : row.choices)
      if (ImGui::Selectable(c.c_str(), c == current) && c != current) {
        run::set_option_text(spec, row, c, option);
        changed = true;
      }
    ImGui::EndCombo();
  }
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", row.help.c_str());
  return changed;
}

std::vector<std::string> option_choices(const char* option, const char* skip) {
  std::vector<std::string> out;
  for (const std::string& c : run::option_row(option).choices)
    if (!skip || c != skip) out.push_back(c);
  return out;
}

}  // namespace hqnn::app
