#include "run_loop.hpp"

#include <time.h>

#include <chrono>
#include <cmath>
#include <cstdint>

#include "core/attack.hpp"
#include "core/state_json.hpp"
#include "run_writers.hpp"

namespace hqnn::run {

static double thread_cpu_seconds() {
#if defined(CLOCK_THREAD_CPUTIME_ID) && !defined(__EMSCRIPTEN__)
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + 1e-9 * static_cast<double>(ts.tv_nsec);
#else
  return static_cast<double>(std::clock()) / CLOCKS_PER_SEC;
#endif
}

static double wall_seconds() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

RunLoop::RunLoop(const RunSpec& spec, PreparedData data) : spec_(spec), data_(std::move(data)) {
  validate(spec_);
  model_ = std::make_unique<Model>(model_options_for(spec_.model, data_.train), data_.train.feature_count(),
                                   data_.train.class_count());
  trainer_ = std::make_unique<Trainer>(*model_, data_.train, no_test_, spec_.train);
  if (spec_.attack) {  // a bad layer list fails now, not at the attack's epoch
    model_->set_attack(*spec_.attack);
    model_->clear_attack();
  }
}

RunLoop::~RunLoop() = default;

bool RunLoop::done() const { return trainer_->done(); }
int RunLoop::epoch() const { return trainer_->epoch(); }
int RunLoop::step_in_epoch() const { return step_in_epoch_; }
const std::vector<std::string>& RunLoop::block_names() const { return trainer_->param_names(); }

long RunLoop::steps_per_epoch() const {
  return static_cast<long>((data_.train.size() + spec_.train.batch - 1) / spec_.train.batch);
}

void RunLoop::update_attack() {
  const bool wanted = spec_.attack && epoch() >= spec_.attack_epoch;
  if (wanted == attack_installed()) return;
  if (wanted)
    model_->set_attack(*spec_.attack);
  else
    model_->clear_attack();
}

void RunLoop::set_attack(const std::optional<AttackOptions>& attack, int from_epoch) {
  if (attack_installed()) model_->clear_attack();
  spec_.attack = attack;
  spec_.attack_epoch = from_epoch;
}

// The first block whose gradient or value is not finite; "" when all are.
static std::string first_nonfinite_block(Model& model, std::string* what) {
  for (const auto& b : model.params()) {
    for (Index k = 0; k < b.size; ++k) {
      if (!std::isfinite(b.grad[k])) return *what = "gradient", b.name;
      if (!std::isfinite(b.value[k])) return *what = "parameter", b.name;
    }
  }
  return "";
}

bool RunLoop::step() {
  const double t0 = wall_seconds(), cpu0 = thread_cpu_seconds();
  update_attack();
  const bool epoch_done = trainer_->step();
  ++step_;
  ++step_in_epoch_;
  if (!divergence_.diverged) {
    std::string what;
    const bool loss_bad = !std::isfinite(trainer_->last_batch_loss());
    const std::string block = first_nonfinite_block(*model_, &what);
    if (loss_bad || !block.empty()) {
      divergence_.diverged = true;
      divergence_.step = step_;
      divergence_.epoch = epoch() + (epoch_done ? 0 : 1);
      divergence_.block = block;
      divergence_.what = block.empty() ? "loss" : what;
    }
  }
  if (epoch_done) {
    // The epoch's one test evaluation (the trainer has just evaluated the training set).
    step_in_epoch_ = 0;
    EpochRecord rec = trainer_->history().back();
    const Evaluation ev = evaluate(*model_, data_.test, 256, trainer_->thread_pool());
    if (data_.test.size() > 0) rec.test_loss = ev.loss, rec.test_accuracy = ev.accuracy;
    reports_.push_back(classification_report(data_.test.labels, ev.probabilities, data_.test.class_count()));
    history_.push_back(std::move(rec));
  }
  seconds_ += wall_seconds() - t0;
  cpu_seconds_ += thread_cpu_seconds() - cpu0;
  return epoch_done;
}

bool RunLoop::step_for(double budget_ms) {
  const double start = wall_seconds();
  while (!done()) {
    if (step()) return true;
    if ((wall_seconds() - start) * 1000 >= budget_ms) break;
  }
  return false;
}

// [SECTION] Run state (checkpoints)

static Json report_state_json(const ClassificationReport& r) {
  Json j = Json::object();
  j.set("classes", r.classes);
  j.set("accuracy", exact_number(r.accuracy));
  j.set("confusion", confusion_json(r.confusion));
  Json per_class = Json::array();
  for (const ClassMetrics& c : r.per_class)
    per_class.push(exact_numbers(std::vector<double>{c.precision, c.recall, c.f1, double(c.support), c.roc_auc, c.pr_auc}));
  j.set("per_class", per_class);
  j.set("summary", exact_numbers(std::vector<double>{r.macro_precision, r.macro_recall, r.macro_f1, r.micro_precision,
                                                     r.micro_recall, r.micro_f1, r.roc_auc_macro, r.roc_auc_micro,
                                                     r.pr_auc_macro, r.pr_auc_micro}));
  return j;
}

static ClassificationReport report_of_state(const Json& j, int classes, const std::string& ctx) {
  ClassificationReport r;
  r.classes = static_cast<int>(whole_number_of(j.at("classes", ctx), 0, 1 << 20, ctx + ".classes"));
  if (r.classes != classes)
    throw InputError(ctx + ": saved for " + std::to_string(r.classes) + " classes, the data has " + std::to_string(classes));
  r.accuracy = exact_number_of(j.at("accuracy", ctx), ctx + ".accuracy");
  for (const Json& row : j.at("confusion", ctx).items(ctx + ".confusion")) {
    r.confusion.emplace_back();
    for (const Json& v : row.items(ctx + ".confusion"))
      r.confusion.back().push_back(static_cast<int>(whole_number_of(v, 0, INT32_MAX, ctx + ".confusion")));
    if (static_cast<int>(r.confusion.back().size()) != classes) throw InputError(ctx + ".confusion: wrong size");
  }
  if (static_cast<int>(r.confusion.size()) != classes) throw InputError(ctx + ".confusion: wrong size");
  for (const Json& c : j.at("per_class", ctx).items(ctx + ".per_class")) {
    const std::vector<double> v = exact_numbers_of(c, ctx + ".per_class");
    if (v.size() != 6) throw InputError(ctx + ".per_class: expected 6 values per class");
    if (!(v[3] >= 0 && v[3] <= INT32_MAX) || v[3] != std::floor(v[3])) throw InputError(ctx + ".per_class: bad support");
    r.per_class.push_back({v[0], v[1], v[2], static_cast<int>(v[3]), v[4], v[5]});
  }
  if (static_cast<int>(r.per_class.size()) != classes) throw InputError(ctx + ".per_class: wrong size");
  const std::vector<double> m = exact_numbers_of(j.at("summary", ctx), ctx + ".summary");
  if (m.size() != 10) throw InputError(ctx + ".summary: expected 10 values");
  r.macro_precision = m[0], r.macro_recall = m[1], r.macro_f1 = m[2];
  r.micro_precision = m[3], r.micro_recall = m[4], r.micro_f1 = m[5];
  r.roc_auc_macro = m[6], r.roc_auc_micro = m[7], r.pr_auc_macro = m[8], r.pr_auc_micro = m[9];
  return r;
}

Json RunLoop::state_json() const { return state_json(true); }

Json RunLoop::state_json_without_epochs() const { return state_json(false); }

Json RunLoop::state_json(bool with_epochs) const {
  Json j = Json::object();
  j.set("epoch", epoch());
  j.set("step", static_cast<long long>(step_));
  j.set("step_in_epoch", step_in_epoch_);
  j.set("seconds", exact_number(seconds_));
  j.set("cpu_seconds", exact_number(cpu_seconds_));
  Json params = Json::array();
  for (const ParamBlock& b : model_->params()) params.push(exact_numbers(b.value, static_cast<size_t>(b.size)));
  j.set("parameters", params);
  j.set("trainer", trainer_->state_json(with_epochs));
  j.set("attack", model_->attack_state_json());
  std::vector<double> test_loss, test_accuracy;
  Json reports = Json::array();
  if (with_epochs) {
    for (const EpochRecord& r : history_) test_loss.push_back(r.test_loss), test_accuracy.push_back(r.test_accuracy);
    for (const ClassificationReport& r : reports_) reports.push(report_state_json(r));
  }
  j.set("test_loss", exact_numbers(test_loss));
  j.set("test_accuracy", exact_numbers(test_accuracy));
  j.set("reports", reports);
  Json div = Json::object();
  div.set("diverged", divergence_.diverged);
  div.set("step", static_cast<long long>(divergence_.step));
  div.set("epoch", divergence_.epoch);
  div.set("block", divergence_.block);
  div.set("what", divergence_.what);
  j.set("divergence", div);
  return j;
}

// The trainer's own record of an epoch, in the trainer's state form (Trainer::state_json's history items).
Json RunLoop::epoch_json(size_t e) const {
  const Json tr = epoch_record_json(trainer_->history().at(e));
  Json j = Json::object();
  j.set("epoch", static_cast<long long>(e + 1));
  j.set("trainer", tr);
  j.set("test_loss", exact_number(history_.at(e).test_loss));
  j.set("test_accuracy", exact_number(history_.at(e).test_accuracy));
  j.set("report", report_state_json(reports_.at(e)));
  return j;
}

Json RunLoop::state_with_epochs(const Json& state, const std::vector<Json>& epochs) {
  const std::string ctx = "checkpoint";
  const long long saved = whole_number_of(state.at("epoch", ctx), 0, 1LL << 31, ctx + ".epoch");
  if (static_cast<long long>(epochs.size()) != saved)
    throw InputError(ctx + ": saved after epoch " + std::to_string(saved) + ", its epoch records hold " +
                     std::to_string(epochs.size()) + " (the .epochs file beside it is incomplete)");
  Json history = Json::array(), loss = Json::array(), accuracy = Json::array(), reports = Json::array();
  for (size_t e = 0; e < epochs.size(); ++e) {
    const Json& r = epochs[e];
    if (whole_number_of(r.at("epoch", ctx), 1, 1LL << 31, ctx + ".epoch") != static_cast<long long>(e + 1))
      throw InputError(ctx + ": epoch record " + std::to_string(e + 1) + " is out of order");
    history.push(r.at("trainer", ctx));
    loss.push(r.at("test_loss", ctx));
    accuracy.push(r.at("test_accuracy", ctx));
    reports.push(r.at("report", ctx));
  }
  Json out = state;
  Json trainer = state.at("trainer", ctx);
  trainer.set("history", history);
  out.set("trainer", trainer);
  out.set("test_loss", loss);
  out.set("test_accuracy", accuracy);
  out.set("reports", reports);
  return out;
}

// Reads and checks the run's own parts first; the trainer and the attack each
// check theirs and change nothing when it does not fit.
void RunLoop::restore(const Json& j) {
  const std::string ctx = "checkpoint";
  std::vector<ParamBlock> blocks = model_->params();
  const auto& saved = j.at("parameters", ctx).items(ctx + ".parameters");
  if (saved.size() != blocks.size())
    throw InputError(ctx + ": saved for a model with " + std::to_string(saved.size()) + " parameter blocks, this one has " +
                     std::to_string(blocks.size()) + " (same model options?)");
  std::vector<std::vector<double>> values;
  for (size_t i = 0; i < blocks.size(); ++i) {
    values.push_back(exact_numbers_of(saved[i], ctx + ".parameters"));
    if (static_cast<Index>(values.back().size()) != blocks[i].size)
      throw InputError(ctx + ": parameter block " + blocks[i].name + " has " + std::to_string(values.back().size()) +
                       " values, the model needs " + std::to_string(blocks[i].size));
  }
  const int classes = data_.test.class_count();
  std::vector<ClassificationReport> reports;
  for (const Json& r : j.at("reports", ctx).items(ctx + ".reports")) reports.push_back(report_of_state(r, classes, ctx + ".reports"));
  const std::vector<double> test_loss = exact_numbers_of(j.at("test_loss", ctx), ctx + ".test_loss");
  const std::vector<double> test_accuracy = exact_numbers_of(j.at("test_accuracy", ctx), ctx + ".test_accuracy");
  const Json& dj = j.at("divergence", ctx);
  Divergence d;
  d.diverged = dj.at("diverged", ctx).as_bool(ctx + ".divergence");
  d.step = static_cast<long>(whole_number_of(dj.at("step", ctx), 0, 1LL << 53, ctx + ".divergence.step"));
  d.epoch = static_cast<int>(whole_number_of(dj.at("epoch", ctx), 0, INT32_MAX, ctx + ".divergence.epoch"));
  d.block = dj.at("block", ctx).as_string(ctx + ".divergence");
  d.what = dj.at("what", ctx).as_string(ctx + ".divergence");
  const long step = static_cast<long>(whole_number_of(j.at("step", ctx), 0, 1LL << 53, ctx + ".step"));
  const int step_in_epoch = static_cast<int>(whole_number_of(j.at("step_in_epoch", ctx), 0, INT32_MAX, ctx + ".step_in_epoch"));
  const double seconds = exact_number_of(j.at("seconds", ctx), ctx + ".seconds");
  const double cpu_seconds = exact_number_of(j.at("cpu_seconds", ctx), ctx + ".cpu_seconds");
  const Json& attack = j.at("attack", ctx);
  if (!attack.is_null() && !spec_.attack) throw InputError(ctx + ": saved under a parameter attack, this run has none");
  const size_t epochs = j.at("trainer", ctx).at("history", ctx).items(ctx + ".trainer.history").size();
  if (epochs != reports.size() || epochs != test_loss.size() || epochs != test_accuracy.size())
    throw InputError(ctx + ": " + std::to_string(reports.size()) + " reports for " + std::to_string(epochs) + " epochs");

  trainer_->load_state(j.at("trainer", ctx));
  if (attack.is_null()) {
    if (attack_installed()) model_->clear_attack();
  } else {
    model_->set_attack(*spec_.attack);
    model_->load_attack_state(attack);
  }
  for (size_t i = 0; i < blocks.size(); ++i)
    for (Index k = 0; k < blocks[i].size; ++k) blocks[i].value[k] = static_cast<Real>(values[i][static_cast<size_t>(k)]);
  history_ = trainer_->history();
  for (size_t e = 0; e < history_.size(); ++e) history_[e].test_loss = test_loss[e], history_[e].test_accuracy = test_accuracy[e];
  reports_ = std::move(reports);
  divergence_ = d;
  step_ = step;
  step_in_epoch_ = step_in_epoch;
  seconds_ = seconds;
  cpu_seconds_ = cpu_seconds;
}

RunResult RunLoop::finish() {
  RunResult r;
  r.history = history_;
  r.block_names = trainer_->param_names();
  r.reports = reports_;
  r.divergence = divergence_;
  r.seconds = seconds_;
  r.cpu_seconds = cpu_seconds_;
  r.parameters = static_cast<long long>(model_->parameter_count());
  r.width = model_->width();
  r.noisy_values = data_.noisy_values;
  if (const ParameterAttack* a = model_->attack()) r.attacked_layers = a->attacked_layers();
  r.train_eval = evaluate(*model_, data_.train, 256, trainer_->thread_pool());
  r.test_eval = evaluate(*model_, data_.test, 256, trainer_->thread_pool());
  r.final_report = classification_report(data_.test.labels, r.test_eval.probabilities, data_.test.class_count());
  r.stats = run_statistics(r.reports, r.history, r.block_names);
  return r;
}

}  // namespace hqnn::run
