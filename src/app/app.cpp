// Index of this file
//   [SECTION] Panel registry
//   [SECTION] App: construction and actions
//   [SECTION] Platform events (hash changes, opened files, downloads)
//   [SECTION] Status for the page
//   [SECTION] Layout
#include "app.hpp"

#include <algorithm>
#include <cstdio>

#include "core/json.hpp"
#include "data/csv_loader.hpp"
#include "imgui.h"
#include "panels.hpp"

namespace hqnn::app {

// [SECTION] Panel registry -----------------------------------------------------------------

const std::vector<PanelInfo>& panel_registry() {
  static const std::vector<PanelInfo> panels = {
      {"controls", "Data and model", PanelColumn::left, 1.0f, false, draw_controls_panel},
      {"curves", "Training curves", PanelColumn::middle, 0.45f, true, draw_curves_panel},
      {"diagnostics", "Confusion, gradients, lambda", PanelColumn::middle, 0.55f, false, draw_diagnostics_panel},
      {"boundary", "Decision boundary", PanelColumn::right, 0.5f, true, draw_boundary_panel},
      {"state", "State viewer", PanelColumn::right, 0.5f, true, draw_state_panel},
  };
  return panels;
}

// [SECTION] App: construction and actions --------------------------------------------------

App::App() {
  session_ = std::make_unique<TrainingSession>(platform::threads_available());
  const ParsedHash parsed = parse_hash(platform::read_hash());
  settings = parsed.settings;
  for (const std::string& e : parsed.errors) hash_errors += (hash_errors.empty() ? "" : "; ") + e;
  if (settings.dataset == "csv") {
    settings.dataset = "iris";
    status_line = "the link names a CSV file, which only its owner has: load it with \"Open CSV\"; showing iris";
  }
  snap = session_->snapshot();
  reset();
}

void App::reset() {
  Command c;
  c.kind = Command::Kind::reset;
  c.settings = settings;
  if (settings.dataset == "csv") c.data = user_data;
  session_->post(std::move(c));
  last_hash_ = to_hash(settings);
  platform::write_hash(last_hash_);
}

void App::post(Command::Kind kind) {
  Command c;
  c.kind = kind;
  session_->post(std::move(c));
}

void App::set_view(int sample, int feature_x, int feature_y) {
  settings.sample = sample;
  settings.feature_x = feature_x;
  settings.feature_y = feature_y;
  Command c;
  c.kind = Command::Kind::view;
  c.settings = settings;
  session_->post(std::move(c));
  last_hash_ = to_hash(settings);
  platform::write_hash(last_hash_);
}

void App::load_csv_text(const std::string& name, const std::string& text) {
  try {
    auto data = std::make_shared<Dataset>(parse_csv(text, name));
    data->validate();
    if (data->name.empty()) data->name = name;
    user_data = std::move(data);
    data_error.clear();
    settings.dataset = "csv";
    settings.feature_x = 0;
    settings.feature_y = std::min<int>(1, static_cast<int>(user_data->feature_count()) - 1);
    settings.sample = 0;
    reset();
    status_line = "loaded " + name + ": " + std::to_string(user_data->size()) + " samples, " +
                  std::to_string(user_data->feature_count()) + " features, " +
                  std::to_string(user_data->class_count()) + " classes";
  } catch (const std::exception& e) {
    data_error = e.what();
    status_line = "unusable CSV: " + data_error;
  }
}

void App::request_model_export() {
  post(Command::Kind::export_model);
  export_pending_ = true;
}

void App::import_model_text(const std::string& text) {
  Command c;
  c.kind = Command::Kind::import_model;
  c.text = text;
  session_->post(std::move(c));
}

void App::export_curves_csv() {
  if (!snap || snap->history.empty()) {
    status_line = "no curves yet: train at least one epoch";
    return;
  }
  std::string csv = "epoch,train_loss,train_accuracy,test_loss,test_accuracy";
  for (const std::string& name : snap->param_names) csv += ",grad_norm_mean:" + name;
  csv += "\n";
  char buf[64];
  for (const EpochRecord& r : snap->history) {
    std::snprintf(buf, sizeof buf, "%d", r.epoch);
    csv += buf;
    for (double v : {r.train_loss, r.train_accuracy, r.test_loss, r.test_accuracy}) {
      std::snprintf(buf, sizeof buf, ",%.9g", v);
      csv += buf;
    }
    for (double v : r.grad_norm_mean) {
      std::snprintf(buf, sizeof buf, ",%.9g", v);
      csv += buf;
    }
    csv += "\n";
  }
  status_line = platform::save_text("hqnn-curves.csv", csv, "text/csv");
}

// [SECTION] Platform events ----------------------------------------------------------------

void App::poll_platform() {
  std::string hash;
  if (platform::take_hash_change(hash) && hash != last_hash_) {
    const ParsedHash parsed = parse_hash(hash);
    hash_errors.clear();
    for (const std::string& e : parsed.errors) hash_errors += (hash_errors.empty() ? "" : "; ") + e;
    settings = parsed.settings;
    if (settings.dataset == "csv" && !user_data) settings.dataset = "iris";
    reset();
  }
  platform::OpenedFile file;
  while (platform::take_opened_file(file)) {
    if (file.kind == platform::FileKind::csv)
      load_csv_text(file.name, file.text);
    else
      import_model_text(file.text);
  }
  if (export_pending_ && snap->model_json_serial != saved_model_serial_) {
    saved_model_serial_ = snap->model_json_serial;
    export_pending_ = false;
    status_line = platform::save_text("hqnn-model.json", snap->model_json, "application/json");
  }
  if (!snap->message.empty() && snap->message != last_message_) status_line = snap->message;
  last_message_ = snap->message;
}

// [SECTION] Status for the page ------------------------------------------------------------

void App::record_frame_time(double ms) {
  if (frame_ms_.size() < 120)
    frame_ms_.push_back(ms);
  else
    frame_ms_[frame_index_++ % frame_ms_.size()] = ms;
}

void App::publish_status() {
  const double now = platform::now_ms();
  if (first_frame_ms_ < 0) first_frame_ms_ = now;
  if (now - last_status_ms_ < 100 && frames_ > 1) return;
  last_status_ms_ = now;
  const Snapshot& s = *snap;
  std::vector<double> sorted = frame_ms_;
  std::sort(sorted.begin(), sorted.end());
  Json j = Json::object();
  j.set("build", platform::build_name());
  j.set("threaded", session_->threaded());
  j.set("cross_origin_isolated", platform::cross_origin_isolated());
  j.set("frames", frames_);
  j.set("first_frame_ms", first_frame_ms_);
  j.set("frame_ms_median", sorted.empty() ? 0.0 : sorted[sorted.size() / 2]);
  j.set("run", static_cast<double>(s.run_id));
  j.set("dataset", s.dataset_name);
  j.set("model", model_kind_name(s.settings.model.kind));
  j.set("samples", s.train_size + s.test_size);
  j.set("classes", static_cast<int>(s.class_names.size()));
  j.set("epoch", static_cast<int>(s.history.size()));
  j.set("epochs", s.settings.train.epochs);
  j.set("playing", s.playing);
  j.set("done", s.done);
  j.set("train_accuracy", s.history.empty() ? 0.0 : s.history.back().train_accuracy);
  j.set("test_accuracy", s.history.empty() ? 0.0 : s.history.back().test_accuracy);
  j.set("test_loss", s.history.empty() ? 0.0 : s.history.back().test_loss);
  j.set("target_epoch", s.target_epoch);
  j.set("target_ms", s.target_ms);
  j.set("samples_per_second", s.samples_per_second);
  j.set("error", s.error.empty() ? data_error : s.error);
  j.set("status", status_line);
  j.set("hash", last_hash_);
  Json button = Json::array();
  for (float v : open_csv_button) button.push(static_cast<double>(v));
  j.set("open_csv_button", std::move(button));
  platform::publish_status(j.dump());

  if (s.target_epoch > 0 && logged_target_run_ != static_cast<int>(s.run_id)) {
    logged_target_run_ = static_cast<int>(s.run_id);
    char line[160];
    std::snprintf(line, sizeof line, "[hqnn] test accuracy >= 0.90 at epoch %d, %.0f ms after play (%s build)",
                  s.target_epoch, s.target_ms, platform::build_name());
    platform::log_line(line);
  }
}

// [SECTION] Layout -------------------------------------------------------------------------

void App::frame(float width, float height) {
  if (!session_->threaded()) session_->pump(8.0);  // the single-threaded build trains between frames
  snap = session_->snapshot();
  poll_platform();
  draw_layout(width, height);
  ++frames_;
  publish_status();
}

static void begin_panel(const char* title, ImVec2 pos, ImVec2 size, ImGuiWindowFlags extra = 0) {
  ImGui::SetNextWindowPos(pos);
  ImGui::SetNextWindowSize(size);
  ImGui::Begin(title, nullptr, ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse |
                                   ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus | extra);
}

void App::draw_layout(float width, float height) {
  const float toolbar_h = ImGui::GetFrameHeight() + 2 * ImGui::GetStyle().WindowPadding.y;
  begin_panel("##toolbar", ImVec2(0, 0), ImVec2(width, toolbar_h), ImGuiWindowFlags_NoTitleBar);
  draw_toolbar(*this);
  ImGui::End();

  const float top = toolbar_h, h = height - toolbar_h;
  const auto& registry = panel_registry();
  if (settings.embed) {
    std::vector<const PanelInfo*> shown;
    for (const PanelInfo& p : registry) {
      const bool named = std::find(settings.panels.begin(), settings.panels.end(), p.id) != settings.panels.end();
      if (settings.panels.empty() ? p.in_embed_default : named) shown.push_back(&p);
    }
    if (shown.empty()) return;
    const float w = width / static_cast<float>(shown.size());
    for (size_t i = 0; i < shown.size(); ++i) {
      begin_panel(shown[i]->title, ImVec2(w * i, top), ImVec2(w, h));
      shown[i]->draw(*this);
      ImGui::End();
    }
    return;
  }
  const float left_w = std::clamp(width * 0.24f, 260.0f, 340.0f);
  const float middle_w = (width - left_w) * 0.45f;
  const float x[3] = {0, left_w, left_w + middle_w};
  const float w[3] = {left_w, middle_w, width - left_w - middle_w};
  for (int column = 0; column < 3; ++column) {
    float total = 0;
    for (const PanelInfo& p : registry)
      if (static_cast<int>(p.column) == column) total += p.weight;
    float y = top;
    for (const PanelInfo& p : registry) {
      if (static_cast<int>(p.column) != column) continue;
      const float ph = h * p.weight / total;
      begin_panel(p.title, ImVec2(x[column], y), ImVec2(w[column], ph));
      p.draw(*this);
      ImGui::End();
      y += ph;
    }
  }
}

}  // namespace hqnn::app
