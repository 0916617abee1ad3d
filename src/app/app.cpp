// Index of this file
//   [SECTION] Panel registry
//   [SECTION] App: construction and actions
//   [SECTION] Platform events (hash changes, opened files, downloads)
//   [SECTION] Status for the page
//   [SECTION] Layout
#include "app.hpp"

#include <algorithm>
#include <cstdio>

#include "copy_command.hpp"
#include "core/json.hpp"
#include "core/trainer.hpp"
#include "data/csv_loader.hpp"
#include "imgui.h"
#include "lessons.hpp"
#include "panels.hpp"
#include "run/options/option_table.hpp"
#include "run/run_writers.hpp"

namespace hqnn::app {

// [SECTION] Panel registry -----------------------------------------------------------------

const std::vector<PanelInfo>& panel_registry() {
  static const std::vector<PanelInfo> panels = {
      {"lesson", "Lesson", PanelColumn::left, 0.42f, true, draw_lesson_panel,
       [](const App& app) { return app.lesson > 0; }},
      {"controls", "Data and model", PanelColumn::left, 0.62f, false, draw_controls_panel, nullptr},
      {"lab", "Robustness lab: noise and attacks", PanelColumn::left, 0.38f, false, draw_lab_panel, nullptr},
      {"curves", "Training curves", PanelColumn::middle, 0.45f, true, draw_curves_panel, nullptr},
      {"diagnostics", "Confusion, gradients, lambda", PanelColumn::middle, 0.55f, false, draw_diagnostics_panel,
       [](const App& app) { return !app.settings.arena && !app.settings.map; }},
      {"arena", "Arena: hybrid vs classical", PanelColumn::middle, 0.55f, false, draw_arena_panel,
       [](const App& app) { return app.settings.arena; }},
      {"map", "Robustness map: accuracy against attack magnitude", PanelColumn::middle, 0.55f, true, draw_map_panel,
       [](const App& app) { return app.settings.map; }},
      {"boundary", "Decision boundary", PanelColumn::right, 0.5f, true, draw_boundary_panel,
       [](const App& app) { return !app.settings.image(); }},
      {"image", "Image, encoded features", PanelColumn::right, 0.5f, true, draw_image_panel,
       [](const App& app) { return app.settings.image(); }},
      {"state", "State viewer", PanelColumn::right, 0.5f, true, draw_state_panel, nullptr},
  };
  return panels;
}

static bool panel_visible(const PanelInfo& p, const App& app) { return !p.visible || p.visible(app); }

// Drawn in this layout: embed mode shows the panels the hash names (or the embed defaults).
static bool panel_shown(const PanelInfo& p, const App& app) {
  if (!panel_visible(p, app)) return false;
  if (!app.settings.embed) return true;
  const auto& named = app.settings.panels;
  return named.empty() ? p.in_embed_default : std::find(named.begin(), named.end(), p.id) != named.end();
}

// [SECTION] App: construction and actions --------------------------------------------------

App::App() {
  session_ = std::make_unique<TrainingSession>(platform::threads_available());
  const LessonLink lesson_link = take_lesson_key(platform::read_hash());
  const ParsedHash parsed = parse_hash(lesson_link.hash);
  settings = parsed.settings;
  lesson = lesson_link.lesson;
  if (lesson > 0) viewer.qubit_view = lessons()[lesson - 1].qubit_view;
  if (!lesson_link.error.empty()) notices.hash_errors = lesson_link.error;
  for (const std::string& e : parsed.errors) notices.hash_errors += (notices.hash_errors.empty() ? "" : "; ") + e;
  if (!settings.image() && settings.dataset() != "iris") {
    notices.status = "the link names the CSV file " + settings.dataset() +
                  ", which only its owner has: load it with \"Open CSV\"; showing iris";
    settings.run.data.name = "iris";
  }
  snap = session_->snapshot();
  live_map.running = settings.map;  // a map link shows its map
  reset();
}

void App::write_hash() {
  last_hash_ = to_hash(settings) + lesson_key(lesson);
  platform::write_hash(last_hash_);
}

void App::reset() {
  update_map();
  Command c;
  c.kind = Command::Kind::reset;
  c.settings = settings;
  if (!settings.image() && settings.dataset() != "iris") c.data = user_data;
  if (settings.image()) {
    c.images = image_data(settings.run.data);
    reset_pending_ = !c.images && notices.data_error.empty();
    if (reset_pending_) {
      notices.status = "loading the " + settings.dataset() + " images...";
      return;
    }
    if (!c.images) return;
  }
  if (settings.arena) {
    if (!arena_) arena_ = std::make_unique<TrainingSession>(platform::threads_available());
    Command a = c;
    a.settings.run.model.kind = settings.arena_model;
    a.settings.arena = false;
    arena_->post(std::move(a));
  } else {
    arena_.reset();
    arena_snap.reset();
  }
  session_->post(std::move(c));
}

void App::update_map() {
  write_hash();
  if (!settings.map) {
    live_map.sweep.reset();
    live_map.running = false;
    live_map.error.clear();
    return;
  }
  if (live_map.sweep && live_map.sweep->runs_as(settings.run, settings.sweep)) return;
  live_map.sweep.reset();
  live_map.error.clear();
  try {
    validate_sweep(settings.sweep, settings.run);
    const run::SourceData source = playground_source_data(settings.run.data, user_data.get(), nullptr);
    live_map.sweep = std::make_unique<MagnitudeSweep>(settings.run, settings.sweep, source);
  } catch (const std::exception& e) {
    live_map.error = e.what();
  }
}

void App::post(Command::Kind kind) {
  Command c;
  c.kind = kind;
  if (arena_) arena_->post(c);
  session_->post(std::move(c));
}

void App::apply_attack() {
  write_hash();
  Command c;
  c.kind = Command::Kind::attack;
  c.settings = settings;
  if (arena_) arena_->post(c);
  session_->post(std::move(c));
}

void App::choose_dataset(const std::string& name) {
  if (name == settings.dataset()) return;
  const run::DataKind kind = run::data_kind_of(name);
  if (kind != settings.run.data_kind()) {  // the other kind of data: start from its defaults, keep the seed and lab settings
    PlaygroundSettings fresh = default_settings(kind);
    run::set_seed(fresh.run, settings.run.seed());
    fresh.autoplay = settings.autoplay;
    if (settings.run.noise) {
      fresh.run.noise = run::default_noise(kind);
      fresh.run.noise->kind = settings.run.noise->kind;
    }
    fresh.run.attack = settings.run.attack;
    fresh.arena = settings.arena;
    settings = fresh;
  }
  settings.run.data.name = name;
  notices.data_error.clear();
  reset();
}

// [SECTION] Image data ---------------------------------------------------------------------

std::shared_ptr<const ImageData> App::image_data(const run::DataSpec& data) {
  std::string key = data.name + "/" + std::to_string(data.downsample) + "/" + std::to_string(data.train_per_class) +
                    "/" + std::to_string(data.test_per_class) + "/";
  for (int c : data.classes) key += std::to_string(c) + ",";
  if (auto it = image_data_.find(key); it != image_data_.end()) return it->second;
  const std::string files[2] = {image_subset_file(data.name, true), image_subset_file(data.name, false)};
  bool ready = true;
  for (const std::string& f : files) {
    if (auto e = asset_errors_.find(f); e != asset_errors_.end()) {
      notices.data_error = e->second;
      return nullptr;
    }
    if (image_files_.count(f)) continue;
    ready = false;
    if (std::find(requested_assets_.begin(), requested_assets_.end(), f) == requested_assets_.end()) {
      requested_assets_.push_back(f);
      platform::request_asset(f);
    }
  }
  if (!ready) return nullptr;
  try {
    auto images = std::make_shared<const ImageData>(
        playground_image_data(image_files_.at(files[0]), image_files_.at(files[1]), data));
    image_data_[key] = images;
    return images;
  } catch (const std::exception& e) {
    notices.data_error = e.what();
    return nullptr;
  }
}

void App::take_assets() {
  platform::Asset asset;
  bool any = false;
  while (platform::take_asset(asset)) {
    any = true;
    if (!asset.error.empty()) {
      asset_errors_[asset.name] = asset.error;
      continue;
    }
    try {
      image_files_[asset.name] = parse_image_set(asset.bytes, "assets/" + asset.name);
    } catch (const std::exception& e) {
      asset_errors_[asset.name] = e.what();
    }
  }
  if (any && reset_pending_) {
    reset_pending_ = false;
    reset();
    if (!notices.data_error.empty()) notices.status = "cannot load the images: " + notices.data_error;
    else if (!reset_pending_) notices.status.clear();
  }
}

void App::set_view(int sample, int feature_x, int feature_y) {
  settings.sample = sample;
  settings.feature_x = feature_x;
  settings.feature_y = feature_y;
  Command c;
  c.kind = Command::Kind::view;
  c.settings = settings;
  session_->post(std::move(c));
  write_hash();
}

void App::load_csv_text(const std::string& name, const std::string& text) {
  try {
    CsvOptions csv;  // the link's label column and delimiter, as hqnn train --data FILE reads them
    csv.label_column = settings.run.data.label_column;
    csv.delimiter = settings.run.data.delimiter;
    auto data = std::make_shared<Dataset>(parse_csv(text, name, csv));
    data->validate();
    data->name = name;  // the file as the user named it (a path on the desktop), so that --data NAME finds it
    check_playground_classes(static_cast<long>(data->class_count()), data->name);
    user_data = std::move(data);
    notices.data_error.clear();
    if (settings.image()) {  // back to the tabular defaults
      const uint64_t seed = settings.run.seed();
      settings = default_settings(run::DataKind::tabular);
      run::set_seed(settings.run, seed);
    }
    settings.run.data.name = user_data->name;
    settings.feature_x = 0;
    settings.feature_y = std::min<int>(1, static_cast<int>(user_data->feature_count()) - 1);
    settings.sample = 0;
    reset();
    notices.status = "loaded " + name + ": " + std::to_string(user_data->size()) + " samples, " +
                  std::to_string(user_data->feature_count()) + " features, " +
                  std::to_string(user_data->class_count()) + " classes";
  } catch (const std::exception& e) {
    notices.data_error = e.what();
    notices.status = "unusable CSV: " + notices.data_error;
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
    notices.status = "no curves yet: train at least one epoch";
    return;
  }
  notices.status =
      platform::save_text("hqnn-curves.csv", run::curves_csv(snap->history, snap->param_names), "text/csv");
}

void App::copy_command() {
  notices.command_line = train_command_line(settings.run);
  platform::copy_to_clipboard(notices.command_line);
  notices.status = "copied the command line of this run";
}

void App::open_lesson(int n) {
  lesson = n;
  if (n == 0) {
    write_hash();
    return;
  }
  const Lesson& l = lessons().at(static_cast<size_t>(n - 1));
  settings = parse_hash(l.link).settings;
  viewer.qubit_view = l.qubit_view;
  viewer.qubit_layer = 0;
  reset();
}

// [SECTION] Platform events ----------------------------------------------------------------

void App::poll_platform() {
  std::string hash;
  if (platform::take_hash_change(hash) && hash != last_hash_) {
    const LessonLink lesson_link = take_lesson_key(hash);
    const ParsedHash parsed = parse_hash(lesson_link.hash);
    if (lesson_link.lesson > 0 && lesson_link.lesson != lesson)
      viewer.qubit_view = lessons()[lesson_link.lesson - 1].qubit_view;
    lesson = lesson_link.lesson;
    notices.hash_errors = lesson_link.error;
    for (const std::string& e : parsed.errors) notices.hash_errors += (notices.hash_errors.empty() ? "" : "; ") + e;
    settings = parsed.settings;
    if (!settings.image() && settings.dataset() != "iris" && !(user_data && user_data->name == settings.dataset()))
      settings.run.data.name = "iris";
    live_map.running = settings.map;  // as on load: a map link shows its map
    reset();
  }
  take_assets();
  platform::OpenedFile file;
  while (platform::take_opened_file(file)) {
    if (file.kind == platform::FileKind::csv)
      load_csv_text(file.name, file.text);
    else
      import_model_text(file.text);
  }
  if (snap->import_serial != import_serial_) {  // the imported model's run is now the run: the link says so
    import_serial_ = snap->import_serial;
    settings.run = snap->settings.run;
    write_hash();
  }
  if (export_pending_ && snap->model_json_serial != saved_model_serial_) {
    saved_model_serial_ = snap->model_json_serial;
    export_pending_ = false;
    notices.status = platform::save_text("hqnn-model.json", snap->model_json, "application/json");
  }
  if (!snap->message.empty() && snap->message != last_message_) notices.status = snap->message;
  last_message_ = snap->message;
}

// [SECTION] Status for the page ------------------------------------------------------------

void App::record_frame_time(double ui_ms, double frame_ms) {
  ui_ms -= last_pump_ms_;  // the single-threaded build's training slice and the map's sweep are not UI work
  if (frame_ms_.size() < 120) {
    frame_ms_.push_back(frame_ms);
    ui_ms_.push_back(ui_ms);
    pump_ms_.push_back(last_pump_ms_);
  } else {
    frame_ms_[frame_index_ % frame_ms_.size()] = frame_ms;
    ui_ms_[frame_index_ % ui_ms_.size()] = ui_ms;
    pump_ms_[frame_index_ % pump_ms_.size()] = last_pump_ms_;
    ++frame_index_;
  }
}

static double median(std::vector<double> v) {
  if (v.empty()) return 0;
  std::nth_element(v.begin(), v.begin() + v.size() / 2, v.end());
  return v[v.size() / 2];
}

// The noise and attack of the status: the run's settings while on, the panel's drafts while off (the run
// record writes them once, under spec, and only while on).
static Json noise_status(const std::optional<DatasetNoiseOptions>& noise, uint64_t seed) {
  if (!noise) return Json();
  Json j = Json::object();
  j.set("kind", enum_name(noise->kind));
  j.set("magnitude", noise->magnitude);
  j.set("max_fraction", noise->max_fraction);
  j.set("on", noise->train && noise->test ? "both" : noise->train ? "train" : "test");
  j.set("seed", static_cast<unsigned long long>(seed));
  return j;
}

static Json attack_status(const std::optional<AttackOptions>& attack, const std::vector<int>& attacked_layers) {
  if (!attack) return Json();
  Json j = Json::object();
  j.set("form", enum_name(attack->form));
  j.set("noise", enum_name(attack->noise));
  j.set("magnitude", attack->magnitude);
  j.set("mode", enum_name(attack->mode));
  Json layers = Json::array();
  for (int l : attacked_layers) layers.push(l);
  j.set("layers", layers);
  j.set("seed", static_cast<unsigned long long>(attack->seed));
  return j;
}

Json run_status(const Snapshot& s, const LabDrafts& drafts) {
  const run::RunSpec& spec = s.settings.run;
  Json j = Json::object();
  j.set("spec", run::spec_to_json(spec));
  j.set("data", s.dataset_name);
  j.set("scaling", s.scaling);
  j.set("train_samples", s.train_size);
  j.set("test_samples", s.test_size);
  j.set("classes", static_cast<int>(s.class_names.size()));
  j.set("epochs", spec.train.epochs);
  j.set("epoch", static_cast<int>(s.history.size()));  // epochs done
  if (!s.history.empty()) {  // train_loss, train_accuracy, test_loss, test_accuracy, ... of the last epoch
    const Json last = epoch_record_json(s.history.back());
    for (const auto& [key, value] : last.members()) j.set(key, value);
  }
  Json noise = noise_status(spec.noise ? spec.noise : drafts.noise, spec.noise_seed);
  noise.set("enabled", spec.noise.has_value());
  noise.set("noisy_values", static_cast<double>(s.noisy_values));
  j.set("noise", std::move(noise));
  Json attack = attack_status(spec.attack ? spec.attack : drafts.attack, s.attack.layers);
  attack.set("enabled", spec.attack.has_value());
  attack.set("active", s.attack.active);
  attack.set("from_epoch", spec.attack_epoch);
  attack.set("max_orthogonality_error", s.attack.max_orthogonality_error);
  attack.set("diverged_epoch", s.attack.diverged_epoch);
  j.set("attack", std::move(attack));
  j.set("playing", s.playing);
  j.set("done", s.done);
  j.set("error", s.error);
  return j;
}

static Json map_status(const LiveMap& live_map) {
  const MagnitudeSweep* sweep = live_map.sweep.get();
  const std::string& error = live_map.error;
  Json map = Json::object();
  map.set("running", live_map.running && sweep && !sweep->done());
  map.set("runs", sweep ? static_cast<int>(sweep->runs().size()) : 0);
  map.set("done", sweep && sweep->done());
  map.set("error", error.empty() && sweep ? sweep->error() : error);
  map.set("chance", sweep ? sweep->chance() : 0.0);
  Json points = Json::array();
  if (sweep)
    for (const SweepPoint& p : sweep->points()) {
      Json point = Json::object();
      point.set("model", model_kind_name(p.model));
      point.set("magnitude", p.magnitude);
      point.set("seed", static_cast<double>(p.seed));
      point.set("average_accuracy", p.average_accuracy);
      point.set("final_accuracy", p.final_accuracy);
      point.set("diverged", p.diverged);
      points.push(std::move(point));
    }
  map.set("points", std::move(points));
  return map;
}

void ClickTargets::record_last_item(float (&rect)[4]) {
  const ImVec2 at = ImGui::GetItemRectMin(), size = ImGui::GetItemRectSize();
  rect[0] = at.x, rect[1] = at.y, rect[2] = size.x, rect[3] = size.y;
}

static Json rect_json(const float (&rect)[4]) {  // x, y, w, h of a widget, for the browser tests' clicks
  Json a = Json::array();
  for (float v : rect) a.push(static_cast<double>(v));
  return a;
}

// The page's status object (window.hqnnStatus, read by the browser tests and
// the docs): the page's timing and widgets, and the run in run_status's keys.
void App::publish_status() {
  const double now = platform::now_ms();
  if (first_frame_ms_ < 0) first_frame_ms_ = now;
  if (now - last_status_ms_ < 100 && frames_ > 1) return;
  last_status_ms_ = now;
  const Snapshot& s = *snap;
  Json j = run_status(s, drafts);
  j.set("build", platform::build_name());
  j.set("threaded", session_->threaded());
  j.set("cross_origin_isolated", platform::cross_origin_isolated());
  j.set("frames", frames_);
  j.set("paced_frame_ms", pacer.frame_ms());  // the frame pacer's average drawn frame (frame_pacer.hpp)
  j.set("slow_drawing", pacer.slow());
  j.set("main_ms", main_ms_);
  j.set("first_frame_ms", first_frame_ms_);
  j.set("frame_ms_median", median(frame_ms_));
  j.set("ui_ms_median", median(ui_ms_));
  j.set("train_slice_ms_median", median(pump_ms_));
  j.set("views_ms", s.views_ms);
  j.set("loading", reset_pending_);
  j.set("run", static_cast<double>(s.run_id));
  j.set("target_epoch", s.target_epoch);
  j.set("target_ms", s.target_ms);
  j.set("samples_per_second", s.samples_per_second);
  j.set("samples_trained", s.samples_trained);
  j.set("train_seconds", s.train_seconds);
  j.set("play_seconds", s.play_seconds);
  j.set("publish_seconds", s.publish_seconds);
  j.set("views_seconds", s.views_seconds);
  j.set("image", s.sample.image.is_image());
  if (s.sample.image.is_image()) {
    Json shape = Json::array();
    for (int v : {s.sample.image.channels, s.sample.image.height, s.sample.image.width}) shape.push(v);
    j.set("image_shape", std::move(shape));
  }
  if (arena_snap) j.set("arena", run_status(*arena_snap, drafts));
  if (settings.map) j.set("map", map_status(live_map));
  j.set("error", s.error.empty() ? notices.data_error : s.error);
  j.set("status", notices.status);
  j.set("hash", last_hash_);
  j.set("command", notices.command_line);
  j.set("lesson", lesson);
  Json panels = Json::array();
  for (const PanelInfo& p : panel_registry())
    if (panel_shown(p, *this)) panels.push(p.id);
  j.set("panels", std::move(panels));
  {
    Json q = Json::object();  // what the state viewer's qubit view shows
    const bool shown = viewer.qubit_view && viewer.qubit_cache.cost_width == s.width && s.hybrid;
    q.set("shown", shown);
    q.set("layer", shown ? viewer.qubit_cache.circuit.layer : -1);
    q.set("qubits", shown ? viewer.qubit_cache.circuit.compiled.qubits : 0);
    q.set("gates", shown ? viewer.qubit_cache.cost.stats.gates() : 0);
    q.set("cnots", shown ? viewer.qubit_cache.cost.stats.cnots : 0);
    q.set("depth", shown ? viewer.qubit_cache.cost.stats.depth : 0);
    q.set("toggle", rect_json(click_targets.qubit_toggle));
    j.set("qubit_view", std::move(q));
  }
  j.set("open_csv_button", rect_json(click_targets.open_csv));
  j.set("copy_command_button", rect_json(click_targets.copy_command));
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

static constexpr double kSweepBudgetMs = 5.0;  // per frame: the page stays responsive beside the main training

bool App::training_on_own_threads() const {
  if (!session_->threaded() || (live_map.running && live_map.sweep && !live_map.sweep->done())) return false;
  const std::shared_ptr<const Snapshot> main_run = session_->snapshot();
  const std::shared_ptr<const Snapshot> arena_run = arena_ ? arena_->snapshot() : nullptr;
  return (main_run && main_run->playing) || (arena_run && arena_run->playing);
}

void App::frame(float width, float height) {
  if (!session_->threaded()) {  // the single-threaded build trains between frames, ~8 ms per frame
    const double start = platform::now_ms();
    session_->pump(arena_ ? 4.0 : 8.0);
    if (arena_) arena_->pump(4.0);
    last_pump_ms_ = platform::now_ms() - start;
  } else {
    last_pump_ms_ = 0;
  }
  // Every build: the sweep's runs are short, a few ms per frame.
  if (live_map.running && live_map.sweep && !live_map.sweep->done()) {
    const double start = platform::now_ms();
    live_map.sweep->advance(kSweepBudgetMs);
    last_pump_ms_ += platform::now_ms() - start;
  }
  snap = session_->snapshot();
  if (arena_) arena_snap = arena_->snapshot();
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
    for (const PanelInfo& p : registry)
      if (panel_shown(p, *this)) shown.push_back(&p);
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
      if (static_cast<int>(p.column) == column && panel_visible(p, *this)) total += p.weight;
    float y = top;
    for (const PanelInfo& p : registry) {
      if (static_cast<int>(p.column) != column || !panel_visible(p, *this)) continue;
      const float ph = h * p.weight / total;
      begin_panel(p.title, ImVec2(x[column], y), ImVec2(w[column], ph));
      p.draw(*this);
      ImGui::End();
      y += ph;
    }
  }
}

}  // namespace hqnn::app
