#include "training_session.hpp"

#include <algorithm>
#include <cmath>

#include "core/attack.hpp"
#include "core/metrics.hpp"
#include "core/model_io.hpp"
#include "data/csv_loader.hpp"

namespace hqnn::app {

namespace {
constexpr double kPublishIntervalMs = 33;    // ~30 snapshots per second while training
constexpr double kViewsIntervalMs = 250;     // heavy views at most 4 times per second ...
constexpr double kViewsShare = 0.1;          // ... and at most ~10% of the time (image data)
constexpr double kWorkerSliceMs = 20;        // training between two looks at the command queue
constexpr double kTargetAccuracy = 0.90;
constexpr int kBoundaryResolution = 48;
}  // namespace

TrainingSession::TrainingSession(bool threaded) : threaded_(threaded) {
  snapshot_ = std::make_shared<Snapshot>();
  if (threaded_) worker_ = std::thread([this] { worker_loop(); });
}

TrainingSession::~TrainingSession() {
  if (!threaded_) return;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    quit_ = true;
  }
  wake_.notify_all();
  worker_.join();
}

void TrainingSession::post(Command command) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    commands_.push_back(std::move(command));
  }
  wake_.notify_all();
}

std::shared_ptr<const Snapshot> TrainingSession::snapshot() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return snapshot_;
}

// [SECTION] The training thread ------------------------------------------------------------

void TrainingSession::worker_loop() {
  for (;;) {
    std::deque<Command> commands;
    {
      std::unique_lock<std::mutex> lock(mutex_);
      // playing_ and step_epochs_ are only written by this thread.
      wake_.wait(lock, [&] { return quit_ || !commands_.empty() || playing_ || step_epochs_ > 0; });
      if (quit_) return;
      commands.swap(commands_);
    }
    for (const Command& c : commands) apply(c);
    train_for(kWorkerSliceMs);
    publish(!playing_);
  }
}

void TrainingSession::pump(double budget_ms) {
  std::deque<Command> commands;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    commands.swap(commands_);
  }
  for (const Command& c : commands) apply(c);
  train_for(budget_ms);
  publish(!playing_);
}

void TrainingSession::apply(const Command& command) {
  dirty_ = true;
  switch (command.kind) {
    case Command::Kind::reset:
      reset(command.settings, command.data, command.images);
      break;
    case Command::Kind::play:
      playing_ = trainer_ && !trainer_->done();
      if (playing_ && !clock_started_) {
        clock_started_ = true;
        first_play_ = Clock::now();
      }
      break;
    case Command::Kind::pause:
      playing_ = false;
      break;
    case Command::Kind::step_epoch:
      playing_ = false;
      if (trainer_ && !trainer_->done()) step_epochs_ = 1;
      break;
    case Command::Kind::view:
      settings_.sample = command.settings.sample;
      settings_.feature_x = command.settings.feature_x;
      settings_.feature_y = command.settings.feature_y;
      views_stale_ = true;
      break;
    case Command::Kind::attack:
      settings_.attack_enabled = command.settings.attack_enabled;
      settings_.attack = command.settings.attack;
      settings_.attack_epoch = command.settings.attack_epoch;
      if (attack_installed_) {
        model_->clear_attack();
        attack_installed_ = false;
      }
      update_attack();
      break;
    case Command::Kind::export_model:
      if (!model_) break;
      model_json_ = export_model_json();
      ++model_json_serial_;
      break;
    case Command::Kind::import_model:
      import_model_json(command.text);
      break;
  }
}

void check_playground_classes(long classes, const std::string& data_name) {
  if (classes > kPlaygroundMaxClasses)
    throw InputError(data_name + " has " + std::to_string(classes) + " classes; the playground shows at most " +
                     std::to_string(kPlaygroundMaxClasses) +
                     " (is the right column the label? the CLI trains any number of classes: hqnn train --data FILE)");
}

void check_playground_width(const ModelOptions& model, long features) {
  const long width = static_cast<long>(effective_width(model, features));
  if (width > kPlaygroundMaxWidth)
    throw InputError("width n = " + std::to_string(width) + " is more than the playground shows (at most " +
                     std::to_string(kPlaygroundMaxWidth) + "); choose a smaller n (the CLI trains any width: hqnn train --width " +
                     std::to_string(width) + ")");
}

// Builds data, model and trainer from the settings. Errors (an unusable CSV,
// an option out of range) leave no model and are shown by the UI.
void TrainingSession::reset(const PlaygroundSettings& settings, std::shared_ptr<const Dataset> data,
                            std::shared_ptr<const ImageData> images) {
  const bool was_playing = playing_;
  settings_ = settings;
  ++run_id_;
  model_.reset();
  trainer_.reset();
  error_.clear();
  message_.clear();
  playing_ = false;
  step_epochs_ = 0;
  train_seconds_ = 0;
  samples_trained_ = 0;
  clock_started_ = false;
  target_ms_ = -1;
  target_epoch_ = -1;
  lambda_history_.clear();
  attack_installed_ = false;
  diverged_epoch_ = -1;
  confusion_.clear();
  boundary_.reset();
  views_stale_ = true;
  clean_train_.resize(0, 0);
  clean_test_.resize(0, 0);
  noisy_values_ = 0;
  try {
    if (is_image_dataset(settings_.dataset)) {
      if (images) images_ = std::move(images);
      if (!images_) throw InputError("the " + settings_.dataset + " images are not loaded yet");
      train_ = images_->train;
      test_ = images_->test;
      dataset_name_ = settings_.dataset;
      feature_names_ = train_.feature_names;
      class_names_ = train_.class_names;
    } else {
      if (data) source_ = std::move(data);
      if (!source_ || (settings_.dataset == "iris" && source_->name != "iris"))
        source_ = std::make_shared<const Dataset>(load_iris());
      source_->validate();
      TrainTestSplit split = stratified_split(*source_, settings_.test_fraction, settings_.seed());
      if (split.train.size() == 0 || split.test.size() == 0)
        throw InputError("the dataset is too small for a " + std::to_string(int(settings_.test_fraction * 100)) +
                         "% test split");
      train_ = std::move(split.train);
      test_ = std::move(split.test);
      dataset_name_ = source_->name;
      feature_names_ = source_->feature_names;
      class_names_ = source_->class_names;
    }
    const int features = static_cast<int>(train_.feature_count());
    settings_.feature_x = std::clamp(settings_.feature_x, 0, features - 1);
    settings_.feature_y = std::clamp(settings_.feature_y, 0, features - 1);
    if (is_convolutional(settings_.model.kind)) {
      settings_.model.image_channels = train_.image.channels;
      settings_.model.image_height = train_.image.height;
      settings_.model.image_width = train_.image.width;
    }
    validate(settings_.model);
    validate(settings_.train);
    check_playground_classes(static_cast<long>(train_.class_count()), dataset_name_);
    check_playground_width(settings_.model, features);
    // Dataset noise is in the data's own units (cm for iris, [0, 1] pixels), so
    // it goes in before standardising.
    if (settings_.noise_enabled) {
      Rng rng(settings_.seed(), /*stream=*/0x6e6f697365);  // "noise"
      if (settings_.noise.train) {
        clean_train_ = train_.features;
        noisy_values_ += add_dataset_noise(train_.features, settings_.noise, rng);
      }
      if (settings_.noise.test) {
        clean_test_ = test_.features;
        noisy_values_ += add_dataset_noise(test_.features, settings_.noise, rng);
      }
    }
    if (settings_.standardize) {
      standardizer_ = Standardizer::fit(train_);
      standardizer_.apply(train_);
      standardizer_.apply(test_);
    }
    model_ = std::make_unique<Model>(settings_.model, train_.feature_count(), train_.class_count());
    trainer_ = std::make_unique<Trainer>(*model_, train_, test_, settings_.train);
    update_attack();
    playing_ = was_playing || settings_.autoplay;
    settings_.autoplay = settings.autoplay;
    if (playing_) {
      clock_started_ = true;
      first_play_ = Clock::now();
    }
  } catch (const std::exception& e) {
    model_.reset();
    trainer_.reset();
    error_ = e.what();
  }
}

void TrainingSession::train_for(double budget_ms) {
  if (!trainer_ || (!playing_ && step_epochs_ == 0)) return;
  const Clock::time_point start = Clock::now();
  const auto elapsed_ms = [&] { return std::chrono::duration<double, std::milli>(Clock::now() - start).count(); };
  const int batch = settings_.train.batch;
  do {
    update_attack();
    const int before = trainer_->epoch();
    const bool finished_epoch = trainer_->step();
    samples_trained_ += std::min<long long>(batch, train_.size());
    views_stale_ = true;
    if (finished_epoch) {
      dirty_ = true;
      const EpochRecord& rec = trainer_->history().back();
      if (!rec.finite && diverged_epoch_ < 0) diverged_epoch_ = rec.epoch;
      if (const QuantumStack* q = model_->quantum_stack()) {
        std::vector<double> all;
        for (int l = 1; l <= q->options().layers; ++l)
          for (int j = l - q->lambda_count(l); j < l; ++j) all.push_back(q->lambda(l, j));
        lambda_history_.push_back(std::move(all));
      }
      if (target_epoch_ < 0 && rec.test_accuracy >= kTargetAccuracy) {
        target_epoch_ = rec.epoch;
        if (clock_started_)
          target_ms_ = std::chrono::duration<double, std::milli>(Clock::now() - first_play_).count();
      }
      if (step_epochs_ > 0 && trainer_->epoch() > before) --step_epochs_;
      if (trainer_->done()) {
        playing_ = false;
        step_epochs_ = 0;
      }
    }
  } while ((playing_ || step_epochs_ > 0) && elapsed_ms() < budget_ms);
  train_seconds_ += elapsed_ms() / 1000.0;
}

// The attack is installed once training reaches settings_.attack_epoch, so a
// link that names the epoch replays a run where it was switched on mid-way.
void TrainingSession::update_attack() {
  if (!model_ || !trainer_) return;
  const bool wanted = settings_.attack_enabled && trainer_->epoch() >= settings_.attack_epoch;
  if (wanted == attack_installed_) return;
  dirty_ = views_stale_ = true;
  if (!wanted) {
    model_->clear_attack();
    attack_installed_ = false;
    return;
  }
  try {
    AttackOptions options = settings_.attack;
    options.seed = settings_.seed();
    model_->set_attack(options);
    attack_installed_ = true;
  } catch (const std::exception& e) {
    settings_.attack_enabled = false;
    message_ = std::string("attack not applied: ") + e.what();
  }
}

// [SECTION] Model files ------------------------------------------------------------------

std::string TrainingSession::export_model_json() {
  ModelInfo info;
  info.class_names = class_names_;
  info.feature_names = feature_names_;
  if (settings_.standardize) info.standardizer = standardizer_;
  Json training = Json::object();
  training.set("playground", to_hash(settings_));
  training.set("dataset", dataset_name_);
  training.set("epochs_trained", trainer_->epoch());
  if (!trainer_->history().empty()) {
    const EpochRecord& last = trainer_->history().back();
    training.set("train_accuracy", last.train_accuracy);
    training.set("test_accuracy", last.test_accuracy);
  }
  info.training = std::move(training);
  return model_to_json(*model_, info).dump(1) + "\n";
}

// A model file replaces the current run: same data, the file's model options,
// the file's parameters. Training can continue from there.
void TrainingSession::import_model_json(const std::string& text) {
  try {
    if (train_.size() == 0) throw InputError("load a dataset before importing a model");
    ModelInfo info;
    std::unique_ptr<Model> imported = model_from_json(Json::parse(text, "model file"), &info);
    if (imported->input_width() != train_.feature_count() || imported->class_count() != train_.class_count())
      throw InputError("the model expects " + std::to_string(imported->input_width()) + " features and " +
                       std::to_string(imported->class_count()) + " classes; the dataset '" + dataset_name_ +
                       "' has " + std::to_string(train_.feature_count()) + " and " +
                       std::to_string(train_.class_count()));
    PlaygroundSettings s = settings_;
    s.model = imported->options();
    s.train.seed = s.model.seed;
    s.standardize = info.standardizer.has_value();
    reset(s, nullptr, nullptr);
    if (!model_) return;
    std::vector<ParamBlock> from = imported->params(), to = model_->params();
    for (size_t i = 0; i < to.size() && i < from.size(); ++i)
      std::copy(from[i].value, from[i].value + std::min(from[i].size, to[i].size), to[i].value);
    message_ = "imported a " + std::string(model_kind_name(s.model.kind)) + " model with " +
               std::to_string(model_->parameter_count()) + " parameters";
  } catch (const std::exception& e) {
    message_ = std::string("could not import the model: ") + e.what();
  }
}

// [SECTION] Snapshots ----------------------------------------------------------------------

Matrix TrainingSession::prepare_inputs(Matrix raw) const {
  if (settings_.standardize)
    for (Index c = 0; c < raw.cols(); ++c)
      raw.col(c) = (raw.col(c).array() - standardizer_.mean(c)) / standardizer_.scale(c);
  return raw;
}

void TrainingSession::publish(bool force) {
  if (!dirty_) return;
  const Clock::time_point now = Clock::now();
  if (!force && std::chrono::duration<double, std::milli>(now - last_publish_).count() < kPublishIntervalMs) return;
  last_publish_ = now;
  dirty_ = false;

  auto s = std::make_shared<Snapshot>();
  s->run_id = run_id_;
  s->settings = settings_;
  s->error = error_;
  s->message = message_;
  s->model_json = model_json_;
  s->model_json_serial = model_json_serial_;
  s->dataset_name = dataset_name_;
  s->feature_names = feature_names_;
  s->class_names = class_names_;
  s->noisy_values = noisy_values_;
  if (model_ && trainer_) {
    s->train_size = static_cast<int>(train_.size());
    s->test_size = static_cast<int>(test_.size());
    s->hybrid = model_->quantum_stack() != nullptr;
    s->width = model_->width();
    s->layers = settings_.model.layers;
    s->parameter_count = static_cast<long>(model_->parameter_count());
    if (const QuantumStack* q = model_->quantum_stack()) {
      const int gates = q->gates_per_layer();
      for (int l = 0; l < q->options().layers; ++l)
        s->angles.emplace_back(q->layer_angles(l), q->layer_angles(l) + gates);
      for (int l = 1; l <= q->options().layers; ++l) {
        std::vector<Real> row;
        for (int j = l - q->lambda_count(l); j < l; ++j) row.push_back(q->lambda(l, j));
        s->lambdas.push_back(std::move(row));
      }
    }
    s->playing = playing_;
    s->done = trainer_->done();
    s->history = trainer_->history();
    s->param_names = trainer_->param_names();
    s->lambda_history = lambda_history_;
    s->samples_per_second = train_seconds_ > 0 ? samples_trained_ / train_seconds_ : 0;
    s->target_ms = target_ms_;
    s->target_epoch = target_epoch_;

    // Views only look: under a transient attack they reuse the last training
    // pass's ε, so how often the UI refreshes does not change the run.
    const Model::KeepAttackDraws keep(*model_);
    // The heavy views wait for kViewsIntervalMs, longer when they are slow.
    const double since_views = std::chrono::duration<double, std::milli>(now - last_views_).count();
    if (views_stale_ && (force || confusion_.empty() ||
                         since_views >= std::max(kViewsIntervalMs, views_ms_ / kViewsShare)))
      refresh_heavy_views();
    s->confusion = confusion_;
    s->boundary = boundary_;
    s->views_ms = views_ms_;
    compute_sample_view(*s);
    compute_attack_view(*s);
  }
  std::lock_guard<std::mutex> lock(mutex_);
  snapshot_ = std::move(s);
}

void TrainingSession::refresh_heavy_views() {
  const Clock::time_point start = Clock::now();
  const Evaluation eval = evaluate(*model_, test_);
  confusion_ = classification_report(test_.labels, eval.probabilities, train_.class_count()).confusion;
  boundary_ = is_image_dataset(settings_.dataset) ? nullptr : compute_boundary_view();
  last_views_ = Clock::now();
  views_ms_ = std::chrono::duration<double, std::milli>(last_views_ - start).count();
  views_stale_ = false;
}

void TrainingSession::compute_sample_view(Snapshot& s) {
  SampleView& v = s.sample;
  if (test_.size() == 0) return;  // nothing to show (e.g. --test-per-class 0)
  v.index = std::clamp(settings_.sample, 0, static_cast<int>(test_.size()) - 1);
  s.settings.sample = v.index;
  v.image = test_.image;
  Matrix x = test_.features.row(v.index);
  if (settings_.standardize)  // show the features as the user loaded them
    for (Index c = 0; c < x.cols(); ++c) v.features.push_back(x(0, c) * standardizer_.scale(c) + standardizer_.mean(c));
  else
    v.features.assign(x.data(), x.data() + x.cols());
  if (clean_test_.rows() > v.index) {
    const Matrix clean = clean_test_.row(v.index);
    v.clean_features.assign(clean.data(), clean.data() + clean.cols());
  }
  v.label = test_.labels[v.index];
  // The vector that amplitude encoding normalises: the input of the encoding
  // layer (after the conv front end and Linear(-> n), or x itself).
  if (model_->quantum_stack()) {
    Matrix a = x, b;
    for (const auto& layer : model_->layers()) {
      if (layer->kind() == "amplitude_encoding") {
        v.encoded.assign(a.data(), a.data() + a.cols());
        break;
      }
      layer->forward(a, b);
      std::swap(a, b);
    }
  }
  const Matrix probabilities = softmax(model_->forward(x));
  v.probabilities.assign(probabilities.data(), probabilities.data() + probabilities.cols());
  v.prediction = static_cast<int>(std::max_element(v.probabilities.begin(), v.probabilities.end()) -
                                  v.probabilities.begin());
  if (const QuantumStack* q = model_->quantum_stack())
    for (const Matrix& psi : q->states()) v.states.emplace_back(psi.data(), psi.data() + psi.cols());
}

void TrainingSession::compute_attack_view(Snapshot& s) {
  AttackView& a = s.attack;
  a.active = attack_installed_;
  if (const ParameterAttack* attack = model_->attack()) a.layers = attack->attacked_layers();
  a.diverged_epoch = diverged_epoch_;
  if (const QuantumStack* q = model_->quantum_stack())
    for (int l = 0; l < q->options().layers; ++l) {
      const GivensGates& g = q->gates(l);
      std::vector<Real> error(static_cast<size_t>(g.count()));
      for (int r = 0; r < g.count(); ++r) {
        error[r] = std::fabs(g.c[r] * g.c[r] + g.s[r] * g.s[r] - Real(1));
        a.max_orthogonality_error = std::max(a.max_orthogonality_error, double(error[r]));
      }
      a.orthogonality_error.push_back(std::move(error));
    }
}

std::shared_ptr<const BoundaryView> TrainingSession::compute_boundary_view() {
  auto view = std::make_shared<BoundaryView>();
  BoundaryView& b = *view;
  b.feature_x = settings_.feature_x;
  b.feature_y = settings_.feature_y;
  b.resolution = kBoundaryResolution;

  // The points: training and test samples, raw values (with dataset noise), and
  // where they were before the noise.
  const auto raw = [&](const Matrix& m, Index i, int f, bool standardized) {
    const Real v = m(i, f);
    return static_cast<float>(standardized ? v * standardizer_.scale(f) + standardizer_.mean(f) : v);
  };
  const auto add_points = [&](const Dataset& d, const Matrix& clean, bool is_test) {
    for (Index i = 0; i < d.size(); ++i) {
      b.point_x.push_back(raw(d.features, i, b.feature_x, settings_.standardize));
      b.point_y.push_back(raw(d.features, i, b.feature_y, settings_.standardize));
      b.point_label.push_back(d.labels[i]);
      b.point_is_test.push_back(is_test);
      if (clean_train_.size() || clean_test_.size()) {
        const bool noisy = clean.rows() > i;
        b.clean_x.push_back(noisy ? raw(clean, i, b.feature_x, false) : b.point_x.back());
        b.clean_y.push_back(noisy ? raw(clean, i, b.feature_y, false) : b.point_y.back());
      }
    }
  };
  add_points(train_, clean_train_, false);
  add_points(test_, clean_test_, true);
  const auto range = [&](const std::vector<float>& a, const std::vector<float>& c, float& lo, float& hi) {
    lo = *std::min_element(a.begin(), a.end());
    hi = *std::max_element(a.begin(), a.end());
    for (float v : c) lo = std::min(lo, v), hi = std::max(hi, v);
    const float pad = std::max(0.05f * (hi - lo), 1e-3f);
    lo -= pad;
    hi += pad;
  };
  range(b.point_x, b.clean_x, b.x_min, b.x_max);
  range(b.point_y, b.clean_y, b.y_min, b.y_max);

  // Every other feature at its training-set mean (in raw units).
  Vector mean = settings_.standardize ? standardizer_.mean : Vector(train_.features.colwise().mean().transpose());
  const int n = b.resolution;
  Matrix grid(n * n, train_.feature_count());
  for (int row = 0; row < n; ++row)
    for (int col = 0; col < n; ++col) {
      const Index i = row * n + col;
      grid.row(i) = mean.transpose();
      grid(i, b.feature_x) = b.x_min + (b.x_max - b.x_min) * (col + 0.5f) / n;
      grid(i, b.feature_y) = b.y_min + (b.y_max - b.y_min) * (row + 0.5f) / n;
    }
  const Matrix probabilities = softmax(model_->forward(prepare_inputs(std::move(grid))));
  const int classes = static_cast<int>(probabilities.cols());
  b.probabilities.resize(static_cast<size_t>(n) * n * classes);
  for (int i = 0; i < n * n; ++i)
    for (int c = 0; c < classes; ++c) b.probabilities[size_t(i) * classes + c] = static_cast<float>(probabilities(i, c));
  return view;
}

}  // namespace hqnn::app
