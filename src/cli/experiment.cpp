#include "experiment.hpp"

#include <time.h>

#include <chrono>
#include <cmath>
#include <cstdint>
#include <limits>

#include "data/csv_loader.hpp"
#include "data/image_datasets.hpp"
#include "report.hpp"

#include "core/state_json.hpp"

namespace hqnn::cli {

// [SECTION] Options ---------------------------------------------------------------------------

std::set<std::string> experiment_valued_options() {
  return {"data", "label", "test-fraction", "split-seed", "classes", "downsample", "train-per-class", "test-per-class",
          "model", "layers", "width", "lambda-init", "angle-init", "angle-scale", "leaky-slope", "conv-channels",
          "epochs", "batch", "lr", "optimizer", "momentum", "seed",
          "noise", "noise-magnitude", "noise-fraction", "noise-on", "noise-seed",
          "attack-form", "attack-noise", "attack-magnitude", "attack-mode", "attack-layers", "attack-layer-list",
          "attack-seed"};
}

std::set<std::string> experiment_flag_options() {
  return {"standardize", "renormalize", "fixed-lambda", "dense-lambda-inverse"};
}

static std::vector<int> int_list(const std::string& option, const std::string& text) {
  std::vector<int> out;
  size_t pos = 0;
  while (pos <= text.size()) {
    const size_t comma = std::min(text.find(',', pos), text.size());
    const std::string item = text.substr(pos, comma - pos);
    char* end = nullptr;
    const long v = std::strtol(item.c_str(), &end, 10);
    if (item.empty() || *end != '\0' || v < 0 || v > 100000)
      throw InputError("--" + option + ": expected a comma-separated list of non-negative integers, got '" + text + "'");
    out.push_back(static_cast<int>(v));
    pos = comma + 1;
  }
  return out;
}

static NoiseKind noise_kind_option(const Args& args, const std::string& key, NoiseKind fallback) {
  if (!args.has(key)) return fallback;
  const std::string name = args.str(key, "");
  const auto kind = parse_noise_kind(name);
  if (!kind)
    throw InputError("--" + key + ": unknown noise '" + name +
                     "' (gaussian-sym, gaussian-asym, uniform-sym, uniform-asym, mixed-sym, mixed-asym)");
  return *kind;
}

DataConfig data_config_from_args(const Args& args) {
  DataConfig d;
  d.name = args.str("data", d.name);
  d.label_column = args.str("label", "");
  d.test_fraction = args.number("test-fraction", d.test_fraction);
  d.split_seed = args.seed("split-seed", args.seed("seed", 1));
  d.standardize = args.flag("standardize");
  const std::string classes = args.str("classes", "0,1,2,3");
  d.classes = classes == "all" ? std::vector<int>{} : int_list("classes", classes);
  d.downsample = args.integer("downsample", 1);
  if (d.downsample < 1) throw InputError("--downsample: expected a factor of 1 or more, got " + args.str("downsample", ""));
  const int train_pc = args.integer("train-per-class", 0), test_pc = args.integer("test-per-class", 0);
  if (train_pc < 0 || test_pc < 0) throw InputError("--train-per-class and --test-per-class must be >= 0");
  d.train_per_class = static_cast<size_t>(train_pc);
  d.test_per_class = static_cast<size_t>(test_pc);
  const bool image = is_image_dataset_name(d.name);
  if (!image) {
    for (const char* key : {"classes", "downsample", "train-per-class", "test-per-class"})
      if (args.has(key)) throw InputError(std::string("--") + key + " applies to image datasets only, not to " + d.name);
  } else {
    for (const char* key : {"label", "test-fraction", "split-seed"})
      if (args.has(key))
        throw InputError(std::string("--") + key + " applies to tabular data only; " + d.name +
                         " comes with its own train/test split");
  }
  return d;
}

ExperimentConfig experiment_config_from_args(const Args& args) {
  ExperimentConfig c;
  c.data = data_config_from_args(args);
  const bool image = is_image_dataset_name(c.data.name);

  ModelOptions& mo = c.model;
  const std::string kind = args.str("model", "qdfnn");
  const auto parsed_kind = parse_model_kind(kind);
  if (!parsed_kind) throw InputError("--model: unknown model '" + kind + "' (" + model_kind_list() + ")");
  mo.kind = *parsed_kind;
  mo.layers = args.integer("layers", mo.layers);
  mo.width = args.integer("width", mo.width);
  mo.renormalize = args.flag("renormalize");
  mo.train_lambda = !args.flag("fixed-lambda");
  mo.lambda_init = static_cast<Real>(args.number("lambda-init", mo.lambda_init));
  mo.dense_lambda_inverse = args.flag("dense-lambda-inverse");
  const std::string angle_init = args.str("angle-init", "uniform");
  if (angle_init != "uniform" && angle_init != "normal")
    throw InputError("--angle-init: expected uniform or normal, got '" + angle_init + "'");
  mo.angle_init_normal = angle_init == "normal";
  mo.angle_init_scale = static_cast<Real>(args.number("angle-scale", mo.angle_init_scale));
  mo.leaky_slope = static_cast<Real>(args.number("leaky-slope", mo.leaky_slope));
  if (args.has("conv-channels")) {
    const auto ch = int_list("conv-channels", args.str("conv-channels", ""));
    if (ch.size() != 2) throw InputError("--conv-channels: expected two numbers, e.g. 8,16");
    mo.conv1_channels = ch[0];
    mo.conv2_channels = ch[1];
  }
  {
    // The image shape comes with the data; every other option is checked now,
    // so that a bad one fails with one line before any data is loaded.
    ModelOptions check = mo;
    if (is_convolutional(check.kind)) check.image_channels = 1, check.image_height = check.image_width = 28;
    validate(check);
  }
  mo.seed = args.seed("seed", 1);

  TrainOptions& to = c.train;
  to.epochs = args.integer("epochs", image ? 10 : 100);
  to.batch = args.integer("batch", image ? 64 : 16);        // D6
  to.optimizer.lr = args.number("lr", image ? 0.001 : 0.01);  // D6
  to.optimizer.momentum = args.number("momentum", 0.9);
  const std::string opt = args.str("optimizer", "adam");
  const auto parsed_opt = parse_optimizer_kind(opt);
  if (!parsed_opt) throw InputError("--optimizer: expected adam or sgd, got '" + opt + "'");
  to.optimizer.kind = *parsed_opt;
  to.seed = mo.seed;
  validate(to);

  if (args.has("noise")) {
    DatasetNoiseOptions n;
    n.kind = noise_kind_option(args, "noise", n.kind);
    n.magnitude = args.number("noise-magnitude", n.magnitude);
    n.max_fraction = args.number("noise-fraction", n.max_fraction);
    const std::string on = args.str("noise-on", "both");
    if (on != "train" && on != "test" && on != "both")
      throw InputError("--noise-on: expected train, test or both, got '" + on + "'");
    n.train = on != "test";
    n.test = on != "train";
    validate(n);
    c.noise = n;
    c.noise_seed = args.seed("noise-seed", mo.seed);
  } else {
    for (const char* key : {"noise-magnitude", "noise-fraction", "noise-on", "noise-seed"})
      if (args.has(key)) throw InputError(std::string("--") + key + " needs --noise KIND");
  }

  bool attack = false;
  for (const char* key : {"attack-form", "attack-noise", "attack-magnitude", "attack-mode", "attack-layers",
                          "attack-layer-list", "attack-seed"})
    attack = attack || args.has(key);
  if (attack) {
    AttackOptions a;
    if (args.has("attack-form")) {
      const auto form = parse_attack_form(args.str("attack-form", ""));
      if (!form) throw InputError("--attack-form: expected 1 (inside), 2 (outside), got '" + args.str("attack-form", "") + "'");
      a.form = *form;
    }
    a.noise = noise_kind_option(args, "attack-noise", a.noise);
    a.magnitude = args.number("attack-magnitude", a.magnitude);
    if (args.has("attack-mode")) {
      const auto mode = parse_attack_mode(args.str("attack-mode", ""));
      if (!mode) throw InputError("--attack-mode: expected persistent or transient, got '" + args.str("attack-mode", "") + "'");
      a.mode = *mode;
    }
    if (args.has("attack-layers") && args.has("attack-layer-list"))
      throw InputError("give either --attack-layers k or --attack-layer-list, not both");
    a.layers = args.integer("attack-layers", a.layers);
    if (args.has("attack-layer-list")) a.layer_list = int_list("attack-layer-list", args.str("attack-layer-list", ""));
    a.seed = args.seed("attack-seed", mo.seed);
    validate(a);
    c.attack = a;
  }
  return c;
}

// [SECTION] Data -----------------------------------------------------------------------------

LoadedData load_experiment_data(const DataConfig& config) {
  LoadedData out;
  if (is_image_dataset_name(config.name)) {
    ImageDatasetOptions io;
    io.classes = config.classes;
    io.downsample = config.downsample;
    io.train_per_class = config.train_per_class;
    io.test_per_class = config.test_per_class;
    ImageData images = load_image_dataset(config.name, io);
    out.train = std::move(images.train);
    out.test = std::move(images.test);
    out.source = images.source;
    out.name = config.name;
  } else {
    Dataset data;
    if (config.name == "iris") {
      data = load_iris();
    } else {
      CsvOptions csv;
      csv.label_column = config.label_column;
      data = load_csv(config.name, csv);
    }
    if (!(config.test_fraction > 0 && config.test_fraction < 1))
      throw InputError("--test-fraction must be between 0 and 1 (exclusive), got " + std::to_string(config.test_fraction));
    TrainTestSplit split = stratified_split(data, config.test_fraction, config.split_seed);
    out.train = std::move(split.train);
    out.test = std::move(split.test);
    out.name = data.name;
    out.source = config.name == "iris" ? "built-in iris" : config.name;
  }
  if (config.standardize) {
    out.standardizer = Standardizer::fit(out.train);
    out.standardizer->apply(out.train);
    out.standardizer->apply(out.test);
  }
  return out;
}

ModelOptions model_options_for(const ModelOptions& options, const LoadedData& data) {
  ModelOptions mo = options;
  if (is_convolutional(mo.kind) && data.image()) {
    mo.image_channels = data.train.image.channels;
    mo.image_height = data.train.image.height;
    mo.image_width = data.train.image.width;
  }
  return mo;
}

// [SECTION] Training -------------------------------------------------------------------------

static double thread_cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + 1e-9 * static_cast<double>(ts.tv_nsec);
}

// The first block whose gradient or value is not finite; "" when all are.
static std::string first_nonfinite_block(Model& model, std::string* what) {
  for (const auto& b : model.params()) {
    for (Index k = 0; k < b.size; ++k) {
      if (!std::isfinite(b.grad[k])) {
        *what = "gradient";
        return b.name;
      }
      if (!std::isfinite(b.value[k])) {
        *what = "parameter";
        return b.name;
      }
    }
  }
  return "";
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
  if (r.classes != classes) throw InputError(ctx + ": saved for " + std::to_string(r.classes) + " classes, the data has " + std::to_string(classes));
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

namespace {
struct RunProgress {  // what run_experiment counts besides the trainer
  long step = 0;
  double seconds = 0, cpu_seconds = 0;
};
}  // namespace

static Json run_state_json(Model& model, const Trainer& trainer, const ExperimentResult& result, const RunProgress& p) {
  Json j = Json::object();
  j.set("epoch", trainer.epoch());
  j.set("step", static_cast<long long>(p.step));
  j.set("seconds", exact_number(p.seconds));
  j.set("cpu_seconds", exact_number(p.cpu_seconds));
  Json params = Json::array();
  for (const ParamBlock& b : model.params()) params.push(exact_numbers(b.value, static_cast<size_t>(b.size)));
  j.set("parameters", params);
  j.set("trainer", trainer.state_json());
  j.set("attack", model.attack_state_json());
  Json reports = Json::array();
  for (const ClassificationReport& r : result.reports) reports.push(report_state_json(r));
  j.set("reports", reports);
  const Divergence& d = result.divergence;
  Json div = Json::object();
  div.set("diverged", d.diverged);
  div.set("step", static_cast<long long>(d.step));
  div.set("epoch", d.epoch);
  div.set("block", d.block);
  div.set("what", d.what);
  j.set("divergence", div);
  return j;
}

// Reads and checks the run's own parts first (parameters, reports, divergence).
static void restore_run_state(const Json& j, Model& model, Trainer& trainer, ExperimentResult& result, RunProgress& p,
                              int classes) {
  const std::string ctx = "checkpoint";
  std::vector<ParamBlock> blocks = model.params();
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
  std::vector<ClassificationReport> reports;
  for (const Json& r : j.at("reports", ctx).items(ctx + ".reports")) reports.push_back(report_of_state(r, classes, ctx + ".reports"));
  const Json& dj = j.at("divergence", ctx);
  Divergence d;
  d.diverged = dj.at("diverged", ctx).as_bool(ctx + ".divergence");
  d.step = static_cast<long>(whole_number_of(dj.at("step", ctx), 0, 1LL << 53, ctx + ".divergence.step"));
  d.epoch = static_cast<int>(whole_number_of(dj.at("epoch", ctx), 0, INT32_MAX, ctx + ".divergence.epoch"));
  d.block = dj.at("block", ctx).as_string(ctx + ".divergence");
  d.what = dj.at("what", ctx).as_string(ctx + ".divergence");
  RunProgress restored;
  restored.step = static_cast<long>(whole_number_of(j.at("step", ctx), 0, 1LL << 53, ctx + ".step"));
  restored.seconds = exact_number_of(j.at("seconds", ctx), ctx + ".seconds");
  restored.cpu_seconds = exact_number_of(j.at("cpu_seconds", ctx), ctx + ".cpu_seconds");
  const Json& attack = j.at("attack", ctx);
  if (attack.is_null() != (model.attack() == nullptr))
    throw InputError(ctx + (attack.is_null() ? ": saved without a parameter attack, this run has one"
                                             : ": saved under a parameter attack, this run has none"));

  const size_t epochs = j.at("trainer", ctx).at("history", ctx).items(ctx + ".trainer.history").size();
  if (epochs != reports.size())
    throw InputError(ctx + ": " + std::to_string(reports.size()) + " reports for " + std::to_string(epochs) + " epochs");
  // The trainer and the attack each check their own part and change nothing
  // when it does not fit; after the trainer has taken its part only the
  // attack's check can still fail, and a failure ends the run anyway.
  trainer.load_state(j.at("trainer", ctx));
  if (!attack.is_null()) model.load_attack_state(attack);
  for (size_t i = 0; i < blocks.size(); ++i)
    for (Index k = 0; k < blocks[i].size; ++k) blocks[i].value[k] = static_cast<Real>(values[i][static_cast<size_t>(k)]);
  result.reports = std::move(reports);
  result.divergence = d;
  p = restored;
}

ExperimentResult run_experiment(const ExperimentConfig& config, const LoadedData& data, const ExperimentProgress& progress,
                                std::unique_ptr<Model>* model_out, const ExperimentCheckpoints& checkpoints) {
  ExperimentResult result;
  Dataset train = data.train, test = data.test;
  if (config.noise) {
    Rng rng(config.noise_seed, kStreamNoise);
    if (config.noise->train) result.noisy_values += add_dataset_noise(train.features, *config.noise, rng);
    if (config.noise->test) result.noisy_values += add_dataset_noise(test.features, *config.noise, rng);
  }
  auto model = std::make_unique<Model>(model_options_for(config.model, data), train.feature_count(), train.class_count());
  if (config.attack) {
    model->set_attack(*config.attack);
    result.attacked_layers = model->attack()->attacked_layers();
  }
  result.parameters = static_cast<long long>(model->parameter_count());
  result.width = model->width();

  Trainer trainer(*model, train, test, config.train);
  RunProgress before;  // a resumed run's steps and time so far
  if (checkpoints.resume) restore_run_state(*checkpoints.resume, *model, trainer, result, before, test.class_count());
  const long steps_per_epoch =
      static_cast<long>((train.size() + config.train.batch - 1) / config.train.batch);
  const auto t0 = std::chrono::steady_clock::now();
  const double cpu0 = thread_cpu_seconds();
  long step = before.step, step_in_epoch = 0;
  while (!trainer.done()) {
    const bool epoch_done = trainer.step();
    ++step;
    ++step_in_epoch;
    if (!result.divergence.diverged) {
      std::string what;
      const bool loss_bad = !std::isfinite(trainer.last_batch_loss());
      const std::string block = first_nonfinite_block(*model, &what);
      if (loss_bad || !block.empty()) {
        Divergence& d = result.divergence;
        d.diverged = true;
        d.step = step;
        d.epoch = trainer.epoch() + (epoch_done ? 0 : 1);
        d.block = block;
        d.what = block.empty() ? "loss" : what;
      }
    }
    if (progress.on_step && !epoch_done) progress.on_step(trainer.epoch() + 1, step_in_epoch, steps_per_epoch);
    if (epoch_done) {
      step_in_epoch = 0;
      const Evaluation ev = evaluate(*model, test);
      result.reports.push_back(classification_report(test.labels, ev.probabilities, test.class_count()));
      if (progress.on_epoch) progress.on_epoch(trainer.history().back());
      if (checkpoints.on_epoch) {
        RunProgress now{step, before.seconds + std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count(),
                        before.cpu_seconds + thread_cpu_seconds() - cpu0};
        checkpoints.on_epoch(run_state_json(*model, trainer, result, now));
      }
    }
  }
  result.seconds = before.seconds + std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  result.cpu_seconds = before.cpu_seconds + thread_cpu_seconds() - cpu0;
  result.history = trainer.history();
  result.block_names = trainer.param_names();
  result.train_eval = evaluate(*model, train);
  result.test_eval = evaluate(*model, test);
  result.final_report = classification_report(test.labels, result.test_eval.probabilities, test.class_count());
  result.stats = run_statistics(result.reports, result.history, result.block_names);
  if (model_out) *model_out = std::move(model);
  return result;
}

// [SECTION] JSON -----------------------------------------------------------------------------

Json noise_json(const std::optional<DatasetNoiseOptions>& noise, uint64_t seed) {
  if (!noise) return Json();
  Json j = Json::object();
  j.set("kind", noise_kind_name(noise->kind));
  j.set("magnitude", noise->magnitude);
  j.set("max_fraction", noise->max_fraction);
  j.set("on", noise->train && noise->test ? "both" : noise->train ? "train" : "test");
  j.set("seed", static_cast<unsigned long long>(seed));
  return j;
}

Json attack_json(const std::optional<AttackOptions>& attack, const std::vector<int>& attacked_layers) {
  if (!attack) return Json();
  Json j = Json::object();
  j.set("form", attack_form_name(attack->form));
  j.set("noise", noise_kind_name(attack->noise));
  j.set("magnitude", attack->magnitude);
  j.set("mode", attack_mode_name(attack->mode));
  Json layers = Json::array();
  for (int l : attacked_layers) layers.push(l);
  j.set("layers", layers);
  j.set("seed", static_cast<unsigned long long>(attack->seed));
  return j;
}

Json divergence_json(const Divergence& d) {
  Json j = Json::object();
  j.set("diverged", d.diverged);
  if (d.diverged) {
    j.set("step", static_cast<long long>(d.step));
    j.set("epoch", d.epoch);
    j.set("what", d.what);
    j.set("block", d.block.empty() ? Json() : Json(d.block));
  }
  return j;
}

}  // namespace hqnn::cli
