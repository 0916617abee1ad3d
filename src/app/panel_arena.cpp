// The arena: the hybrid of the main run and a classical model (settings.arena_model)
// trained side by side on the same data, split and seed, under the same attack,
// so the difference, or its absence, shows live.
#include <cmath>

#include "app.hpp"
#include "imgui.h"
#include "panels.hpp"
#include "plot_widgets.hpp"

namespace hqnn::app {

static void curves(const Snapshot& s, std::vector<float>& accuracy, std::vector<float>& loss) {
  for (const EpochRecord& r : s.history) {
    accuracy.push_back(static_cast<float>(r.test_accuracy));
    loss.push_back(static_cast<float>(r.test_loss));
  }
}

static void summary(const char* role, const Snapshot& s, ImU32 color) {
  ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(color), "%s %s", role, model_kind_name(s.settings.run.model.kind));
  if (!s.error.empty()) {
    ImGui::TextColored(colour_vec4(Colour::error), "%s", s.error.c_str());
    return;
  }
  const double acc = s.history.empty() ? 0.0 : s.history.back().test_accuracy;
  ImGui::Text("epoch %zu  test acc %.3f", s.history.size(), acc);
  if (s.attack.active)
    ImGui::TextDisabled("attacked layers: %zu", s.attack.layers.size());
  else
    ImGui::TextDisabled(s.settings.run.attack ? "attack from epoch %d" : "no attack", s.settings.run.attack_epoch);
  if (s.attack.diverged_epoch > 0)
    ImGui::TextColored(colour_vec4(Colour::error), "diverged (NaN/Inf) at epoch %d", s.attack.diverged_epoch);
}

void draw_arena_panel(App& app) {
  if (!app.arena_snap) {
    ImGui::TextDisabled("(starting)");
    return;
  }
  const Snapshot &hybrid = *app.snap, &classical = *app.arena_snap;
  const ImU32 hybrid_color = colour(Colour::hybrid), classical_color = colour(Colour::classical);
  if (ImGui::BeginTable("arena", 2)) {
    ImGui::TableNextColumn();
    summary("hybrid", hybrid, hybrid_color);
    ImGui::TableNextColumn();
    summary("classical", classical, classical_color);
    ImGui::EndTable();
  }
  std::vector<float> ha, hl, ca, cl;
  curves(hybrid, ha, hl);
  curves(classical, ca, cl);
  const float h = std::max(50.0f, (ImGui::GetContentRegionAvail().y - 2 * ImGui::GetTextLineHeightWithSpacing()) / 2);
  ImGui::Text("test accuracy");
  line_chart("arena-acc", {{"hybrid", &ha, hybrid_color}, {"classical", &ca, classical_color}}, ImVec2(-1, h), 0, 1);
  ImGui::Text("test loss (log)");
  line_chart("arena-loss", {{"hybrid", &hl, hybrid_color}, {"classical", &cl, classical_color}}, ImVec2(-1, h), 0, 0,
             true);
}

}  // namespace hqnn::app
