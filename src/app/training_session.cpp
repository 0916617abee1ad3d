#include "training_session.hpp"

#include <algorithm>
#include <cmath>

#include "core/attack.hpp"
#include "core/metrics.hpp"
#include "core/model_io.hpp"
#include "data/csv_loader.hpp"
#include "run/run_writers.hpp"

namespace hqnn::app {

namespace {
constexpr double kPublishIntervalMs = 33;    // ~30 snapshots per second while training
constexpr double kViewsIntervalMs = 250;     // heavy views at most 4 times per second ...
constexpr double kViewsShare = 0.1;          // ... and at most ~10% of the time (image data)
constexpr double kWorkerSliceMs = 20;        // training between two looks at the command queue
constexpr double kTargetAccuracy = 0.90;
constexpr int kBoundaryResolution = 48;
constexpr Index kBoundaryChunk = 256;       // grid points per forward pass
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
      playing_ = loop_ && !loop_->done();
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
      if (loop_ && !loop_->done()) step_epochs_ = 1;
      break;
    case Command::Kind::view:
      settings_.sample = command.settings.sample;
      settings_.feature_x = command.settings.feature_x;
      settings_.feature_y = command.settings.feature_y;
      clamp_feature_axes();
      views_stale_ = true;
      break;
    case Command::Kind::attack:
      // The run's link now names the attack and the epoch it starts at, so
      // the link still replays this run.
      settings_.run.attack = command.settings.run.attack;
      settings_.run.attack_epoch = command.settings.run.attack_epoch;
      if (loop_) loop_->set_attack(settings_.run.attack, settings_.run.attack_epoch);
      views_stale_ = true;
      break;
    case Command::Kind::export_model:
      if (!loop_) break;
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

ImageData playground_image_data(const ImageSet& train, const ImageSet& test, const run::DataSpec& data) {
  ImageDatasetOptions options = run::image_options(data);
  options.assets_dir = "assets";  // where the page fetches the files from
  return subset_image_data(data.name, train, test, options);
}

run::SourceData playground_source_data(const run::DataSpec& data, const Dataset* user_csv, const ImageData* images) {
  if (run::data_kind_of(data.name) == run::DataKind::image) {
    if (!images) throw InputError("the " + data.name + " images are not loaded yet");
    run::SourceData source;
    source.name = data.name;
    source.source = images->source;
    source.split = TrainTestSplit{images->train, images->test};
    return source;
  }
  if (data.name == "iris") return run::load_source_data(data);
  if (!user_csv || user_csv->name != data.name)
    throw InputError(data.name + " is a CSV file the playground does not have: load it with \"Open CSV\"");
  run::SourceData source;
  source.name = source.source = data.name;
  source.samples = *user_csv;
  return source;
}

// Prepares the data and builds the run from the settings. Errors (an unusable
// CSV, an option out of range) leave no run and are shown by the UI.
void TrainingSession::reset(const PlaygroundSettings& settings, std::shared_ptr<const Dataset> data,
                            std::shared_ptr<const ImageData> images) {
  const bool was_playing = playing_;
  settings_ = settings;
  ++run_id_;
  loop_.reset();
  error_.clear();
  message_.clear();
  playing_ = false;
  step_epochs_ = 0;
  train_seconds_ = publish_seconds_ = views_seconds_ = 0;
  samples_trained_ = 0;
  clock_started_ = false;
  target_ms_ = -1;
  target_epoch_ = -1;
  lambda_history_.clear();
  confusion_.clear();
  boundary_.reset();
  views_stale_ = true;
  try {
    run::validate(settings_.run);
    if (data) user_csv_ = data;  // kept for the resets that do not pass them again
    if (images) images_ = images;
    const run::SourceData source = playground_source_data(settings_.run.data, user_csv_.get(), images_.get());
    const Dataset& sample_set = source.split ? source.split->train : source.samples;
    dataset_name_ = source.split ? source.name : sample_set.name;
    feature_names_ = sample_set.feature_names;
    class_names_ = sample_set.class_names;
    const long features = static_cast<long>(sample_set.feature_count());
    check_playground_classes(static_cast<long>(sample_set.class_count()), dataset_name_);
    check_playground_width(settings_.run.model, features);
    run::PreparedData prepared = run::prepare_data(settings_.run, source);
    loop_ = std::make_unique<run::RunLoop>(settings_.run, std::move(prepared));
    clamp_feature_axes();
    playing_ = was_playing || settings_.autoplay;
    if (playing_) {
      clock_started_ = true;
      first_play_ = Clock::now();
    }
  } catch (const std::exception& e) {
    loop_.reset();
    error_ = e.what();
  }
}

// The boundary view's axes name features the data has.
void TrainingSession::clamp_feature_axes() {
  if (!loop_) return;
  const int last = static_cast<int>(loop_->data().train.feature_count()) - 1;
  settings_.feature_x = std::clamp(settings_.feature_x, 0, last);
  settings_.feature_y = std::clamp(settings_.feature_y, 0, last);
}

// What the playground records at the end of each epoch, besides the run's own curves.
void TrainingSession::on_epoch_end() {
  dirty_ = true;
  const EpochRecord& rec = loop_->history().back();
  if (const QuantumStack* q = loop_->model().quantum_stack()) {
    std::vector<double> all;
    for (const std::vector<Real>& row : q->lambdas()) all.insert(all.end(), row.begin(), row.end());
    lambda_history_.push_back(std::move(all));
  }
  if (target_epoch_ < 0 && rec.test_accuracy >= kTargetAccuracy) {
    target_epoch_ = rec.epoch;
    if (clock_started_) target_ms_ = std::chrono::duration<double, std::milli>(Clock::now() - first_play_).count();
  }
  if (step_epochs_ > 0) --step_epochs_;
  if (loop_->done()) {
    playing_ = false;
    step_epochs_ = 0;
  }
}

void TrainingSession::train_for(double budget_ms) {
  if (!loop_ || (!playing_ && step_epochs_ == 0)) return;
  const Clock::time_point start = Clock::now();
  const auto elapsed_ms = [&] { return std::chrono::duration<double, std::milli>(Clock::now() - start).count(); };
  const long long batch = std::min<long long>(settings_.run.train.batch, loop_->data().train.size());
  do {
    const long steps_before = loop_->steps();
    bool epoch_ended = false;
    try {
      epoch_ended = loop_->step_for(budget_ms - elapsed_ms());
    } catch (const InputError& e) {  // an attack switched on mid-run that does not fit the model
      loop_->set_attack(std::nullopt, 0);
      settings_.run.attack.reset();
      message_ = std::string("attack not applied: ") + e.what();
      dirty_ = true;
    }
    samples_trained_ += (loop_->steps() - steps_before) * batch;
    views_stale_ = true;
    if (epoch_ended) on_epoch_end();
  } while ((playing_ || step_epochs_ > 0) && elapsed_ms() < budget_ms);
  train_seconds_ += elapsed_ms() / 1000.0;
}

// [SECTION] Model files ------------------------------------------------------------------

// The file the CLI writes for the same run (run::model_info): the run's spec,
// the scaling, the classes and features, and the parameters as they are now.
std::string TrainingSession::export_model_json() {
  const Model::KeepAttackDraws keep(loop_->model());  // the final evaluations must not change the run
  const run::RunResult result = loop_->finish();
  const ModelInfo info = run::model_info(loop_->spec(), loop_->data(), result);
  return model_to_json(loop_->model(), info).dump(1) + "\n";
}

// A model file replaces the current run: the file's run when it was trained on
// the same data (same split, same scaling), else the current run with the
// file's model options; then the file's parameters. Training can continue from there.
void TrainingSession::import_model_json(const std::string& text) {
  try {
    if (!loop_) throw InputError("load a dataset before importing a model");
    const Dataset& train = loop_->data().train;
    ModelInfo info;
    std::unique_ptr<Model> imported = model_from_json(Json::parse(text, "model file"), &info);
    if (imported->input_width() != train.feature_count() || imported->class_count() != train.class_count())
      throw InputError("the model expects " + std::to_string(imported->input_width()) + " features and " +
                       std::to_string(imported->class_count()) + " classes; the dataset '" + dataset_name_ +
                       "' has " + std::to_string(train.feature_count()) + " and " +
                       std::to_string(train.class_count()));
    PlaygroundSettings s = settings_;
    std::optional<run::RunSpec> recorded;
    try {
      recorded = run::spec_of_model(info, "model file");
    } catch (const InputError&) {  // written before files recorded their run
    }
    if (recorded && recorded->data.name == settings_.run.data.name) {
      s.run = *recorded;
    } else {
      s.run.model = imported->options();
      run::set_seed(s.run, imported->options().seed);
      s.run.data.scaling = info.scaler ? info.scaler->kind : ScalingKind::none;
    }
    reset(s, nullptr, nullptr);
    if (!loop_) return;
    std::vector<ParamBlock> from = imported->params(), to = loop_->model().params();
    for (size_t i = 0; i < to.size() && i < from.size(); ++i)
      std::copy(from[i].value, from[i].value + std::min(from[i].size, to[i].size), to[i].value);
    ++import_serial_;
    message_ = "imported a " + std::string(model_kind_name(s.run.model.kind)) + " model with " +
               std::to_string(loop_->model().parameter_count()) + " parameters";
  } catch (const std::exception& e) {
    message_ = std::string("could not import the model: ") + e.what();
  }
}

// [SECTION] Snapshots ----------------------------------------------------------------------

Matrix TrainingSession::to_model_inputs(Matrix raw) const {
  if (const auto& scaler = loop_->data().scaler) scaler->apply(raw);
  return raw;
}

Real TrainingSession::unscaled(Real value, Index feature) const {
  const auto& scaler = loop_->data().scaler;
  return scaler ? scaler->unscale(value, feature) : value;
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
  s->import_serial = import_serial_;
  s->dataset_name = dataset_name_;
  s->feature_names = feature_names_;
  s->class_names = class_names_;
  if (loop_) {
    Model& model = loop_->model();
    const run::PreparedData& data = loop_->data();
    s->train_size = static_cast<int>(data.train.size());
    s->test_size = static_cast<int>(data.test.size());
    s->scaling = scaling_kind_name(data.scaling);
    s->noisy_values = static_cast<long>(data.noisy_values);
    s->hybrid = model.quantum_stack() != nullptr;
    s->width = model.width();
    s->layers = settings_.run.model.layers;
    s->parameter_count = static_cast<long>(model.parameter_count());
    if (const QuantumStack* q = model.quantum_stack()) {
      const int gates = q->gates_per_layer();
      for (int l = 0; l < q->options().layers; ++l)
        s->angles.emplace_back(q->layer_angles(l), q->layer_angles(l) + gates);
      s->lambdas = q->lambdas();
    }
    s->playing = playing_;
    s->done = loop_->done();
    s->history = loop_->history();
    s->param_names = loop_->block_names();
    s->lambda_history = lambda_history_;
    s->samples_per_second = train_seconds_ > 0 ? samples_trained_ / train_seconds_ : 0;
    s->samples_trained = static_cast<double>(samples_trained_);
    s->train_seconds = train_seconds_;
    s->publish_seconds = publish_seconds_;
    s->views_seconds = views_seconds_;
    s->play_seconds = clock_started_ ? std::chrono::duration<double>(now - first_play_).count() : 0;
    s->target_ms = target_ms_;
    s->target_epoch = target_epoch_;

    // Views only look: under a transient attack they reuse the last training
    // pass's ε, so how often the UI refreshes does not change the run.
    const Model::KeepAttackDraws keep(model);
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
  publish_seconds_ += std::chrono::duration<double>(Clock::now() - now).count();
  std::lock_guard<std::mutex> lock(mutex_);
  snapshot_ = std::move(s);
}

void TrainingSession::refresh_heavy_views() {
  const Clock::time_point start = Clock::now();
  const Dataset& test = loop_->data().test;
  const Evaluation eval = evaluate(loop_->model(), test, 256, shared_thread_pool());
  confusion_ = classification_report(test.labels, eval.probabilities, loop_->data().train.class_count()).confusion;
  boundary_ = settings_.image() ? nullptr : compute_boundary_view();
  last_views_ = Clock::now();
  views_ms_ = std::chrono::duration<double, std::milli>(last_views_ - start).count();
  views_seconds_ += views_ms_ / 1000;
  views_stale_ = false;
}

void TrainingSession::compute_sample_view(Snapshot& s) {
  SampleView& v = s.sample;
  const run::PreparedData& data = loop_->data();
  const Dataset& test = data.test;
  Model& model = loop_->model();
  if (test.size() == 0) return;  // nothing to show (e.g. test_pc=0)
  v.index = std::clamp(settings_.sample, 0, static_cast<int>(test.size()) - 1);
  s.settings.sample = v.index;
  v.image = test.image;
  Matrix x = test.features.row(v.index);
  for (Index c = 0; c < x.cols(); ++c) v.features.push_back(unscaled(x(0, c), c));  // as the user loaded them
  if (data.clean_test.rows() > v.index) {
    const Matrix clean = data.clean_test.row(v.index);
    v.clean_features.assign(clean.data(), clean.data() + clean.cols());
  }
  v.label = test.labels[v.index];
  const Matrix probabilities = softmax(model.forward(x));
  if (const Matrix* encoded = model.encoding_input(); encoded && model.quantum_stack())
    v.encoded.assign(encoded->data(), encoded->data() + encoded->cols());
  v.probabilities.assign(probabilities.data(), probabilities.data() + probabilities.cols());
  v.prediction = static_cast<int>(std::max_element(v.probabilities.begin(), v.probabilities.end()) -
                                  v.probabilities.begin());
  if (const QuantumStack* q = model.quantum_stack())
    for (const Matrix& psi : q->states()) v.states.emplace_back(psi.data(), psi.data() + psi.cols());
}

void TrainingSession::compute_attack_view(Snapshot& s) {
  AttackView& a = s.attack;
  const Model& model = loop_->model();
  a.active = loop_->attack_installed();
  if (const ParameterAttack* attack = model.attack()) a.layers = attack->attacked_layers();
  if (const run::Divergence& d = loop_->divergence(); d.diverged) {
    a.diverged_epoch = d.epoch;
    a.diverged_block = d.block;
  }
  if (const QuantumStack* q = model.quantum_stack())
    for (int l = 0; l < q->options().layers; ++l) {
      std::vector<Real> error = q->orthogonality_error(l);
      for (Real e : error) a.max_orthogonality_error = std::max(a.max_orthogonality_error, double(e));
      a.orthogonality_error.push_back(std::move(error));
    }
}

std::shared_ptr<const BoundaryView> TrainingSession::compute_boundary_view() {
  auto view = std::make_shared<BoundaryView>();
  BoundaryView& b = *view;
  const run::PreparedData& data = loop_->data();
  b.feature_x = settings_.feature_x;
  b.feature_y = settings_.feature_y;
  b.resolution = kBoundaryResolution;

  // The points: training and test samples, raw values (with dataset noise), and
  // where they were before the noise (clean features are unscaled already).
  const auto add_points = [&](const Dataset& d, const Matrix& clean, bool is_test) {
    for (Index i = 0; i < d.size(); ++i) {
      b.point_x.push_back(static_cast<float>(unscaled(d.features(i, b.feature_x), b.feature_x)));
      b.point_y.push_back(static_cast<float>(unscaled(d.features(i, b.feature_y), b.feature_y)));
      b.point_label.push_back(d.labels[i]);
      b.point_is_test.push_back(is_test);
      if (data.clean_train.size() || data.clean_test.size()) {
        const bool noisy = clean.rows() > i;
        b.clean_x.push_back(noisy ? static_cast<float>(clean(i, b.feature_x)) : b.point_x.back());
        b.clean_y.push_back(noisy ? static_cast<float>(clean(i, b.feature_y)) : b.point_y.back());
      }
    }
  };
  add_points(data.train, data.clean_train, false);
  add_points(data.test, data.clean_test, true);
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

  // Every other feature at its training-set mean, in raw units (scaling is affine).
  const Vector scaled_mean = data.train.features.colwise().mean().transpose();
  const int n = b.resolution;
  Matrix grid(n * n, data.train.feature_count());
  for (Index f = 0; f < grid.cols(); ++f) grid.col(f).setConstant(unscaled(scaled_mean(f), f));
  for (int row = 0; row < n; ++row)
    for (int col = 0; col < n; ++col) {
      const Index i = row * n + col;
      grid(i, b.feature_x) = b.x_min + (b.x_max - b.x_min) * (col + 0.5f) / n;
      grid(i, b.feature_y) = b.y_min + (b.y_max - b.y_min) * (row + 0.5f) / n;
    }
  // In chunks: a forward keeps every layer's state, and 2,304 states of a wide
  // model at once (n = 4096: 150 MB) do not fit the threaded web build's memory.
  const Matrix inputs = to_model_inputs(std::move(grid));
  const int classes = loop_->model().class_count();
  Matrix probabilities(inputs.rows(), classes);
  for (Index start = 0; start < inputs.rows(); start += kBoundaryChunk) {
    const Index count = std::min<Index>(kBoundaryChunk, inputs.rows() - start);
    probabilities.middleRows(start, count) = softmax(loop_->model().forward(inputs.middleRows(start, count)));
  }
  b.probabilities.resize(static_cast<size_t>(n) * n * classes);
  for (int i = 0; i < n * n; ++i)
    for (int c = 0; c < classes; ++c) b.probabilities[size_t(i) * classes + c] = static_cast<float>(probabilities(i, c));
  return view;
}

}  // namespace hqnn::app
