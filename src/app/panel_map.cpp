// The live robustness map: the attack magnitude swept on the run's data set
// (magnitude_sweep.hpp), a hybrid against a classical model, the average test
// accuracy (D12) plotted against the magnitude (log) as the runs finish. The
// paper (Sec. 5.2) states neither its magnitudes nor its schedule; the map
// shows where its claim holds, if anywhere, for this run.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "app.hpp"
#include "core/input_error.hpp"
#include "imgui.h"
#include "panels.hpp"
#include "plot_widgets.hpp"

namespace hqnn::app {


static bool model_combo(const char* label, const std::vector<ModelKind>& kinds, ModelKind& kind) {
  bool changed = false;
  if (ImGui::BeginCombo(label, model_kind_name(kind))) {
    for (ModelKind k : kinds)
      if (ImGui::Selectable(model_kind_name(k), k == kind)) kind = k, changed = true;
    ImGui::EndCombo();
  }
  return changed;
}

// The sweep's settings; a change that makes a valid sweep replaces the running one.
static void draw_sweep_options(App& app) {
  SweepOptions o = app.settings.sweep;
  bool changed = false;
  const float avail = ImGui::GetContentRegionAvail().x;
  ImGui::PushItemWidth(avail * 0.3f);
  changed |= model_combo("hybrid", {ModelKind::tqfnn, ModelKind::qrfnn, ModelKind::qdfnn}, o.hybrid);
  ImGui::SameLine();
  changed |= model_combo("classical", sweep_classical_kinds(), o.classical);
  if (ImGui::BeginCombo("noise", noise_kind_name(o.noise))) {
    for (const NoiseKindInfo& k : noise_kinds())
      if (ImGui::Selectable(k.name, k.kind == o.noise)) o.noise = k.kind, changed = true;
    ImGui::EndCombo();
  }
  ImGui::PopItemWidth();
  int form = o.form == AttackForm::inside ? 0 : 1;
  ImGui::SameLine();
  changed |= ImGui::RadioButton("(1)", &form, 0);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("form (1), inside: sigma(theta + eps); gates stay rotations, weights W + eps");
  ImGui::SameLine();
  changed |= ImGui::RadioButton("(2)", &form, 1);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("form (2), outside: sigma(theta) + eps; cos and sin of every gate get eps");
  o.form = form ? AttackForm::outside : AttackForm::inside;
  for (AttackMode m : attack_modes()) {
    if (m != attack_modes().front()) ImGui::SameLine();
    if (ImGui::RadioButton(attack_mode_name(m), o.mode == m)) o.mode = m, changed = true;
  }
  // o is this frame's copy: a typed magnitude applies on Enter (ImGui writes it back in that frame only).
  ImGui::PushItemWidth(std::max(40.0f, (avail - ImGui::CalcTextSize("from mto mpointsseeds").x) / 4 - 16));
  changed |= ImGui::InputDouble("from m", &o.lo, 0, 0, "%g", ImGuiInputTextFlags_EnterReturnsTrue);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("lowest attack magnitude (> 0); Enter applies");
  ImGui::SameLine();
  changed |= ImGui::InputDouble("to m", &o.hi, 0, 0, "%g", ImGuiInputTextFlags_EnterReturnsTrue);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("highest attack magnitude; Enter applies");
  ImGui::SameLine();
  changed |= ImGui::SliderInt("points", &o.points, 2, kSweepMaxPoints);
  ImGui::SameLine();
  changed |= ImGui::SliderInt("seeds", &o.seeds, 1, kSweepMaxSeeds);
  ImGui::PopItemWidth();
  if (!changed || o == app.settings.sweep) return;
  try {
    validate_sweep(o, app.settings.run);
    app.settings.sweep = o;
    app.update_map();
  } catch (const InputError& e) {
    app.notices.status = e.what();  // the sweep keeps its last valid settings
  }
}

static void draw_status_row(App& app) {
  const MagnitudeSweep* sweep = app.live_map.sweep.get();
  const bool running = app.live_map.running && sweep && !sweep->done();
  ImGui::BeginDisabled(!sweep || sweep->done());
  if (ImGui::Button(running ? "Stop" : "Start", ImVec2(60, 0))) app.live_map.running = !running;
  ImGui::EndDisabled();
  ImGui::SameLine();
  if (!app.live_map.error.empty() || (sweep && !sweep->error().empty())) {
    ImGui::TextColored(colour_vec4(Colour::error), "%s", app.live_map.error.empty() ? sweep->error().c_str()
                                                                                : app.live_map.error.c_str());
    return;
  }
  if (!sweep) return;
  const size_t done = sweep->points().size(), total = sweep->runs().size();
  if (done == total)
    ImGui::Text("%zu/%zu runs of %d epochs", done, total, sweep->spec().train.epochs);
  else
    ImGui::Text("%zu/%zu runs%s, %s at m = %.3g: %.0f %%", done, total, running ? "" : " (stopped)",
                model_kind_name(sweep->runs()[done].model), sweep->runs()[done].magnitude,
                100 * sweep->current_run_progress());
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("Each point is one run of %d epochs: the run hqnn train trains (Copy as command, with the\n"
                      "point's model and attack). The address bar holds the map: its link replays this sweep.",
                      sweep->spec().train.epochs);
}

// A small cross: a run whose loss or parameters became NaN/Inf.
static void cross(ImDrawList* dl, ImVec2 c, float r, ImU32 color) {
  dl->AddLine(ImVec2(c.x - r, c.y - r), ImVec2(c.x + r, c.y + r), color, 2.0f);
  dl->AddLine(ImVec2(c.x - r, c.y + r), ImVec2(c.x + r, c.y - r), color, 2.0f);
}

static void draw_map_plot(const MagnitudeSweep& sweep, ImVec2 size) {
  const ImVec2 p0 = ImGui::GetCursorScreenPos();
  ImGui::InvisibleButton("##map", size);
  const bool hovered = ImGui::IsItemHovered();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const SweepOptions& o = sweep.options();
  const double pad = 0.04 * (std::log10(o.hi) - std::log10(o.lo));
  const AxisRange x{std::log10(o.lo) - pad, std::log10(o.hi) + pad, true}, y{0, 1, false};
  const PlotArea a = draw_plot_axes(p0, size, x, y, "attack magnitude m", "average test accuracy");
  const auto at = [&](double magnitude, double accuracy) {
    return ImVec2(a.min.x + float((std::log10(magnitude) - x.lo) / (x.hi - x.lo)) * a.width(),
                  a.max.y - float(std::clamp(accuracy, 0.0, 1.0)) * a.height());
  };
  // Chance (1 / classes), dashed.
  const float cy = at(o.lo, sweep.chance()).y;
  for (float px = a.min.x; px < a.max.x; px += 10)
    dl->AddLine(ImVec2(px, cy), ImVec2(std::min(px + 6, a.max.x), cy), colour(Colour::chance));
  // The legend, right-aligned in the top row.
  const struct { const char* label; ImU32 color; } legend[] = {
      {model_kind_name(o.hybrid), colour(Colour::hybrid)}, {model_kind_name(o.classical), colour(Colour::classical)},
      {"x NaN", colour(Colour::error)}, {"-- chance", colour(Colour::chance)}};
  float lx = p0.x + size.x - 6;
  for (const auto& l : legend) lx -= ImGui::CalcTextSize(l.label).x + 12;
  if (lx > p0.x + ImGui::CalcTextSize("average test accuracy").x + 8)
    for (const auto& l : legend) {
      dl->AddText(ImVec2(lx, p0.y + 1), l.color, l.label);
      lx += ImGui::CalcTextSize(l.label).x + 12;
    }
  // One line per model; a magnitude where a seed diverged gets a cross on the floor, one row per model.
  const struct { ModelKind model; ImU32 color; float floor; } lines[] = {{o.hybrid, colour(Colour::hybrid), 6},
                                                                         {o.classical, colour(Colour::classical), 16}};
  const ImVec2 mouse = ImGui::GetIO().MousePos;
  float best = 12;  // px: the readout shows the nearest point within this distance
  std::string readout;
  for (const auto& l : lines) {
    const std::vector<SweepLinePoint> line = sweep_line(sweep.points(), l.model, o.seeds);
    for (size_t i = 0; i < line.size(); ++i) {
      const SweepLinePoint& p = line[i];
      const ImVec2 q = at(p.magnitude, p.average_accuracy);
      if (i > 0) dl->AddLine(at(line[i - 1].magnitude, line[i - 1].average_accuracy), q, l.color, 1.5f);
      dl->AddCircleFilled(q, 3.0f, l.color, 10);
      const ImVec2 nan_mark(q.x, a.max.y - l.floor);
      if (p.diverged_fraction > 0) cross(dl, nan_mark, 4.0f, colour(Colour::error));
      for (const ImVec2& target : {q, nan_mark}) {
        const float d = std::hypot(mouse.x - target.x, mouse.y - target.y);
        if (!hovered || d >= best || (target.y == nan_mark.y && p.diverged_fraction == 0)) continue;
        best = d;
        char text[256];
        std::snprintf(text, sizeof text,
                      "%s at m = %.3g\naverage test accuracy %.4f\nfinal test accuracy %.4f\nNaN/Inf in %.0f %% of %d "
                      "seed(s)\nchance %.3f",
                      model_kind_name(l.model), p.magnitude, p.average_accuracy, p.final_accuracy,
                      100 * p.diverged_fraction, o.seeds, sweep.chance());
        readout = text;
      }
    }
  }
  if (!readout.empty()) ImGui::SetTooltip("%s", readout.c_str());
}

void draw_map_panel(App& app) {
  draw_status_row(app);
  draw_sweep_options(app);
  if (!app.live_map.sweep) return;
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  draw_map_plot(*app.live_map.sweep, ImVec2(std::max(120.0f, avail.x), std::max(80.0f, avail.y)));
}

}  // namespace hqnn::app
