// The playground app: settings being edited, the training session, the
// latest snapshot, and the panels that draw them.
//
// Adding a panel: write panel_<name>.cpp with a draw function, declare it in
// panels.hpp and add one line to panel_registry() in app.cpp with the column
// it lives in.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "platform.hpp"
#include "training_session.hpp"
#include "url_state.hpp"

namespace hqnn::app {

class App;

// Where a panel goes in the full layout; the embed layout puts the chosen
// panels side by side under the toolbar.
enum class PanelColumn { left, middle, right };

struct PanelInfo {
  const char* id;          // used in the hash: panels=boundary,curves
  const char* title;
  PanelColumn column;
  float weight;            // share of the column's height
  bool in_embed_default;   // shown in embed mode when the hash names no panels
  void (*draw)(App& app);
};
const std::vector<PanelInfo>& panel_registry();

class App {
 public:
  App();
  // One frame of UI; the caller owns the ImGui frame (NewFrame / Render).
  void frame(float width, float height);

  // [SECTION] State the panels read and edit
  PlaygroundSettings settings;                 // as edited; reset() starts a run with them
  std::shared_ptr<const Snapshot> snap;        // what training last published
  std::shared_ptr<const Dataset> user_data;    // the user's CSV, once loaded
  std::string status_line;                     // the latest notice for the toolbar
  std::string data_error;                      // why the user's CSV is unusable
  std::string hash_errors;
  char csv_path[512] = "";                     // desktop: CSV path field
  char model_path[512] = "hqnn-model.json";    // desktop: model file path field
  bool heat_strips = false;                    // state viewer: heat strips instead of signed bars
  float open_csv_button[4] = {0, 0, 0, 0};     // x, y, w, h of "Open CSV...", published for browser tests

  // [SECTION] Actions
  void reset();                                // new run from `settings` (keeps playing if it was)
  void post(Command::Kind kind);
  void set_view(int sample, int feature_x, int feature_y);
  void load_csv_text(const std::string& name, const std::string& text);
  void request_model_export();
  void import_model_text(const std::string& text);
  void export_curves_csv();
  TrainingSession& session() { return *session_; }

  // Frame timing for the status object (milliseconds of CPU per frame).
  void record_frame_time(double ms);

 private:
  void poll_platform();
  void publish_status();
  void draw_layout(float width, float height);

  std::unique_ptr<TrainingSession> session_;
  std::string last_hash_;
  uint64_t saved_model_serial_ = 0;
  bool export_pending_ = false;
  std::string last_message_;
  std::vector<double> frame_ms_;              // ring of recent frame times
  size_t frame_index_ = 0;
  long frames_ = 0;
  double first_frame_ms_ = -1;
  double last_status_ms_ = -1e9;
  int logged_target_run_ = -1;
};

}  // namespace hqnn::app
