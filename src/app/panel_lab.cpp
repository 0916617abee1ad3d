// The robustness lab: dataset noise (noise.hpp; a change starts a new run),
// a parameter attack (attack.hpp; applied to the running model from the epoch
// it is switched on at), and the arena switch (a classical model trained beside
// the hybrid under the same attack).
#include <algorithm>
#include <cstdio>
#include <cstring>

#include "app.hpp"
#include "core/attack.hpp"
#include "imgui.h"
#include "option_widgets.hpp"
#include "palette.hpp"
#include "panels.hpp"

namespace hqnn::app {

// The noise kinds as the option table lists them.
static bool noise_combo(const char* label, const char* option, NoiseKind& kind) {
  bool changed = false;
  if (ImGui::BeginCombo(label, noise_kind_name(kind))) {
    for (const std::string& word : option_choices(option, "none")) {
      const NoiseKind k = *parse_noise_kind(word);
      if (ImGui::Selectable(word.c_str(), k == kind)) kind = k, changed = true;
    }
    ImGui::EndCombo();
  }
  return changed;
}

static void draw_noise_section(App& app) {
  std::optional<DatasetNoiseOptions>& noise = app.settings.run.noise;
  bool on = noise.has_value(), changed = false;
  if (ImGui::Checkbox("dataset noise", &on)) {
    if (on) {
      noise = app.drafts.noise;
    } else {
      app.drafts.noise = *noise;
      noise.reset();
    }
    changed = true;
  }
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Noise on a random subset of each sample's features or pixels");
  DatasetNoiseOptions& n = noise ? *noise : app.drafts.noise;  // off: the settings it comes back with
  ImGui::BeginDisabled(!on);
  changed |= noise_combo("noise kind", "noise", n.kind);
  changed |= option_slider("magnitude m", "noise-magnitude", n.magnitude, 0.001, 5.0, "%.4g", true);
  changed |= option_slider("max fraction", "noise-fraction", n.max_fraction, 0.01, 1.0, "%.2f");
  changed |= ImGui::Checkbox("train set", &n.train);
  ImGui::SameLine();
  changed |= ImGui::Checkbox("test set", &n.test);
  if (!n.train && !n.test) n.train = true;  // noise on neither set is no noise: the checkbox says that
  ImGui::EndDisabled();
  if (on && app.snap->noisy_values > 0)
    ImGui::TextDisabled("%ld noisy values (%s)", app.snap->noisy_values,
                        app.settings.image() ? "see the image view" : "points moved in the boundary view");
  if (changed) app.reset();
}

static void draw_attack_section(App& app) {
  PlaygroundSettings& s = app.settings;
  ImGui::Separator();
  bool on = s.run.attack.has_value(), changed = false;
  if (ImGui::Checkbox("parameter attack", &on)) {
    if (on) {
      s.run.attack = app.drafts.attack;
      s.run.attack->seed = s.run.seed();  // an attack switched on here follows the run's seed
    } else {
      app.drafts.attack = *s.run.attack;
      s.run.attack.reset();
    }
    changed = true;
  }
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("Applied to the running model from the current epoch on;\n"
                      "the quantum-inspired layers of a hybrid, the hidden FC layers of a classical model");
  AttackOptions& a = s.run.attack ? *s.run.attack : app.drafts.attack;
  ImGui::BeginDisabled(!on);
  int form = a.form == AttackForm::inside ? 0 : 1;
  changed |= ImGui::RadioButton("(1) inside", &form, 0);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("sigma(theta + eps): gates stay rotations, weights W + eps");
  ImGui::SameLine();
  changed |= ImGui::RadioButton("(2) outside", &form, 1);
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("sigma(theta) + eps: cos and sin of every gate get eps (no longer a rotation);\n"
                      "classical layers get eps on their activations");
  a.form = form ? AttackForm::outside : AttackForm::inside;
  changed |= noise_combo("attack noise", "attack-noise", a.noise);
  changed |= option_slider("attack magnitude", "attack-magnitude", a.magnitude, 0.0001, 1.0, "%.4g", true);
  for (AttackMode m : attack_modes()) {  // persistent, transient, fixed (core's one table)
    if (m != attack_modes().front()) ImGui::SameLine();
    if (ImGui::RadioButton(attack_mode_name(m), a.mode == m)) {
      a.mode = m;
      changed = true;
    }
  }
  const int available = std::max(1, app.snap->layers);
  bool listed = !a.layer_list.empty();
  if (ImGui::Checkbox("choose layers", &listed)) {
    a.layer_list = listed ? std::vector<int>{0} : std::vector<int>{};
    changed = true;
  }
  if (listed) {
    for (int l = 0; l < available; ++l) {
      bool on = std::find(a.layer_list.begin(), a.layer_list.end(), l) != a.layer_list.end();
      char label[24];
      std::snprintf(label, sizeof label, "%d##layer", l);
      if (l) ImGui::SameLine();
      if (ImGui::Checkbox(label, &on)) {
        if (on) a.layer_list.push_back(l);
        else a.layer_list.erase(std::find(a.layer_list.begin(), a.layer_list.end(), l));
        std::sort(a.layer_list.begin(), a.layer_list.end());
        if (a.layer_list.empty()) a.layer_list = {l};
        changed = true;
      }
    }
  } else {
    changed |= option_slider("k random layers", "attack-layers", a.layers, available);
  }
  ImGui::EndDisabled();
  if (changed) {
    s.run.attack_epoch = static_cast<int>(app.snap->history.size());  // from now on
    app.apply_attack();
  }
  const AttackView& view = app.snap->attack;
  if (s.run.attack) {
    if (view.active) {
      std::string layers;
      for (int l : view.layers) layers += (layers.empty() ? "" : ",") + std::to_string(l);
      ImGui::TextDisabled("active since epoch %d on layer(s) %s", s.run.attack_epoch, layers.c_str());
      if (app.snap->hybrid)
        ImGui::TextDisabled("max |c^2 + s^2 - 1| over the gates: %.3g", view.max_orthogonality_error);
    } else {
      ImGui::TextDisabled("starts at epoch %d", s.run.attack_epoch);
    }
  }
  if (view.diverged_epoch > 0)
    ImGui::TextColored(colour_vec4(Colour::error), "not finite from epoch %d (%s)", view.diverged_epoch,
                       view.diverged_block.empty() ? "the loss" : view.diverged_block.c_str());
}

static void draw_arena_section(App& app) {
  PlaygroundSettings& s = app.settings;
  ImGui::Separator();
  bool changed = ImGui::Checkbox("arena: a classical model beside it", &s.arena);
  std::vector<ModelKind> classical;  // the baselines, then the controls with the hybrids' skips
  for (const ModelKindInfo& k : model_kinds())
    if (!k.hybrid) classical.push_back(k.kind);
  ImGui::BeginDisabled(!s.arena);
  if (ImGui::BeginCombo("classical model", model_kind_name(s.arena_model))) {
    for (ModelKind k : classical)
      if ((!is_convolutional(k) || s.image()) &&
          ImGui::Selectable(model_kind_name(k), k == s.arena_model))
        s.arena_model = k, changed = true;
    ImGui::EndCombo();
  }
  ImGui::EndDisabled();
  if (changed) app.reset();
}

void draw_lab_panel(App& app) {
  ImGui::PushItemWidth(-130);
  draw_noise_section(app);
  draw_attack_section(app);
  draw_arena_section(app);
  ImGui::PopItemWidth();
}

}  // namespace hqnn::app
