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
#include "panels.hpp"

namespace hqnn::app {

static const NoiseKind kNoiseKinds[] = {NoiseKind::gaussian_sym, NoiseKind::gaussian_asym, NoiseKind::uniform_sym,
                                        NoiseKind::uniform_asym, NoiseKind::mixed_sym,    NoiseKind::mixed_asym};

static bool noise_combo(const char* label, NoiseKind& kind) {
  bool changed = false;
  if (ImGui::BeginCombo(label, noise_kind_name(kind))) {
    for (NoiseKind k : kNoiseKinds)
      if (ImGui::Selectable(noise_kind_name(k), k == kind)) kind = k, changed = true;
    ImGui::EndCombo();
  }
  return changed;
}

static bool magnitude_slider(const char* label, double& value, float lo, float hi) {
  float v = static_cast<float>(value);
  if (!ImGui::SliderFloat(label, &v, lo, hi, "%.4g", ImGuiSliderFlags_Logarithmic)) return false;
  value = v;
  return true;
}

static void draw_noise_section(App& app) {
  PlaygroundSettings& s = app.settings;
  bool changed = ImGui::Checkbox("dataset noise", &s.noise_enabled);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Noise on a random subset of each sample's features or pixels");
  ImGui::BeginDisabled(!s.noise_enabled);
  changed |= noise_combo("noise kind", s.noise.kind);
  changed |= magnitude_slider("magnitude m", s.noise.magnitude, 0.001f, 5.0f);
  float fraction = static_cast<float>(s.noise.max_fraction);
  if (ImGui::SliderFloat("max fraction", &fraction, 0.01f, 1.0f, "%.2f")) s.noise.max_fraction = fraction, changed = true;
  changed |= ImGui::Checkbox("train set", &s.noise.train);
  ImGui::SameLine();
  changed |= ImGui::Checkbox("test set", &s.noise.test);
  ImGui::EndDisabled();
  if (s.noise_enabled && app.snap->noisy_values > 0)
    ImGui::TextDisabled("%ld noisy values (%s)", app.snap->noisy_values,
                        is_image_dataset(s.dataset) ? "see the image view" : "points moved in the boundary view");
  if (changed) app.reset();
}

static void draw_attack_section(App& app) {
  PlaygroundSettings& s = app.settings;
  AttackOptions& a = s.attack;
  ImGui::Separator();
  bool changed = ImGui::Checkbox("parameter attack", &s.attack_enabled);
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("Applied to the running model from the current epoch on;\n"
                      "the quantum-inspired layers of a hybrid, the hidden FC layers of a classical model");
  ImGui::BeginDisabled(!s.attack_enabled);
  int form = a.form == AttackForm::inside ? 0 : 1;
  changed |= ImGui::RadioButton("(1) inside", &form, 0);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("sigma(theta + eps): gates stay rotations, weights W + eps");
  ImGui::SameLine();
  changed |= ImGui::RadioButton("(2) outside", &form, 1);
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("sigma(theta) + eps: cos and sin of every gate get eps (no longer a rotation);\n"
                      "classical layers get eps on their activations");
  a.form = form ? AttackForm::outside : AttackForm::inside;
  changed |= noise_combo("attack noise", a.noise);
  changed |= magnitude_slider("attack magnitude", a.magnitude, 0.0001f, 1.0f);
  int mode = a.mode == AttackMode::persistent ? 0 : 1;
  changed |= ImGui::RadioButton("persistent", &mode, 0);
  ImGui::SameLine();
  changed |= ImGui::RadioButton("transient", &mode, 1);
  a.mode = mode ? AttackMode::transient : AttackMode::persistent;
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
    changed |= ImGui::SliderInt("k random layers", &a.layers, 1, available);
  }
  ImGui::EndDisabled();
  if (changed) {
    s.attack_epoch = static_cast<int>(app.snap->history.size());  // from now on
    app.apply_attack();
  }
  const AttackView& view = app.snap->attack;
  if (s.attack_enabled) {
    if (view.active) {
      std::string layers;
      for (int l : view.layers) layers += (layers.empty() ? "" : ",") + std::to_string(l);
      ImGui::TextDisabled("active since epoch %d on layer(s) %s", s.attack_epoch, layers.c_str());
      if (app.snap->hybrid)
        ImGui::TextDisabled("max |c^2 + s^2 - 1| over the gates: %.3g", view.max_orthogonality_error);
    } else {
      ImGui::TextDisabled("starts at epoch %d", s.attack_epoch);
    }
  }
  if (view.diverged_epoch > 0)
    ImGui::TextColored(ImVec4(1, 0.4f, 0.35f, 1), "loss or gradients not finite from epoch %d", view.diverged_epoch);
}

static void draw_arena_section(App& app) {
  PlaygroundSettings& s = app.settings;
  ImGui::Separator();
  bool changed = ImGui::Checkbox("arena: a classical model beside it", &s.arena);
  const ModelKind classical[] = {ModelKind::mlp_leaky, ModelKind::mlp_rot, ModelKind::cnn_leaky, ModelKind::cnn_rot};
  ImGui::BeginDisabled(!s.arena);
  if (ImGui::BeginCombo("classical model", model_kind_name(s.arena_model))) {
    for (ModelKind k : classical)
      if ((!is_convolutional(k) || is_image_dataset(s.dataset)) &&
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
