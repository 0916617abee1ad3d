// The state viewer for one test sample: ψ₀ (amplitude encoding, Eq. 6) and
// ψ_1 … ψ_L layer by layer, the V circuit of each layer gate by gate (Eq. 3-5)
// with its angle, and the predicted class probabilities. The qubit view
// (panel_qubits.cpp) shows a layer as a circuit on qubits instead.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

#include "app.hpp"
#include "core/givens_chain.hpp"
#include "imgui.h"
#include "panels.hpp"
#include "plot_widgets.hpp"

namespace hqnn::app {

// Wires are the n amplitudes; gate r is a box on wires (p, p+1), labelled with
// its angle in radians. Gates are drawn in the order they act on the state:
// U = T(α_0) … T(α_{2n-4}), so the rightmost factor acts first.
// ortho: |c² + s² − 1| per gate (empty: not shown); non-zero under an attack of
// form ②, drawn as a red bar under the gate.
static void draw_circuit(const std::vector<Real>& angles, const std::vector<Real>* ortho, int n, int layer) {
  const int gates = static_cast<int>(angles.size());
  const float wire_gap = std::clamp(90.0f / n, 6.0f, 18.0f);
  const float gate_w = 44.0f;
  const float ortho_h = ortho ? 14.0f : 0.0f;
  const ImVec2 size(std::max(ImGui::GetContentRegionAvail().x, 40 + gates * (gate_w + 6)),
                    wire_gap * (n - 1) + 16 + ortho_h);
  ImGui::PushID(layer);
  const ImVec2 p0 = ImGui::GetCursorScreenPos();
  ImGui::InvisibleButton("##circuit", size);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float top = p0.y + 8, x0 = p0.x + 26, step_w = gate_w + 6;
  // Only what is inside the visible region is drawn: at n = 4096 the circuit
  // has 8,189 gates and 4,096 wires, far more than one draw list can hold.
  const ImVec2 clip_min = dl->GetClipRectMin(), clip_max = dl->GetClipRectMax();
  const int wire_lo = std::max(0, static_cast<int>(std::floor((clip_min.y - top) / wire_gap)) - 1);
  const int wire_hi = std::min(n - 1, static_cast<int>(std::ceil((clip_max.y - top) / wire_gap)) + 1);
  for (int i = wire_lo; i <= wire_hi; ++i) {
    char label[12];
    std::snprintf(label, sizeof label, "%d", i);
    if (wire_gap >= 12 || i % 4 == 0)  // labels would overlap on narrow wires
      dl->AddText(ImVec2(p0.x + 2, top + i * wire_gap - 7), colour(Colour::wire_label), label);
    dl->AddLine(ImVec2(std::max(x0, clip_min.x), top + i * wire_gap),
                ImVec2(std::min(p0.x + size.x - 4, clip_max.x), top + i * wire_gap), colour(Colour::wire));
  }
  int hovered = -1;
  const int step_lo = std::max(0, static_cast<int>(std::floor((clip_min.x - x0 - 6) / step_w)) - 1);
  const int step_hi = std::min(gates - 1, static_cast<int>(std::ceil((clip_max.x - x0 - 6) / step_w)) + 1);
  for (int step = step_lo; step <= step_hi; ++step) {
    const int r = gates - 1 - step;  // the order of application
    const int p = givens_gate_pair(r, n);
    const float gx = x0 + 6 + step * step_w;
    if (ortho && r < int(ortho->size())) {  // under the last wire: 1e-4 .. 1 on a log scale; NaN or infinite: full
      const float e = static_cast<float>((*ortho)[r]);
      const float share = !std::isfinite(e) ? 1.0f : e > 0 ? std::clamp((std::log10(e) + 4.0f) / 4.0f, 0.05f, 1.0f) : 0.0f;
      const float y = top + (n - 1) * wire_gap + 10;
      if (y + 6 >= clip_min.y && y <= clip_max.y)
        dl->AddRectFilled(ImVec2(gx, y), ImVec2(gx + gate_w * share, y + 6), colour(Colour::error, 0.9f));
    }
    if (p + 1 < wire_lo || p > wire_hi) continue;
    const ImVec2 a(gx, top + p * wire_gap - 6), b(gx + gate_w, top + (p + 1) * wire_gap + 6);
    const float angle = static_cast<float>(angles[r]);
    const float strength = std::min(1.0f, std::fabs(angle) / float(kPi));
    dl->AddRectFilled(a, b,
                      std::isfinite(angle) ? signed_colour(angle >= 0 ? 0.25f + 0.75f * strength : -0.25f - 0.75f * strength)
                                           : colour(Colour::not_finite),
                      3);
    dl->AddRect(a, b, colour(Colour::gate, 0.8f), 3);
    char label[16];
    std::snprintf(label, sizeof label, "%+.2f", angles[r]);
    dl->AddText(ImVec2(gx + 3, (a.y + b.y) * 0.5f - 7), colour(Colour::gate_text), label);
    const ImVec2 m = ImGui::GetIO().MousePos;
    if (m.x >= a.x && m.x <= b.x && m.y >= a.y && m.y <= b.y) hovered = r;
  }
  if (hovered >= 0 && ImGui::IsItemHovered())
    ImGui::SetTooltip("gate alpha_%d on amplitudes (%d, %d)\nangle %+.4f rad (%+.1f deg)\n|c^2 + s^2 - 1| = %.3g",
                      hovered, givens_gate_pair(hovered, n), givens_gate_pair(hovered, n) + 1, angles[hovered],
                      angles[hovered] * 180.0 / kPi,
                      ortho && hovered < int(ortho->size()) ? double((*ortho)[hovered]) : 0.0);
  ImGui::PopID();
}

void draw_state_panel(App& app) {
  const Snapshot& s = *app.snap;
  const SampleView& v = s.sample;
  if (v.index < 0) {
    ImGui::TextDisabled("(no model)");
    return;
  }
  int sample = v.index;
  ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x * 0.45f);
  if (ImGui::SliderInt("test sample", &sample, 0, std::max(0, s.test_size - 1)))
    app.set_view(sample, app.settings.feature_x, app.settings.feature_y);
  ImGui::SameLine();
  ImGui::Checkbox("heat strips", &app.viewer.heat_strips);
  if (s.hybrid) {
    ImGui::SameLine();
    ImGui::Checkbox("qubit view", &app.viewer.qubit_view);
    ClickTargets::record_last_item(app.click_targets.qubit_toggle);
  }
  if (!v.image.is_image()) ImGui::TextDisabled("x =");
  for (size_t i = 0; i < v.features.size() && i < 8 && !v.image.is_image(); ++i) {
    ImGui::SameLine();
    ImGui::TextDisabled("%.2f", v.features[i]);
  }
  if (v.features.size() > 8 && !v.image.is_image()) {
    ImGui::SameLine();
    ImGui::TextDisabled("...");
  }

  ImGui::Text("Predicted class probabilities");
  std::vector<float> p(v.probabilities.begin(), v.probabilities.end());
  probability_bars(p, s.class_names, v.label);

  if (!s.hybrid) {
    ImGui::TextDisabled("(classical model: no quantum-inspired state)");
    return;
  }
  ImGui::Separator();
  ImGui::BeginChild("##layers");
  if (app.viewer.qubit_view) {
    draw_qubit_view(app);
    ImGui::Separator();
  }
  const int n = s.width;
  for (size_t l = 0; l < v.states.size(); ++l) {
    std::vector<float> psi(v.states[l].begin(), v.states[l].end());
    double norm2 = 0;
    float scale = 1e-6f;  // each layer fills its row; the norm says how large it is
    for (float a : psi)
      if (std::isfinite(a)) norm2 += double(a) * a, scale = std::max(scale, std::fabs(a));
      else norm2 = std::numeric_limits<double>::quiet_NaN();
    ImGui::Text("psi_%zu", l);
    ImGui::SameLine();
    ImGui::TextDisabled(l == 0 ? "amplitude encoding x/|x|   |psi| = %.3f" : "|psi| = %.3f", std::sqrt(norm2));
    char id[16];
    std::snprintf(id, sizeof id, "psi%zu", l);
    if (app.viewer.heat_strips)
      heat_strip(id, psi.data(), int(psi.size()), ImVec2(-1, 18), scale);
    else
      signed_bars(id, psi.data(), int(psi.size()), ImVec2(-1, 44), scale);
    if (l < s.angles.size() && !app.viewer.qubit_view) {
      const std::vector<Real>* ortho =
          s.attack.active && l < s.attack.orthogonality_error.size() ? &s.attack.orthogonality_error[l] : nullptr;
      ImGui::TextDisabled("V circuit of layer %zu (%d gates, first applied on the left)", l + 1,
                          static_cast<int>(s.angles[l].size()));
      if (ortho) {
        Real worst = 0;
        for (Real e : *ortho) worst = std::isnan(e) || std::isnan(worst) ? e + worst : std::max(worst, e);
        ImGui::SameLine();
        ImGui::TextColored(!(worst <= 1e-4f) ? colour_vec4(Colour::error) : colour_vec4(Colour::quiet),  // NaN: red too
                           " max |c^2+s^2-1| = %.2g", double(worst));
      }
      draw_circuit(s.angles[l], ortho, n, static_cast<int>(l));
    }
  }
  ImGui::EndChild();
}

}  // namespace hqnn::app
