// Training curves, and the diagnostics: confusion matrix on the test set,
// gradient norm of every parameter block, and the skip coefficients λ.
#include <cmath>
#include <cstdio>
#include <string>

#include "app.hpp"
#include "imgui.h"
#include "panels.hpp"
#include "plot_widgets.hpp"

namespace hqnn::app {

void draw_curves_panel(App& app) {
  const Snapshot& s = *app.snap;
  std::vector<float> train_loss, test_loss, train_acc, test_acc;
  for (const EpochRecord& r : s.history) {
    train_loss.push_back(static_cast<float>(r.train_loss));
    test_loss.push_back(static_cast<float>(r.test_loss));
    train_acc.push_back(static_cast<float>(r.train_accuracy));
    test_acc.push_back(static_cast<float>(r.test_accuracy));
  }
  const ImU32 train_color = colour(Colour::train), test_color = colour(Colour::test);
  const float h = std::max(80.0f, (ImGui::GetContentRegionAvail().y - ImGui::GetTextLineHeightWithSpacing()) / 2 - 4);
  // Cross-entropy falls over decades while a model learns: a log scale keeps the late epochs readable.
  line_chart("loss", {{"train", &train_loss, train_color}, {"test", &test_loss, test_color}}, ImVec2(-1, h), 0, 0,
             true, "loss (cross-entropy, log)");
  if (!test_acc.empty()) {
    ImGui::TextDisabled("accuracy now: test %.3f, train %.3f", test_acc.back(), train_acc.back());
    if (s.target_epoch > 0) {
      ImGui::SameLine();
      ImGui::TextDisabled("(test 0.90 at epoch %d)", s.target_epoch);
    }
  } else {
    ImGui::TextDisabled("(curves after the first epoch)");
  }
  line_chart("acc", {{"train", &train_acc, train_color}, {"test", &test_acc, test_color}}, ImVec2(-1, h), 0, 1,
             false, "accuracy");
}

static void draw_confusion(const Snapshot& s) {
  const int k = static_cast<int>(s.confusion.size());
  if (k == 0 || k > kPlaygroundMaxClasses) return;
  if (!ImGui::BeginTable("confusion", k + 1, ImGuiTableFlags_Borders | ImGuiTableFlags_SizingFixedFit)) return;
  ImGui::TableSetupColumn("true \\ pred");
  for (int c = 0; c < k; ++c) ImGui::TableSetupColumn(c < int(s.class_names.size()) ? s.class_names[c].c_str() : "?");
  ImGui::TableHeadersRow();
  for (int t = 0; t < k; ++t) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(t < int(s.class_names.size()) ? s.class_names[t].c_str() : "?");
    int row_total = 0;
    for (int v : s.confusion[t]) row_total += v;
    for (int p = 0; p < k; ++p) {
      ImGui::TableNextColumn();
      const int v = s.confusion[t][p];
      const float share = row_total ? float(v) / row_total : 0.0f;
      const ImU32 bg = t == p ? colour(Colour::hit, (40 + 180 * share) / 255) : colour(Colour::miss, 200 * share / 255);
      ImGui::TableSetBgColor(ImGuiTableBgTarget_CellBg, bg);
      ImGui::Text("%d", v);
    }
  }
  ImGui::EndTable();
}

static void draw_gradient_norms(const Snapshot& s) {
  if (s.history.empty()) {
    ImGui::TextDisabled("(after the first epoch)");
    return;
  }
  const EpochRecord& last = s.history.back();
  double largest = 1e-12;
  for (double v : last.grad_norm_mean)
    if (std::isfinite(v)) largest = std::max(largest, v);
  for (size_t i = 0; i < s.param_names.size() && i < last.grad_norm_mean.size(); ++i) {
    char overlay[96];
    std::snprintf(overlay, sizeof overlay, "%s  %.3g (max %.3g)", s.param_names[i].c_str(), last.grad_norm_mean[i],
                  i < last.grad_norm_max.size() ? last.grad_norm_max[i] : 0.0);
    ImGui::PushStyleColor(ImGuiCol_PlotHistogram, ImGui::ColorConvertU32ToFloat4(class_colour(int(i), 0.8f)));
    const double share = last.grad_norm_mean[i] / largest;  // NaN (diverged): an empty bar, "nan" in the text
    ImGui::ProgressBar(std::isfinite(share) ? static_cast<float>(share) : std::isinf(share) ? 1.0f : 0.0f,
                       ImVec2(-1, 0), overlay);
    ImGui::PopStyleColor();
  }
  // The history of each block's mean norm, log scale.
  std::vector<std::vector<float>> lines(s.param_names.size());
  for (const EpochRecord& r : s.history)
    for (size_t i = 0; i < lines.size() && i < r.grad_norm_mean.size(); ++i)
      lines[i].push_back(static_cast<float>(r.grad_norm_mean[i]));
  std::vector<Series> series;  // the bars above are the legend; the readout names each block
  for (size_t i = 0; i < lines.size(); ++i) series.push_back({s.param_names[i].c_str(), &lines[i], class_colour(int(i))});
  line_chart("grad-history", series, ImVec2(-1, 120), 0, 0, true, "mean gradient norm (log)");
}

static void draw_lambdas(const Snapshot& s) {
  if (!s.hybrid) {
    ImGui::TextDisabled("(classical model: no skip coefficients)");
    return;
  }
  if (s.lambdas.empty() || s.lambdas[0].empty()) {
    ImGui::TextDisabled("(TQFNN: plain layers, no skip coefficients)");
    return;
  }
  for (size_t l = 0; l < s.lambdas.size(); ++l) {
    ImGui::Text("psi_%zu =", l + 1);
    for (size_t j = 0; j < s.lambdas[l].size(); ++j) {
      ImGui::SameLine();
      const size_t from = l + 1 - s.lambdas[l].size() + j;  // residual: ψ_{l-1} only; dense: ψ_0 .. ψ_{l-1}
      ImGui::Text("%+.3f psi_%zu", s.lambdas[l][j], from);
    }
    ImGui::SameLine();
    ImGui::TextDisabled("+ U psi_%zu", l);
  }
  std::vector<std::vector<float>> lines(s.lambda_history.empty() ? 0 : s.lambda_history.back().size());
  for (const auto& epoch : s.lambda_history)
    for (size_t i = 0; i < lines.size() && i < epoch.size(); ++i) lines[i].push_back(static_cast<float>(epoch[i]));
  std::vector<std::string> names;  // λ_{l,j} in the order the history flattens them
  for (size_t l = 0; l < s.lambdas.size(); ++l)
    for (size_t j = 0; j < s.lambdas[l].size(); ++j)
      names.push_back("lambda_" + std::to_string(l + 1) + "," + std::to_string(l + 1 - s.lambdas[l].size() + j));
  std::vector<Series> series;
  for (size_t i = 0; i < lines.size(); ++i)
    series.push_back({i < names.size() ? names[i].c_str() : "", &lines[i], class_colour(int(i))});
  if (!series.empty()) line_chart("lambda-history", series, ImVec2(-1, 100), 0, 0, false, "lambda");
}

void draw_diagnostics_panel(App& app) {
  const Snapshot& s = *app.snap;
  if (ImGui::CollapsingHeader("Confusion matrix (test set)", ImGuiTreeNodeFlags_DefaultOpen)) draw_confusion(s);
  if (ImGui::CollapsingHeader("Gradient norm per parameter block", ImGuiTreeNodeFlags_DefaultOpen))
    draw_gradient_norms(s);
  if (ImGui::CollapsingHeader("Skip coefficients lambda", ImGuiTreeNodeFlags_DefaultOpen)) draw_lambdas(s);
}

}  // namespace hqnn::app
