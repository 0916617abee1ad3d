// Data, model and training options, and the file actions. Any change to an
// option starts a new run (the same rule as the URL hash: a link is a run).
#include <algorithm>
#include <cmath>

#include "app.hpp"
#include "imgui.h"
#include "option_widgets.hpp"
#include "palette.hpp"
#include "panels.hpp"
#include "run/options/option_table.hpp"

namespace hqnn::app {

static void draw_data_section(App& app, bool& changed) {
  ImGui::TextDisabled("Data");
  run::DataSpec& data = app.settings.run.data;
  const std::string current = data.name;
  for (const PlaygroundDataset& d : playground_datasets()) {
    if (ImGui::RadioButton(d.label, current == d.name) && current != d.name) app.choose_dataset(d.name);
    ImGui::SameLine();
  }
  ImGui::NewLine();
  const bool csv = app.user_data && current == app.user_data->name;
  ImGui::BeginDisabled(!app.user_data);
  if (ImGui::RadioButton(app.user_data ? app.user_data->name.c_str() : "your CSV", csv) && !csv)
    app.choose_dataset(app.user_data->name);
  ImGui::EndDisabled();
  ImGui::SameLine();
  if (platform::has_file_picker()) {
    if (ImGui::Button("Open CSV...")) platform::open_file_picker(platform::FileKind::csv);
    ClickTargets::record_last_item(app.click_targets.open_csv);
  } else {
    ImGui::SetNextItemWidth(-70);
    ImGui::InputTextWithHint("##csv", "path/to/data.csv", app.desktop_files.csv, sizeof app.desktop_files.csv);
    ImGui::SameLine();
    if (ImGui::Button("Load")) {
      try {
        app.load_csv_text(app.desktop_files.csv, platform::read_text_file(app.desktop_files.csv));
      } catch (const std::exception& e) {
        app.notices.data_error = e.what();
      }
    }
  }
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("A header row, numeric feature columns and the label in the last column");
  if (!app.notices.data_error.empty()) {
    ImGui::PushTextWrapPos(0);
    ImGui::TextColored(colour_vec4(Colour::error), "%s", app.notices.data_error.c_str());
    ImGui::PopTextWrapPos();
  }
  if (app.loading_images()) ImGui::TextDisabled("loading the images...");
  if (app.settings.image()) {
    ImGui::PushTextWrapPos(0);
    ImGui::TextDisabled("classes 0-3, 250 train + 100 test images each (committed subset)");
    ImGui::PopTextWrapPos();
    int ds = data.downsample == 2 ? 1 : 0;
    if (ImGui::Combo("resolution", &ds, "28x28\0" "14x14 (2x2 average)\0")) {
      data.downsample = ds ? 2 : 1;
      changed = true;
    }
    return;
  }
  float test = static_cast<float>(data.test_fraction * 100);
  const run::OptionRow& test_row = run::option_row("test-fraction");
  if (ImGui::SliderFloat("test %", &test, static_cast<float>(test_row.min * 100), static_cast<float>(test_row.max * 100),
                         "%.0f%%")) {
    data.test_fraction = std::clamp(std::round(test) / 100.0, test_row.min, test_row.max);
    changed = true;
  }
  changed |= option_combo("feature scaling", "scale", app.settings.run);
  if (app.snap->error.empty() && data.scaling == ScalingKind::automatic && !app.snap->scaling.empty())
    ImGui::TextDisabled("auto chose %s (validation part of the training split)", app.snap->scaling.c_str());
}

// The models that fit the data: every model for images (an FNN flattens them),
// no convolutional model for tabular data.
std::vector<ModelKind> playground_model_kinds(const std::string& dataset) {
  std::vector<ModelKind> kinds = {ModelKind::qdfnn, ModelKind::qrfnn, ModelKind::tqfnn, ModelKind::mlp_leaky,
                                  ModelKind::mlp_rot};
  if (is_image_dataset(dataset))
    kinds.insert(kinds.begin(), {ModelKind::qdcnn, ModelKind::qrcnn, ModelKind::tqcnn, ModelKind::cnn_leaky,
                                 ModelKind::cnn_rot});
  // then the classical controls with the hybrids' skips, in the table's order
  for (const ModelKindInfo& k : model_kinds())
    if (k.classical_skip && (!k.convolutional || is_image_dataset(dataset))) kinds.push_back(k.kind);
  return kinds;
}

static void draw_model_section(App& app, bool& changed) {
  ImGui::Separator();
  ImGui::TextDisabled("Model");
  ModelOptions& m = app.settings.run.model;
  if (ImGui::BeginCombo("model", model_kind_name(m.kind))) {
    for (ModelKind k : playground_model_kinds(app.settings.dataset()))
      if (ImGui::Selectable(model_kind_name(k), k == m.kind)) m.kind = k, changed = true;
    ImGui::EndCombo();
  }
  changed |= option_slider("L (layers)", "layers", m.layers, 8);
  changed |= option_input(is_convolutional(m.kind) ? "width n (0: 64)" : "width n (0: features)", "width", m.width);
  if (is_convolutional(m.kind)) {
    int channels[2] = {m.conv1_channels, m.conv2_channels};
    const run::OptionRow& row = run::option_row("conv-channels");
    if (ImGui::SliderInt2("conv channels", channels, static_cast<int>(row.min), std::min(64, static_cast<int>(row.max)))) {
      m.conv1_channels = channels[0], m.conv2_channels = channels[1];
      changed = true;
    }
  }
  if (is_hybrid(m.kind)) {
    changed |= option_combo("angle init", "angle-init", app.settings.run);
    changed |= option_slider("init scale s", "angle-scale", m.angle_init_scale, 0.01, 3.1416, "%.3f");
  }
  if (skip_topology_of(m.kind) != SkipTopology::plain) {  // the hybrids' and the controls' λ skips
    changed |= option_slider("lambda init", "lambda-init", m.lambda_init, -2.0, 2.0, "%.3f");
    bool train_lambda = m.train_lambda;
    if (ImGui::Checkbox("train lambda", &train_lambda)) m.train_lambda = train_lambda, changed = true;
    if (skip_topology_of(m.kind) == SkipTopology::dense)
      changed |= ImGui::Checkbox("dense lambda = init / l", &m.dense_lambda_inverse);
  }
  if (is_hybrid(m.kind)) changed |= ImGui::Checkbox("renormalise states", &m.renormalize);
  // every CNN front end uses leaky-relu
  if (run::option_applies("leaky-slope", app.settings.run))
    changed |= option_slider("leaky slope", "leaky-slope", m.leaky_slope, 0.0, 0.5, "%.3f");
}

static void draw_training_section(App& app, bool& changed) {
  ImGui::Separator();
  ImGui::TextDisabled("Training");
  TrainOptions& t = app.settings.run.train;
  changed |= option_combo("optimiser", "optimizer", app.settings.run);
  changed |= option_slider("learning rate", "lr", t.optimizer.lr, 1e-4, 1.0, "%.4g", true);
  if (run::option_applies("momentum", app.settings.run))
    changed |= option_slider("momentum", "momentum", t.optimizer.momentum, 0.0, 0.99, "%.2f");
  changed |= option_slider("batch", "batch", t.batch, 256);
  changed |= option_input("epochs", "epochs", t.epochs, 10, 100);
  int seed = static_cast<int>(std::min<uint64_t>(app.settings.run.seed(), INT32_MAX));
  if (ImGui::InputInt("seed", &seed)) {
    run::set_seed(app.settings.run, static_cast<uint64_t>(seed < 0 ? 0 : seed));
    changed = true;
  }
}

static void draw_files_section(App& app) {
  ImGui::Separator();
  ImGui::TextDisabled("Files");
  if (ImGui::Button("Export model JSON")) app.request_model_export();
  ImGui::SameLine();
  if (ImGui::Button("Export curves CSV")) app.export_curves_csv();
  if (platform::has_file_picker()) {
    if (ImGui::Button("Import model JSON...")) platform::open_file_picker(platform::FileKind::model);
  } else {
    ImGui::SetNextItemWidth(-70);
    ImGui::InputText("##model", app.desktop_files.model, sizeof app.desktop_files.model);
    ImGui::SameLine();
    if (ImGui::Button("Import")) {
      try {
        app.import_model_text(platform::read_text_file(app.desktop_files.model));
      } catch (const std::exception& e) {
        app.notices.status = e.what();
      }
    }
  }
  ImGui::TextDisabled("The address bar holds every setting:\ncopy the link to share this run.");
  if (!app.notices.command_line.empty()) {  // the toolbar's "Copy as command"
    ImGui::TextDisabled("On the command line:");
    ImGui::InputTextMultiline("##command", app.notices.command_line.data(), app.notices.command_line.size() + 1,
                              ImVec2(-1, ImGui::GetTextLineHeight() * 4), ImGuiInputTextFlags_ReadOnly);
  }
}

void draw_controls_panel(App& app) {
  bool changed = false;
  ImGui::PushItemWidth(-130);
  draw_data_section(app, changed);
  draw_model_section(app, changed);
  draw_training_section(app, changed);
  ImGui::PopItemWidth();
  draw_files_section(app);
  const Snapshot& s = *app.snap;
  if (s.error.empty() && s.train_size > 0) {
    ImGui::Separator();
    ImGui::Text("%d train / %d test samples, %zu features", s.train_size, s.test_size, s.feature_names.size());
    ImGui::Text("%ld parameters, width n = %d", s.parameter_count, s.width);
    ImGui::Text("%.0f samples/s", s.samples_per_second);
  }
  if (changed) app.reset();
}

}  // namespace hqnn::app
