// The state viewer's qubit view: layer l's V circuit compiled to N = ⌈log₂ n⌉
// qubit wires (layer_circuit.hpp, core/circuit/circuit_compiler.hpp): every Givens gate
// T(α) on the pair (p, p+1) is a multi-controlled RY(2α) between two CNOT
// ladders (a Gray-code step). Above it, the cost of the layer lowered to
// OpenQASM's x, cx and ry; for residual and dense models, where the unitary
// ends and the classical skip sum of Eq. (7)/(8) begins, with what that sum
// would cost as a linear combination of unitaries (core/circuit/circuit_lcu.hpp).
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "app.hpp"
#include "core/circuit/circuit_lowering.hpp"
#include "core/givens_chain.hpp"
#include "imgui.h"
#include "panels.hpp"
#include "platform.hpp"
#include "plot_widgets.hpp"

namespace hqnn::app {

// Lowering costs about a second at n = 4096 (a million gates): widths above
// this are counted on request, and their OpenQASM is left to `hqnn circuit`.
constexpr int kAutoCountMaxWidth = 1024;
constexpr float kColumnW = 22.0f, kWireGap = 24.0f;

static void refresh_cache(App& app, const std::vector<Real>& angles, int n, int layer) {
  QubitViewCache& c = app.viewer.qubit_cache;
  const double now = platform::now_ms();
  const bool other_layer = c.circuit.layer != layer || c.circuit.width != n;
  // Big layers follow training at most four times a second.
  if (other_layer || (c.angles != angles && (n <= 256 || now - c.compiled_ms > 250))) {
    c.circuit = compile_layer_circuit(angles, n, layer);
    c.angles = angles;
    c.compiled_ms = now;
  }
  if (c.cost_width != n) c.cost_width = 0;
  if (c.cost_width == 0 && n <= kAutoCountMaxWidth) c.cost = lowered_cost(c.circuit), c.cost_width = n;
}

// One column per gate of the compiled circuit, wires q[0] (top) .. q[N-1].
// Only the columns inside the clip rectangle are drawn: n = 4096 has 24,521.
static void draw_wires(const LayerCircuit& lc, bool skip_sum) {
  const Circuit& c = lc.compiled;
  const int columns = static_cast<int>(c.gates.size());
  const float tail = skip_sum ? 150.0f : 10.0f;
  const ImVec2 size(40 + columns * kColumnW + tail, kWireGap * c.qubits + 6);
  const ImVec2 p0 = ImGui::GetCursorScreenPos();
  ImGui::InvisibleButton("##qubit-wires", size);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 clip_min = dl->GetClipRectMin(), clip_max = dl->GetClipRectMax();
  const float x0 = p0.x + 40, top = p0.y + kWireGap * 0.5f;
  const auto wire_y = [&](int q) { return top + q * kWireGap; };
  const float x_end = x0 + columns * kColumnW;
  for (int q = 0; q < c.qubits; ++q) {
    char label[16];
    std::snprintf(label, sizeof label, "q[%d]", q);
    dl->AddText(ImVec2(p0.x + 2, wire_y(q) - 7), colour(Colour::wire_label), label);
    dl->AddLine(ImVec2(std::max(x0, clip_min.x), wire_y(q)), ImVec2(std::min(x_end, clip_max.x), wire_y(q)),
                colour(Colour::wire));
  }
  // The k-th rotation in the circuit is Givens gate r = 2n-4-k (the rightmost factor of Eq. (5) acts first).
  const int first = std::max(0, static_cast<int>((clip_min.x - x0) / kColumnW) - 1);
  const int last = std::min(columns - 1, static_cast<int>((clip_max.x - x0) / kColumnW) + 1);
  int rotation = 0;
  for (int i = 0; i < first; ++i) rotation += c.gates[i].kind == GateKind::mcry;
  const ImVec2 mouse = ImGui::GetIO().MousePos;
  int hovered = -1, hovered_r = -1;
  for (int i = first; i <= last; ++i) {
    const Gate& g = c.gates[i];
    const float cx = x0 + (i + 0.5f) * kColumnW;
    int lo = g.target, hi = g.target;
    for (int q : g.controls) lo = std::min(lo, q), hi = std::max(hi, q);
    if (hi > lo) dl->AddLine(ImVec2(cx, wire_y(lo)), ImVec2(cx, wire_y(hi)), colour(Colour::gate), 1.5f);
    for (size_t b = 0; b < g.controls.size(); ++b) {
      const bool on_one = g.kind != GateKind::mcry || g.control_values[b];
      if (on_one) dl->AddCircleFilled(ImVec2(cx, wire_y(g.controls[b])), 4.0f, colour(Colour::gate), 10);
      else {
        dl->AddCircleFilled(ImVec2(cx, wire_y(g.controls[b])), 4.0f, colour(Colour::plot_background), 10);
        dl->AddCircle(ImVec2(cx, wire_y(g.controls[b])), 4.0f, colour(Colour::gate), 10, 1.5f);
      }
    }
    const float ty = wire_y(g.target);
    if (g.kind == GateKind::cx) {
      dl->AddCircle(ImVec2(cx, ty), 7.0f, colour(Colour::gate), 14, 1.5f);
      dl->AddLine(ImVec2(cx - 7, ty), ImVec2(cx + 7, ty), colour(Colour::gate), 1.5f);
      dl->AddLine(ImVec2(cx, ty - 7), ImVec2(cx, ty + 7), colour(Colour::gate), 1.5f);
    } else {
      const float angle = static_cast<float>(g.angles.empty() ? 0.0 : g.angles[0] / 2);
      const float strength = std::min(1.0f, std::fabs(angle) / float(kPi));
      const ImVec2 a(cx - 9, ty - 9), b(cx + 9, ty + 9);
      dl->AddRectFilled(a, b, std::isfinite(angle) ? signed_colour(angle >= 0 ? 0.3f + 0.7f * strength : -0.3f - 0.7f * strength)
                                                   : colour(Colour::not_finite), 2);
      dl->AddRect(a, b, colour(Colour::gate, 0.85f), 2);
      dl->AddText(ImVec2(cx - 7, ty - 7), colour(Colour::gate_text), "Ry");
    }
    if (mouse.x >= cx - kColumnW / 2 && mouse.x < cx + kColumnW / 2) {
      hovered = i;
      hovered_r = g.kind == GateKind::mcry ? 2 * lc.width - 4 - rotation : -1;
    }
    rotation += g.kind == GateKind::mcry;
  }
  if (skip_sum) {  // the unitary ends here; what follows is classical
    for (float y = p0.y; y < p0.y + size.y; y += 8)
      dl->AddLine(ImVec2(x_end + 6, y), ImVec2(x_end + 6, y + 4), colour(Colour::warning), 2.0f);
    dl->AddText(ImVec2(x_end + 12, p0.y + 2), colour(Colour::warning), "U ends here:");
    dl->AddText(ImVec2(x_end + 12, p0.y + 18), colour(Colour::warning), "+ lambda psi_j,");
    dl->AddText(ImVec2(x_end + 12, p0.y + 34), colour(Colour::warning), "a classical sum");
  }
  if (hovered >= 0 && ImGui::IsItemHovered()) {
    const Gate& g = c.gates[hovered];
    if (g.kind == GateKind::cx)
      ImGui::SetTooltip("CNOT q[%d] -> q[%d]\npart of a ladder that maps a pair of basis states\nonto two that differ in q[%d] alone",
                        g.controls[0], g.target, g.controls[0]);
    else if (hovered_r >= 0) {
      const int p = givens_gate_pair(hovered_r, lc.width);
      ImGui::SetTooltip("Givens gate alpha_%d on amplitudes (%d, %d)\nRY(2 alpha = %+.4f) on q[%d], %d control(s)",
                        hovered_r, p, p + 1, g.angles[0], g.target, static_cast<int>(g.controls.size()));
    }
  }
}

// s_l (Eq. 7/8 as a linear combination of unitaries: s_0 = 1, s_l = s_{l-1} +
// Σ_j |λ_{l,j}| s_j) for l = 0..L, from the snapshot's λ.
static std::vector<double> one_norms(const Snapshot& s) {
  std::vector<double> norm(1, 1.0);
  for (size_t l = 0; l < s.lambdas.size(); ++l) {
    double next = norm.back();
    const size_t count = s.lambdas[l].size();
    for (size_t j = 0; j < count; ++j) next += std::fabs(double(s.lambdas[l][j])) * norm[l + 1 - count + j];
    norm.push_back(next);
  }
  return norm;
}

static void draw_skip_sum_cost(const Snapshot& s, int layer) {
  const size_t l = static_cast<size_t>(layer) + 1;  // U_layer feeds psi_l
  if (l > s.lambdas.size() || s.lambdas[l - 1].empty()) return;
  const std::vector<double> norm = one_norms(s);
  const int terms = 1 + static_cast<int>(s.lambdas[l - 1].size());
  const int select = static_cast<int>(std::ceil(std::log2(double(terms))));
  ImGui::TextColored(colour_vec4(Colour::warning), "psi_%zu = U_%d psi_%d + %d skip term(s): not unitary", l, layer,
                     layer, terms - 1);
  ImGui::TextDisabled("as an LCU: %d select qubit(s), post-selected on |0>; s_%zu = %.3f", select, l, norm[l]);
  if (s.settings.run.model.renormalize) {
    ImGui::TextDisabled("success probability: the model renormalises (renorm), so |psi| before it is not shown");
  } else if (l < s.sample.states.size()) {
    double norm2 = 0;
    for (Real a : s.sample.states[l]) norm2 += double(a) * a;
    ImGui::TextDisabled("this sample: P_%zu = |psi_%zu|^2 / s_%zu^2 = %.3f", l, l, l, norm2 / (norm[l] * norm[l]));
  }
}

void draw_qubit_view(App& app) {
  const Snapshot& s = *app.snap;
  if (s.angles.empty()) return;
  const int layers = static_cast<int>(s.angles.size());
  app.viewer.qubit_layer = std::clamp(app.viewer.qubit_layer, 0, layers - 1);
  const int n = s.width;
  try {
    refresh_cache(app, s.angles[app.viewer.qubit_layer], n, app.viewer.qubit_layer);
  } catch (const std::exception& e) {
    ImGui::TextColored(colour_vec4(Colour::error), "cannot compile the layer: %s", e.what());
    return;
  }
  const QubitViewCache& c = app.viewer.qubit_cache;
  if (layers > 1) {
    ImGui::SetNextItemWidth(120);
    ImGui::SliderInt("layer", &app.viewer.qubit_layer, 0, layers - 1, "U_%d");
    ImGui::SameLine();
  }
  ImGui::Text("U_%d: n = %d amplitudes on %d qubits%s", c.circuit.layer, n, c.circuit.compiled.qubits,
              (1 << c.circuit.compiled.qubits) > n ? " (the rest padding, kept at zero)" : "");
  if (c.cost_width == n) {
    ImGui::Text("lowered to x, cx, ry: %d gates, %d CNOTs, depth %d", c.cost.stats.gates(), c.cost.stats.cnots,
                c.cost.stats.depth);
    if (c.cost.ancillas > 0) {
      ImGui::SameLine();
      ImGui::TextDisabled("+%d ancilla(s)", c.cost.ancillas);
    }
  } else if (ImGui::Button("Count the gates (about a second)")) {
    app.viewer.qubit_cache.cost = lowered_cost(c.circuit);
    app.viewer.qubit_cache.cost_width = n;
  }
  ImGui::BeginDisabled(n > kAutoCountMaxWidth);
  if (ImGui::Button("Copy OpenQASM")) {
    platform::copy_to_clipboard(layer_openqasm(s, c.circuit.layer));
    app.notices.status = "copied the OpenQASM 2.0 of U_" + std::to_string(c.circuit.layer);
  }
  ImGui::EndDisabled();
  ImGui::SameLine();
  ImGui::BeginDisabled(n > kQuirkLinkMaxWidth);
  if (ImGui::Button("Open in Quirk")) {
    const std::string url = layer_quirk_url(s, c.circuit.layer);
    platform::open_link(url);
    app.notices.status = "opened U_" + std::to_string(c.circuit.layer) + " in Quirk";
  }
  ImGui::EndDisabled();
  if (n > kQuirkLinkMaxWidth) {
    ImGui::SameLine();
    ImGui::TextDisabled("(large: hqnn circuit --model M.json --format qasm|quirk)");
  }
  ImGui::TextDisabled("%d multi-controlled RY, one per Givens gate, between CNOT ladders; hover a gate",
                      givens_gate_count(n));
  const bool skip_sum = app.viewer.qubit_layer < int(s.lambdas.size()) && !s.lambdas[app.viewer.qubit_layer].empty();
  ImGui::BeginChild("##qubit-circuit", ImVec2(-1, kWireGap * c.circuit.compiled.qubits + 26), false,
                    ImGuiWindowFlags_HorizontalScrollbar);
  draw_wires(c.circuit, skip_sum);
  ImGui::EndChild();
  draw_skip_sum_cost(s, app.viewer.qubit_layer);
}

}  // namespace hqnn::app
