// Image data: the chosen test image as the model sees it (and before dataset
// noise), and the vector that amplitude encoding normalises into ψ₀ (Eq. 6):
// for the convolutional hybrids the output of the conv front end's Linear(→ n).
#include <algorithm>
#include <cmath>

#include "app.hpp"
#include "imgui.h"
#include "panels.hpp"
#include "plot_widgets.hpp"

namespace hqnn::app {

// Draws channel-major pixels (the mean over channels) as a grey image of the given side.
static void draw_image(const char* id, const std::vector<Real>& pixels, const ImageShape& shape, float side) {
  ImGui::PushID(id);
  const ImVec2 p0 = ImGui::GetCursorScreenPos();
  ImGui::InvisibleButton("##image", ImVec2(side, side));
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const int h = shape.height, w = shape.width, plane = h * w;
  const float cell = side / static_cast<float>(std::max(h, w));
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      float v = 0;
      for (int c = 0; c < shape.channels; ++c) v += static_cast<float>(pixels[size_t(c) * plane + y * w + x]);
      const float mean = std::isfinite(v) ? v / shape.channels : 0.5f;
      const int g = static_cast<int>(std::clamp(mean, 0.0f, 1.0f) * 255.0f + 0.5f);
      const ImVec2 a(p0.x + x * cell, p0.y + y * cell);
      dl->AddRectFilled(a, ImVec2(a.x + cell + 0.5f, a.y + cell + 0.5f), IM_COL32(g, g, g, 255));
    }
  dl->AddRect(p0, ImVec2(p0.x + side, p0.y + side), colour(Colour::plot_frame));
  ImGui::PopID();
}

void draw_image_panel(App& app) {
  const Snapshot& s = *app.snap;
  const SampleView& v = s.sample;
  if (v.index < 0 || !v.image.is_image() || v.features.size() != size_t(v.image.size())) {
    ImGui::TextDisabled(app.loading_images() ? "(loading the images...)" : "(no model)");
    return;
  }
  int sample = v.index;
  ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x * 0.5f);
  if (ImGui::SliderInt("test image", &sample, 0, std::max(0, s.test_size - 1)))
    app.set_view(sample, app.settings.feature_x, app.settings.feature_y);
  ImGui::SameLine();
  const auto name = [&](int c) { return c >= 0 && c < int(s.class_names.size()) ? s.class_names[c].c_str() : "?"; };
  ImGui::TextColored(v.prediction == v.label ? colour_vec4(Colour::good) : colour_vec4(Colour::error),
                     "%s -> %s", name(v.label), name(v.prediction));

  const bool noisy = !v.clean_features.empty();
  const float avail = ImGui::GetContentRegionAvail().x;
  const float side = std::clamp((noisy ? avail / 2 - 8 : avail) * 0.6f, 56.0f, 168.0f);
  ImGui::BeginGroup();
  ImGui::TextDisabled(noisy ? "input (with noise)" : "input");
  draw_image("input", v.features, v.image, side);
  ImGui::EndGroup();
  if (noisy) {
    ImGui::SameLine();
    ImGui::BeginGroup();
    ImGui::TextDisabled("before dataset noise");
    draw_image("clean", v.clean_features, v.image, side);
    ImGui::EndGroup();
  }
  ImGui::TextDisabled("%d x %d x %d pixels", v.image.channels, v.image.height, v.image.width);

  if (v.encoded.empty()) {
    ImGui::TextDisabled("(classical model: no amplitude encoding)");
    return;
  }
  double norm2 = 0;
  float scale = 1e-6f;
  for (Real a : v.encoded)
    if (std::isfinite(a)) norm2 += double(a) * a, scale = std::max(scale, std::fabs(float(a)));
  ImGui::Text("encoded features (n = %zu)", v.encoded.size());
  ImGui::SameLine();
  ImGui::TextDisabled("|x| = %.3g; psi_0 = x / |x|", std::sqrt(norm2));
  std::vector<float> x(v.encoded.begin(), v.encoded.end());
  signed_bars("encoded", x.data(), int(x.size()), ImVec2(-1, 56), scale);
}

}  // namespace hqnn::app
