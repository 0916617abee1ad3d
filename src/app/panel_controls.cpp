// Data, model and training options, and the file actions. Any change to an
// option starts a new run (the same rule as the URL hash: a link is a run).
#include <cmath>

#include "app.hpp"
#include "imgui.h"
#include "panels.hpp"

namespace hqnn::app {

static void draw_data_section(App& app, bool& changed) {
  ImGui::TextDisabled("Data");
  const std::string& current = app.settings.dataset;
  static const char* const labels[][2] = {
      {"iris", "iris"}, {"fashion-mnist-subset", "Fashion"}, {"mnist-subset", "MNIST"}};
  for (const auto& [name, label] : labels) {
    if (ImGui::RadioButton(label, current == name) && current != name) app.choose_dataset(name);
    ImGui::SameLine();
  }
  ImGui::NewLine();
  const bool csv = current == "csv";
  ImGui::BeginDisabled(!app.user_data);
  if (ImGui::RadioButton(app.user_data ? app.user_data->name.c_str() : "your CSV", csv) && !csv)
    app.choose_dataset("csv");
  ImGui::EndDisabled();
  ImGui::SameLine();
  if (platform::has_file_picker()) {
    if (ImGui::Button("Open CSV...")) platform::open_file_picker(platform::FileKind::csv);
    const ImVec2 lo = ImGui::GetItemRectMin(), hi = ImGui::GetItemRectMax();
    app.open_csv_button[0] = lo.x, app.open_csv_button[1] = lo.y;
    app.open_csv_button[2] = hi.x - lo.x, app.open_csv_button[3] = hi.y - lo.y;
  } else {
    ImGui::SetNextItemWidth(-70);
    ImGui::InputTextWithHint("##csv", "path/to/data.csv", app.csv_path, sizeof app.csv_path);
    ImGui::SameLine();
    if (ImGui::Button("Load")) {
      try {
        app.load_csv_text(app.csv_path, platform::read_text_file(app.csv_path));
      } catch (const std::exception& e) {
        app.data_error = e.what();
      }
    }
  }
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("A header row, numeric feature columns and the label in the last column");
  if (!app.data_error.empty()) {
    ImGui::PushTextWrapPos(0);
    ImGui::TextColored(ImVec4(1, 0.4f, 0.35f, 1), "%s", app.data_error.c_str());
    ImGui::PopTextWrapPos();
  }
  if (app.loading_images()) ImGui::TextDisabled("loading the images...");
  if (is_image_dataset(current)) {
    ImGui::PushTextWrapPos(0);
    ImGui::TextDisabled("classes 0-3, 250 train + 100 test images each (committed subset)");
    ImGui::PopTextWrapPos();
    int ds = app.settings.downsample == 2 ? 1 : 0;
    if (ImGui::Combo("resolution", &ds, "28x28\0" "14x14 (2x2 average)\0")) {
      app.settings.downsample = ds ? 2 : 1;
      changed = true;
    }
    return;
  }
  float test = static_cast<float>(app.settings.test_fraction * 100);
  if (ImGui::SliderFloat("test %", &test, 5, 80, "%.0f%%")) {
    app.settings.test_fraction = std::round(test) / 100.0;
    changed = true;
  }
  changed |= ImGui::Checkbox("standardise features", &app.settings.standardize);
}

// The models that fit the data: every model for images (an FNN flattens them),
// no convolutional model for tabular data.
std::vector<ModelKind> playground_model_kinds(const std::string& dataset) {
  std::vector<ModelKind> kinds = {ModelKind::qdfnn, ModelKind::qrfnn, ModelKind::tqfnn, ModelKind::mlp_leaky,
                                  ModelKind::mlp_rot};
  if (is_image_dataset(dataset))
    kinds.insert(kinds.begin(), {ModelKind::qdcnn, ModelKind::qrcnn, ModelKind::tqcnn, ModelKind::cnn_leaky,
                                 ModelKind::cnn_rot});
  return kinds;
}

static void draw_model_section(App& app, bool& changed) {
  ImGui::Separator();
  ImGui::TextDisabled("Model");
  ModelOptions& m = app.settings.model;
  if (ImGui::BeginCombo("model", model_kind_name(m.kind))) {
    for (ModelKind k : playground_model_kinds(app.settings.dataset))
      if (ImGui::Selectable(model_kind_name(k), k == m.kind)) m.kind = k, changed = true;
    ImGui::EndCombo();
  }
  changed |= ImGui::SliderInt("L (layers)", &m.layers, 1, 8);
  changed |= ImGui::InputInt(is_convolutional(m.kind) ? "width n (0: 64)" : "width n (0: features)", &m.width);
  if (m.width < 0) m.width = 0;
  if (is_convolutional(m.kind)) {
    changed |= ImGui::SliderInt("conv1 channels", &m.conv1_channels, 1, 32);
    changed |= ImGui::SliderInt("conv2 channels", &m.conv2_channels, 1, 64);
  }
  if (is_hybrid(m.kind)) {
    int init = m.angle_init_normal ? 1 : 0;
    if (ImGui::Combo("angle init", &init, "uniform(-s, s)\0normal(0, s^2)\0")) m.angle_init_normal = init == 1, changed = true;
    changed |= ImGui::SliderFloat("init scale s", &m.angle_init_scale, 0.01f, 3.1416f, "%.3f");
    if (m.kind != ModelKind::tqfnn) {
      changed |= ImGui::SliderFloat("lambda init", &m.lambda_init, -2.0f, 2.0f, "%.3f");
      changed |= ImGui::Checkbox("train lambda", &m.train_lambda);
      if (m.kind == ModelKind::qdfnn) changed |= ImGui::Checkbox("dense lambda = init / l", &m.dense_lambda_inverse);
    }
    changed |= ImGui::Checkbox("renormalise states", &m.renormalize);
  } else if (m.kind == ModelKind::mlp_leaky) {
    changed |= ImGui::SliderFloat("leaky slope", &m.leaky_slope, 0.0f, 0.5f, "%.3f");
  }
}

static void draw_training_section(App& app, bool& changed) {
  ImGui::Separator();
  ImGui::TextDisabled("Training");
  TrainOptions& t = app.settings.train;
  int opt = t.optimizer.kind == OptimizerKind::sgd ? 1 : 0;
  if (ImGui::Combo("optimiser", &opt, "adam\0sgd\0")) {
    t.optimizer.kind = opt ? OptimizerKind::sgd : OptimizerKind::adam;
    changed = true;
  }
  float lr = static_cast<float>(t.optimizer.lr);
  if (ImGui::SliderFloat("learning rate", &lr, 1e-4f, 1.0f, "%.4g", ImGuiSliderFlags_Logarithmic)) {
    t.optimizer.lr = lr;
    changed = true;
  }
  if (t.optimizer.kind == OptimizerKind::sgd) {
    float momentum = static_cast<float>(t.optimizer.momentum);
    if (ImGui::SliderFloat("momentum", &momentum, 0.0f, 0.99f, "%.2f")) t.optimizer.momentum = momentum, changed = true;
  }
  changed |= ImGui::SliderInt("batch", &t.batch, 1, 256);
  changed |= ImGui::InputInt("epochs", &t.epochs, 10, 100);
  if (t.epochs < 1) t.epochs = 1;
  int seed = static_cast<int>(app.settings.seed());
  if (ImGui::InputInt("seed", &seed)) {
    app.settings.set_seed(static_cast<uint64_t>(seed < 0 ? 0 : seed));
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
    ImGui::InputText("##model", app.model_path, sizeof app.model_path);
    ImGui::SameLine();
    if (ImGui::Button("Import")) {
      try {
        app.import_model_text(platform::read_text_file(app.model_path));
      } catch (const std::exception& e) {
        app.status_line = e.what();
      }
    }
  }
  ImGui::TextDisabled("The address bar holds every setting:\ncopy the link to share this run.");
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
