// The playground app: settings being edited, the training session, the
// latest snapshot, and the panels that draw them.
//
// Adding a panel: write panel_<name>.cpp with a draw function, declare it in
// panels.hpp and add one line to panel_registry() in app.cpp with the column
// it lives in.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/attack.hpp"
#include "core/json.hpp"
#include "core/noise.hpp"
#include "data/image_set.hpp"
#include "frame_pacer.hpp"
#include "layer_circuit.hpp"
#include "magnitude_sweep.hpp"
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
  bool (*visible)(const App& app);  // null: always shown
};
const std::vector<PanelInfo>& panel_registry();

// The lab's noise and attack settings, kept while they are switched off.
struct LabDrafts {
  DatasetNoiseOptions noise;
  AttackOptions attack;
};

// How the state viewer shows the states.
struct StateViewerChoices {
  bool heat_strips = false;                    // heat strips instead of signed bars
  bool qubit_view = false;                     // the layers as quantum circuits
  int qubit_layer = 0;                         // the layer the qubit view shows
  QubitViewCache qubit_cache;                  // its circuit and cost, kept between frames
};

// The live map (settings.map): its sweep, advanced a few ms every frame while running.
struct LiveMap {
  std::unique_ptr<MagnitudeSweep> sweep;       // null without a map, or when it cannot sweep
  bool running = false;
  std::string error;                           // why the map cannot sweep this run
};

// What the toolbar and the controls tell the user.
struct Notices {
  std::string status;                          // the latest notice for the toolbar
  std::string data_error;                      // why the user's CSV (or the image files) is unusable
  std::string hash_errors;                     // what the link got wrong
  std::string command_line;                    // the last "Copy as command" (shown in the options panel)
};

// x, y, w, h of the widgets the browser tests click, published in the status.
struct ClickTargets {
  float qubit_toggle[4] = {0, 0, 0, 0};        // the state viewer's "qubit view" checkbox
  float open_csv[4] = {0, 0, 0, 0};            // "Open CSV..."
  float copy_command[4] = {0, 0, 0, 0};        // "Copy as command"
  static void record_last_item(float (&rect)[4]);  // the rectangle of the ImGui item drawn last
};

// Desktop: the file path fields.
struct DesktopFiles {
  char csv[512] = "";
  char model[512] = "hqnn-model.json";
};

// A run as the page's status shows it, in the run record's pieces
// (run_writers.hpp, the keys of `hqnn train --json`): its spec, data, scaling
// and sample counts, the last epoch's record, dataset noise and the attack
// (the lab's drafts while they are off), and what only a live run has.
Json run_status(const Snapshot& s, const LabDrafts& drafts);

class App {
 public:
  App();
  // One frame of UI; the caller owns the ImGui frame (NewFrame / Render).
  void frame(float width, float height);

  // [SECTION] State the panels read and edit
  PlaygroundSettings settings;                 // as edited; reset() starts a run with them
  std::shared_ptr<const Snapshot> snap;        // what training last published
  std::shared_ptr<const Snapshot> arena_snap;  // the arena's second model (settings.arena), else null
  std::shared_ptr<const Dataset> user_data;    // the user's CSV, once loaded
  int lesson = 0;                              // the open guided lesson (lessons.hpp), 0: none
  LabDrafts drafts;
  StateViewerChoices viewer;
  LiveMap live_map;
  FramePacer pacer;  // the web main loop asks it whether to draw (frame_pacer.hpp)
  // A run plays on threads of its own: the threaded builds, not while the live map's sweep runs in the frames.
  bool training_on_own_threads() const;
  Notices notices;
  ClickTargets click_targets;
  DesktopFiles desktop_files;

  // [SECTION] Actions
  void reset();                                // new run from `settings` (keeps playing if it was)
  void post(Command::Kind kind);
  void set_view(int sample, int feature_x, int feature_y);
  void apply_attack();                         // settings.run.attack* to the running models, no reset
  void choose_dataset(const std::string& name);  // switches defaults between iris and image data
  void load_csv_text(const std::string& name, const std::string& text);
  void request_model_export();
  void import_model_text(const std::string& text);
  void export_curves_csv();
  void copy_command();                         // the `hqnn train` line of this run, to the clipboard
  void update_map();                           // settings.map / sweep to the link; a new sweep when its runs changed
  void open_lesson(int lesson);                // its run and text (0: closes the text, keeps the run)
  TrainingSession& session() { return *session_; }
  bool loading_images() const { return reset_pending_; }

  // Frame timing for the status object: ui_ms is the app's and ImGui's CPU
  // work (building the frame), frame_ms adds the GL submission (which waits
  // for a software GPU such as SwiftShader when its queue is full). In the
  // single-threaded build both include the training slice; the status reports
  // the UI share without it and the slice on its own.
  void record_frame_time(double ui_ms, double frame_ms);
  void set_startup_ms(double main_ms) { main_ms_ = main_ms; }

 private:
  void poll_platform();
  void publish_status();
  void draw_layout(float width, float height);
  void write_hash();
  // Image data for a reset: null while its files are still being fetched.
  std::shared_ptr<const ImageData> image_data(const run::DataSpec& data);
  void take_assets();

  std::unique_ptr<TrainingSession> session_, arena_;
  std::map<std::string, ImageSet> image_files_;                          // by file name
  std::map<std::string, std::string> asset_errors_;                      // by file name
  std::map<std::string, std::shared_ptr<const ImageData>> image_data_;   // by the data options of the link
  std::vector<std::string> requested_assets_;
  bool reset_pending_ = false;                 // a reset waits for image files
  std::string last_hash_;
  uint64_t saved_model_serial_ = 0;
  uint64_t import_serial_ = 0;
  bool export_pending_ = false;
  std::string last_message_;
  std::vector<double> frame_ms_, ui_ms_;      // rings of recent frame times
  std::vector<double> pump_ms_;               // single-threaded build: training inside the frame
  double last_pump_ms_ = 0;
  size_t frame_index_ = 0;
  double main_ms_ = -1;
  long frames_ = 0;
  double first_frame_ms_ = -1;
  double last_status_ms_ = -1e9;
  int logged_target_run_ = -1;
};

}  // namespace hqnn::app
