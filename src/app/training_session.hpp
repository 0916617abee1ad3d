// A training run that the UI drives by commands and watches through snapshots.
//
// The run is the one every surface runs (src/run): the session prepares the
// data with run::prepare_data and drives a run::RunLoop in time slices, so a
// link trains here exactly as `hqnn train --link` trains it (the parity tests
// in tests/app/test_run_parity.cpp compare the curves bit for bit). The
// session adds what only the playground has: the views, the mid-run attack
// switch, model import and export.
//
// Only one thread ever touches the run: a worker thread in the threaded
// builds, the main loop (a time budget per frame) in the single-threaded wasm
// build. The UI posts commands (play, pause, reset, ...) and reads immutable
// Snapshots, published at most every few tens of milliseconds, so it never
// waits for training. The views that evaluate many samples (confusion matrix,
// decision boundary) are redone only when the parameters changed, and at most
// a few times per second.
//
// Index of this file
//   [SECTION] Snapshot: everything the panels draw
//   [SECTION] Commands
//   [SECTION] TrainingSession
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "core/dataset.hpp"
#include "core/model.hpp"
#include "data/image_datasets.hpp"
#include "data/image_set.hpp"
#include "run/run_loop.hpp"
#include "url_state.hpp"

namespace hqnn::app {

// [SECTION] Snapshot -----------------------------------------------------------------------

// One test sample run through the model: ψ₀ … ψ_L (hybrid models) and the
// predicted class probabilities.
struct SampleView {
  int index = -1;                            // into the test set
  std::vector<Real> features;                // raw features, unscaled (with dataset noise)
  std::vector<Real> clean_features;          // the same before dataset noise (empty without noise)
  ImageShape image;                          // image data: features is this image
  std::vector<Real> encoded;                 // the vector amplitude encoding normalises into ψ₀ (hybrids)
  int label = -1, prediction = -1;
  std::vector<std::vector<Real>> states;     // states[l][i], l = 0..L; empty for MLPs
  std::vector<Real> probabilities;
};

// The model's class probabilities on a grid over two features, the other
// features held at their training-set mean.
struct BoundaryView {
  int feature_x = 0, feature_y = 1, resolution = 0;
  float x_min = 0, x_max = 1, y_min = 0, y_max = 1;
  std::vector<float> probabilities;          // [(row * resolution + col) * classes + c], row 0 at y_min
  std::vector<float> point_x, point_y;       // every sample, raw feature values (with dataset noise)
  std::vector<float> clean_x, clean_y;       // the same before dataset noise (empty without noise)
  std::vector<int> point_label;
  std::vector<char> point_is_test;
};

// What a parameter attack does to the model right now.
struct AttackView {
  bool active = false;                       // installed (from settings.run.attack_epoch on)
  std::vector<int> layers;                   // attacked layers (0-based)
  // Hybrids: per layer and gate, |c² + s² − 1| of the gates used in the last
  // forward pass: 0 for rotations (form ①), > 0 under form ②.
  std::vector<std::vector<Real>> orthogonality_error;
  double max_orthogonality_error = 0;
  int diverged_epoch = -1;                   // first epoch whose loss, a gradient or a parameter was not finite
  std::string diverged_block;                // the parameter block that went non-finite first ("" if only the loss)
};

struct Snapshot {
  uint64_t run_id = 0;                       // changes on every reset
  PlaygroundSettings settings;
  std::string error;                         // why the run could not start (shown instead of panels)

  // Data
  std::string dataset_name;
  std::vector<std::string> feature_names, class_names;
  int train_size = 0, test_size = 0;
  std::string scaling;                       // the feature scaling used (scale=auto: the one it chose)

  // Model
  bool hybrid = false;
  int width = 0, layers = 0;
  long parameter_count = 0;
  std::vector<std::vector<Real>> angles;     // angles[l][r]: gate r of layer l (l = 0..L-1), as stored
  std::vector<std::vector<Real>> lambdas;    // lambdas[l-1]: λ_{l,j} into ψ_l for its sources j = l-count .. l-1

  // Training
  bool playing = false, done = false;
  std::vector<EpochRecord> history;
  std::vector<std::string> param_names;
  std::vector<std::vector<double>> lambda_history;  // per epoch, all λ flattened
  std::vector<std::vector<int>> confusion;          // test set, [true][predicted]
  double samples_per_second = 0;             // training throughput of this run
  double samples_trained = 0, train_seconds = 0;  // its two terms, for a rate between two snapshots
  // Where the training thread's time goes (threaded build), in seconds: the wall
  // time since the run's first play; training; publishing snapshots since the
  // run was set up, paused or not, the heavy views (confusion matrix, decision
  // boundary) among them. Compare differences between two snapshots taken while playing.
  double play_seconds = 0, publish_seconds = 0, views_seconds = 0;
  double target_ms = -1;                     // wall time from first play to test accuracy >= 0.90
  int target_epoch = -1;

  SampleView sample;
  std::shared_ptr<const BoundaryView> boundary;    // tabular data; null for images
  AttackView attack;
  long noisy_values = 0;                     // values changed by dataset noise (train + test)
  double views_ms = 0;                       // time spent on the last refresh of the heavy views

  std::string model_json;                    // the latest export (see Command::export_model)
  uint64_t model_json_serial = 0;
  uint64_t import_serial = 0;                // changes when a model file replaced the run (settings.run is its run)
  std::string message;                       // the latest notice (import done, ...)
};

// [SECTION] Commands -----------------------------------------------------------------------

struct Command {
  // attack: applies settings.run.attack and attack_epoch to the running model without a reset.
  enum class Kind { reset, play, pause, step_epoch, view, attack, export_model, import_model };
  Kind kind = Kind::play;
  PlaygroundSettings settings;               // reset, view (sample, feature_x, feature_y), attack
  std::shared_ptr<const Dataset> data;       // reset: the user's CSV (all samples, raw); null keeps the current one
  std::string text;                          // import_model: the JSON file
  std::shared_ptr<const ImageData> images;   // reset with image data: the train and test sets
};

// [SECTION] TrainingSession ----------------------------------------------------------------

// What the playground can show: the views stay readable and their draw lists
// small up to these sizes. Larger runs are refused with a message that points
// to the CLI, which has no such limits.
inline constexpr int kPlaygroundMaxWidth = 4096;    // amplitudes n of the state
inline constexpr int kPlaygroundMaxClasses = 32;    // confusion matrix, palette, probability bars
// Throw InputError with a message when the data or the model is beyond them.
void check_playground_classes(long classes, const std::string& data_name);
void check_playground_width(const ModelOptions& model, long features);  // width 0: from the features

// The image set a run asks for (data.classes, per-class counts, downsampling),
// made from the committed subset files the page fetched (subset_image_data).
ImageData playground_image_data(const ImageSet& train, const ImageSet& test, const run::DataSpec& data);
// The run's data as the playground holds it: the image sets the page fetched,
// the user's CSV as the page read it, or the built-in iris; run::prepare_data
// does the rest, as for the CLI. InputError when the data named is not loaded.
run::SourceData playground_source_data(const run::DataSpec& data, const Dataset* user_csv, const ImageData* images);

class TrainingSession {
 public:
  // threaded: train on a worker thread; otherwise the owner calls pump() every frame.
  explicit TrainingSession(bool threaded);
  ~TrainingSession();
  TrainingSession(const TrainingSession&) = delete;
  TrainingSession& operator=(const TrainingSession&) = delete;

  void post(Command command);
  // Single-threaded builds: applies commands and trains for about budget_ms.
  void pump(double budget_ms);
  std::shared_ptr<const Snapshot> snapshot() const;
  bool threaded() const { return threaded_; }

 private:
  using Clock = std::chrono::steady_clock;
  void worker_loop();
  void apply(const Command& command);
  void reset(const PlaygroundSettings& settings, std::shared_ptr<const Dataset> data,
             std::shared_ptr<const ImageData> images);
  void train_for(double budget_ms);
  std::string export_model_json();
  void import_model_json(const std::string& text);
  void publish(bool force);
  void compute_sample_view(Snapshot& s);
  void compute_attack_view(Snapshot& s);
  void refresh_heavy_views();                // confusion matrix and decision boundary
  std::shared_ptr<const BoundaryView> compute_boundary_view();
  void on_epoch_end();
  void clamp_feature_axes();
  Matrix to_model_inputs(Matrix raw) const;  // applies the run's feature scaling
  Real unscaled(Real value, Index feature) const;

  const bool threaded_;
  std::thread worker_;
  mutable std::mutex mutex_;                 // guards commands_, quit_, snapshot_
  std::condition_variable wake_;
  std::deque<Command> commands_;
  bool quit_ = false;
  std::shared_ptr<const Snapshot> snapshot_;

  // Owned by the training thread only.
  PlaygroundSettings settings_;
  std::shared_ptr<const Dataset> user_csv_;  // the user's CSV: all samples, raw
  std::shared_ptr<const ImageData> images_;  // image data: train and test sets
  std::string dataset_name_;
  std::vector<std::string> feature_names_, class_names_;
  std::unique_ptr<run::RunLoop> loop_;       // data, model, trainer; null when the run could not start
  std::string error_, message_;
  uint64_t run_id_ = 0;
  bool playing_ = false;
  int step_epochs_ = 0;                      // epochs left to run by "step"
  bool dirty_ = true;
  bool views_stale_ = true;                  // parameters or view settings changed since the heavy views
  Clock::time_point last_publish_{}, last_views_{};
  std::vector<std::vector<int>> confusion_;
  std::shared_ptr<const BoundaryView> boundary_;
  double views_ms_ = 0;
  double train_seconds_ = 0, publish_seconds_ = 0, views_seconds_ = 0;
  long long samples_trained_ = 0;
  bool clock_started_ = false;
  Clock::time_point first_play_{};
  double target_ms_ = -1;
  int target_epoch_ = -1;
  std::vector<std::vector<double>> lambda_history_;
  std::string model_json_;
  uint64_t model_json_serial_ = 0;
  uint64_t import_serial_ = 0;
};

}  // namespace hqnn::app
