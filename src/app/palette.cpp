#include "palette.hpp"

#include <algorithm>
#include <cmath>

namespace hqnn::app {

namespace {

struct ColourInfo {
  Colour colour;
  const char* name;
  ImU32 value;
};

constexpr ColourInfo kColours[] = {
    {Colour::error, "error", IM_COL32(255, 102, 89, 255)},
    {Colour::warning, "warning", IM_COL32(255, 196, 84, 255)},
    {Colour::good, "good", IM_COL32(128, 230, 128, 255)},
    {Colour::heading, "heading", IM_COL32(255, 217, 128, 255)},
    {Colour::quiet, "quiet", IM_COL32(153, 153, 166, 255)},
    {Colour::hybrid, "hybrid", IM_COL32(90, 170, 255, 255)},
    {Colour::classical, "classical", IM_COL32(240, 150, 60, 255)},
    {Colour::train, "train", IM_COL32(190, 140, 255, 255)},
    {Colour::test, "test", IM_COL32(80, 210, 170, 255)},
    {Colour::chance, "chance", IM_COL32(170, 170, 180, 255)},
    {Colour::not_finite, "not_finite", IM_COL32(150, 150, 150, 255)},
    {Colour::positive, "positive", IM_COL32(64, 140, 255, 255)},
    {Colour::negative, "negative", IM_COL32(255, 89, 77, 255)},
    {Colour::zero, "zero", IM_COL32(41, 41, 46, 255)},
    {Colour::hit, "hit", IM_COL32(40, 120, 60, 255)},
    {Colour::miss, "miss", IM_COL32(150, 50, 40, 255)},
    {Colour::panel_background, "panel_background", IM_COL32(23, 23, 28, 255)},
    {Colour::plot_background, "plot_background", IM_COL32(24, 24, 28, 255)},
    {Colour::plot_frame, "plot_frame", IM_COL32(90, 90, 100, 255)},
    {Colour::plot_grid, "plot_grid", IM_COL32(52, 52, 60, 255)},
    {Colour::axis_text, "axis_text", IM_COL32(150, 150, 160, 255)},
    {Colour::axis_name, "axis_name", IM_COL32(190, 190, 200, 255)},
    {Colour::cursor, "cursor", IM_COL32(200, 200, 210, 120)},
    {Colour::wire, "wire", IM_COL32(110, 110, 120, 255)},
    {Colour::wire_label, "wire_label", IM_COL32(150, 150, 160, 255)},
    {Colour::gate, "gate", IM_COL32(230, 230, 240, 255)},
    {Colour::gate_text, "gate_text", IM_COL32(255, 255, 255, 255)},
    {Colour::marker, "marker", IM_COL32(255, 255, 255, 255)},
};
static_assert(sizeof kColours / sizeof kColours[0] == static_cast<size_t>(Colour::count), "one row per colour");

constexpr bool in_enum_order() {
  for (size_t i = 0; i < static_cast<size_t>(Colour::count); ++i)
    if (static_cast<size_t>(kColours[i].colour) != i) return false;
  return true;
}
static_assert(in_enum_order(), "the rows follow the enum, so that a colour is its row");

const ColourInfo& info(Colour c) { return kColours[static_cast<size_t>(c)]; }

}  // namespace

ImU32 colour(Colour c, float alpha) {
  ImVec4 v = ImGui::ColorConvertU32ToFloat4(info(c).value);
  v.w *= alpha;
  return ImGui::ColorConvertFloat4ToU32(v);
}

ImVec4 colour_vec4(Colour c) { return ImGui::ColorConvertU32ToFloat4(info(c).value); }

const char* colour_name(Colour c) { return info(c).name; }

ImU32 class_colour(int c, float alpha) {
  static const ImVec4 classes[] = {{0.95f, 0.55f, 0.15f, 1}, {0.20f, 0.55f, 0.95f, 1}, {0.35f, 0.80f, 0.35f, 1},
                                   {0.85f, 0.30f, 0.60f, 1}, {0.60f, 0.45f, 0.90f, 1}, {0.95f, 0.85f, 0.25f, 1},
                                   {0.30f, 0.85f, 0.85f, 1}, {0.70f, 0.70f, 0.70f, 1}};
  ImVec4 v = classes[c % 8];
  v.w = alpha;
  return ImGui::ColorConvertFloat4ToU32(v);
}

ImU32 signed_colour(float v) {
  if (!std::isfinite(v)) return colour(Colour::not_finite);
  v = std::clamp(v, -1.0f, 1.0f);
  const float a = std::fabs(v);
  const ImVec4 base = colour_vec4(v >= 0 ? Colour::positive : Colour::negative), mid = colour_vec4(Colour::zero);
  return ImGui::ColorConvertFloat4ToU32(ImVec4(mid.x + (base.x - mid.x) * a, mid.y + (base.y - mid.y) * a,
                                               mid.z + (base.z - mid.z) * a, 1));
}

}  // namespace hqnn::app
