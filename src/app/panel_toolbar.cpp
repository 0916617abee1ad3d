// The toolbar: play / pause / step one epoch / reset / copy as command / the robustness map / lessons, and the
// run's status.
#include "app.hpp"
#include "imgui.h"
#include "palette.hpp"
#include "panels.hpp"

namespace hqnn::app {

void draw_toolbar(App& app) {
  const Snapshot& s = *app.snap;
  if (s.playing) {
    if (ImGui::Button("Pause", ImVec2(70, 0))) app.post(Command::Kind::pause);
  } else {
    ImGui::BeginDisabled(s.done || !s.error.empty());
    if (ImGui::Button("Play", ImVec2(70, 0))) app.post(Command::Kind::play);
    ImGui::EndDisabled();
  }
  ImGui::SameLine();
  ImGui::BeginDisabled(s.done || !s.error.empty());
  if (ImGui::Button("Step epoch")) app.post(Command::Kind::step_epoch);
  ImGui::EndDisabled();
  ImGui::SameLine();
  if (ImGui::Button("Reset")) app.reset();
  ImGui::SameLine();
  if (ImGui::Button("Copy as command")) app.copy_command();
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("The hqnn train line that trains this run on the command line");
  ClickTargets::record_last_item(app.click_targets.copy_command);
  ImGui::SameLine();
  bool map = app.settings.map;
  if (ImGui::Checkbox("Robustness map", &map)) {
    app.settings.map = map;
    if (map) app.settings.sweep = sweep_options_for(app.settings.run);  // the current model, its attack
    app.live_map.running = map;
    app.update_map();
  }
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("Sweeps the attack magnitude on this data set, hybrid vs classical, and plots the accuracy;\n"
                      "the link (address bar) carries the sweep");
  if (app.lesson == 0) {  // the guided lessons are reachable without knowing their links
    ImGui::SameLine();
    if (ImGui::Button("Lessons")) app.open_lesson(1);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Six guided lessons through the paper's argument (#lesson=1 ... 6)");
  }
  ImGui::SameLine();
  const double acc = s.history.empty() ? 0.0 : s.history.back().test_accuracy;
  ImGui::Text("epoch %zu/%d   test acc %.3f   %s on %s   [%s build]", s.history.size(), s.settings.run.train.epochs,
              acc, model_kind_name(s.settings.run.model.kind), s.dataset_name.c_str(), platform::build_name());
  if (!s.error.empty() || !app.notices.status.empty() || !app.notices.hash_errors.empty()) {
    ImGui::SameLine();
    if (!s.error.empty())
      ImGui::TextColored(colour_vec4(Colour::error), "  %s", s.error.c_str());
    else if (!app.notices.hash_errors.empty())
      ImGui::TextColored(colour_vec4(Colour::warning), "  link: %s", app.notices.hash_errors.c_str());
    else
      ImGui::TextDisabled("  %s", app.notices.status.c_str());
  }
}

}  // namespace hqnn::app
