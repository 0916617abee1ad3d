// hqnn: train, evaluate and inspect hybrid quantum-inspired networks from a terminal.
//
// Index of this file
//   [SECTION] Help text
//   [SECTION] Data and options shared by the commands
//   [SECTION] train
//   [SECTION] eval
//   [SECTION] main
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <iostream>
#include <memory>

#include "args.hpp"
#include "core/metrics.hpp"
#include "core/model_io.hpp"
#include "core/trainer.hpp"
#include "data/csv_loader.hpp"
#include "report.hpp"

using namespace hqnn;
using namespace hqnn::cli;

// [SECTION] Help text ------------------------------------------------------------------------
static const char* kUsage = R"(hqnn: hybrid quantum-inspired residual and dense networks

usage:
  hqnn train [options]          train a model, print its metrics, optionally save it
  hqnn eval --model FILE [...]  evaluate a saved model on a data set
  hqnn --help | --version

data (train and eval):
  --data iris|FILE.csv    iris (built in) or your own CSV: a header row, numeric
                          features and one label column                [iris]
  --label NAME|INDEX      the label column of a CSV                    [last column]
  --test-fraction F       stratified test split                        [0.3]
  --split-seed N          seed of the split                            [the --seed value]
  --standardize           scale features to zero mean, unit variance (fitted on
                          the training split; stored in the model file)

model (train):
  --model KIND            tqfnn | qrfnn | qdfnn | mlp-leaky | mlp-rot  [qdfnn]
  --layers L              quantum-inspired layers, or MLP hidden layers [2]
  --width N               state width n / MLP width                    [number of features]
  --renormalize           renormalise the state after each layer
  --fixed-lambda          do not train the residual / dense lambdas
  --lambda-init X         initial lambda                               [1]
  --dense-lambda-inverse  dense lambda_{l,j} start at lambda-init / l
  --angle-init uniform|normal   angles ~ U(-s, s) or N(0, s^2)        [uniform]
  --angle-scale S         s                                            [3.14159]
  --leaky-slope X         leaky-relu slope                             [0.01]

training (train):
  --epochs E [100]  --batch B [16]  --lr X [0.01]  --optimizer adam|sgd [adam]
  --momentum X [0.9]  --seed N [1]  --out FILE.json (save the trained model)

output:
  --json                  one JSON object on stdout instead of tables
  --quiet                 no progress lines

examples:
  hqnn train --model qdfnn --epochs 100 --out qdfnn.json
  hqnn eval --model qdfnn.json --data iris
  hqnn train --data my.csv --label species --standardize --json
)";

// [SECTION] Data and options shared by the commands ------------------------------------------
static const std::set<std::string> kDataValued = {"data", "label", "test-fraction", "split-seed"};

static Dataset load_data(const Args& args) {
  const std::string data = args.str("data", "iris");
  if (data == "iris") return load_iris();
  CsvOptions csv;
  csv.label_column = args.str("label", "");
  return load_csv(data, csv);
}

static bool stderr_is_terminal() { return isatty(fileno(stderr)) != 0; }

static void print_json(const Json& j) { std::cout << j.dump(2) << std::endl; }

// [SECTION] train ----------------------------------------------------------------------------
static int cmd_train(const std::vector<std::string>& argv) {
  std::set<std::string> valued = kDataValued;
  valued.insert({"model", "layers", "width", "lambda-init", "angle-init", "angle-scale", "leaky-slope", "epochs", "batch",
                 "lr", "optimizer", "momentum", "seed", "out"});
  const Args args(argv, valued,
                  {"standardize", "renormalize", "fixed-lambda", "dense-lambda-inverse", "json", "quiet"});

  ModelOptions mo;
  const std::string kind = args.str("model", "qdfnn");
  const auto parsed_kind = parse_model_kind(kind);
  if (!parsed_kind) throw InputError("--model: unknown model '" + kind + "' (tqfnn, qrfnn, qdfnn, mlp-leaky, mlp-rot)");
  mo.kind = *parsed_kind;
  mo.layers = args.integer("layers", mo.layers);
  mo.width = args.integer("width", mo.width);
  if (args.has("width") && mo.width < 2) throw InputError("--width must be at least 2, got " + args.str("width", ""));
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
  mo.seed = args.seed("seed", 1);
  validate(mo);

  TrainOptions to;
  to.epochs = args.integer("epochs", 100);
  to.batch = args.integer("batch", 16);
  to.optimizer.lr = args.number("lr", 0.01);
  to.optimizer.momentum = args.number("momentum", 0.9);
  const std::string opt = args.str("optimizer", "adam");
  const auto parsed_opt = parse_optimizer_kind(opt);
  if (!parsed_opt) throw InputError("--optimizer: expected adam or sgd, got '" + opt + "'");
  to.optimizer.kind = *parsed_opt;
  to.seed = mo.seed;
  validate(to);

  const bool json = args.flag("json");
  const bool progress = !args.flag("quiet") && !json;
  const Dataset data = load_data(args);
  TrainTestSplit split = stratified_split(data, args.number("test-fraction", 0.3), args.seed("split-seed", mo.seed));
  ModelInfo info;
  info.class_names = data.class_names;
  info.feature_names = data.feature_names;
  if (args.flag("standardize")) {
    info.standardizer = Standardizer::fit(split.train);
    info.standardizer->apply(split.train);
    info.standardizer->apply(split.test);
  }

  Model model(mo, data.feature_count(), data.class_count());
  Trainer trainer(model, split.train, split.test, to);
  if (progress)
    std::fprintf(stderr, "training %s (L=%d, n=%d, %ld parameters) on %s: %ld train / %ld test samples, %d epochs\n",
                 model_kind_name(mo.kind), mo.layers, model.width(), static_cast<long>(model.parameter_count()),
                 data.name.c_str(), static_cast<long>(split.train.size()), static_cast<long>(split.test.size()), to.epochs);
  const auto t0 = std::chrono::steady_clock::now();
  const bool tty = stderr_is_terminal();
  trainer.run([&](const EpochRecord& rec) {
    if (!progress) return;
    // On a terminal one line is redrawn; in a log, every 10th epoch is printed.
    if (tty)
      std::fprintf(stderr, "\r%s", epoch_line(rec, to.epochs).c_str());
    else if (rec.epoch % 10 == 0 || rec.epoch == to.epochs || !rec.finite)
      std::fprintf(stderr, "%s\n", epoch_line(rec, to.epochs).c_str());
  });
  if (progress && tty) std::fprintf(stderr, "\n");
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();

  const Evaluation train_eval = evaluate(model, split.train);
  const Evaluation test_eval = evaluate(model, split.test);
  const ClassificationReport report = classification_report(split.test.labels, test_eval.probabilities, data.class_count());
  const EpochRecord& last = trainer.history().back();
  bool diverged = false;
  for (const auto& r : trainer.history()) diverged = diverged || !r.finite;

  Json training = Json::object();
  training.set("data", data.name);
  training.set("epochs", to.epochs);
  training.set("batch", to.batch);
  training.set("lr", to.optimizer.lr);
  training.set("optimizer", optimizer_kind_name(to.optimizer.kind));
  training.set("seed", static_cast<unsigned long long>(to.seed));
  training.set("test_fraction", args.number("test-fraction", 0.3));
  training.set("test_accuracy", test_eval.accuracy);
  if (args.has("out")) {
    info.training = training;
    save_model(args.str("out", ""), model, info);
  }

  if (json) {
    Json j = Json::object();
    j.set("model", to_json(mo));
    j.set("data", data.name);
    j.set("train_samples", static_cast<long long>(split.train.size()));
    j.set("test_samples", static_cast<long long>(split.test.size()));
    j.set("parameters", static_cast<long long>(model.parameter_count()));
    j.set("epochs", to.epochs);
    j.set("train_accuracy", train_eval.accuracy);
    j.set("train_loss", train_eval.loss);
    j.set("test_accuracy", test_eval.accuracy);
    j.set("test_loss", test_eval.loss);
    j.set("diverged", diverged);
    j.set("seconds", seconds);
    j.set("metrics", report_json(report, data.class_names));
    j.set("curves", curves_json(trainer.history(), trainer.param_names()));
    if (args.has("out")) j.set("model_file", args.str("out", ""));
    print_json(j);
  } else {
    std::printf("\n%s on %s  (L=%d, n=%d, %d epochs, %.2f s)\n\n", model_kind_name(mo.kind), data.name.c_str(), mo.layers,
                model.width(), to.epochs, seconds);
    std::printf("  train accuracy %.4f   loss %.4f\n", train_eval.accuracy, train_eval.loss);
    std::printf("  test  accuracy %.4f   loss %.4f\n", test_eval.accuracy, test_eval.loss);
    std::printf("  mean test accuracy over epochs %.4f\n\n", [&] {
      double s = 0;
      for (const auto& r : trainer.history()) s += r.test_accuracy;
      return s / static_cast<double>(trainer.history().size());
    }());
    std::printf("%s", report_table(report, data.class_names).c_str());
    if (diverged) std::printf("\n  warning: the loss or a gradient became NaN/Inf during training (last epoch finite: %s)\n",
                              last.finite ? "yes" : "no");
    if (args.has("out"))
      std::printf("\n  model saved to %s  (evaluate it: hqnn eval --model %s)\n", args.str("out", "").c_str(),
                  args.str("out", "").c_str());
  }
  return 0;
}

// [SECTION] eval -----------------------------------------------------------------------------
static int cmd_eval(const std::vector<std::string>& argv) {
  std::set<std::string> valued = kDataValued;
  valued.insert("model");
  const Args args(argv, valued, {"json", "test-only"});
  if (!args.has("model")) throw InputError("eval needs --model FILE (a file written by hqnn train --out)");
  ModelInfo info;
  auto model = load_model(args.str("model", ""), &info);
  Dataset data = load_data(args);
  if (data.feature_count() != model->input_width())
    throw InputError(data.name + " has " + std::to_string(data.feature_count()) + " features, the model expects " +
                     std::to_string(model->input_width()));
  if (data.class_count() != model->class_count())
    throw InputError(data.name + " has " + std::to_string(data.class_count()) + " classes, the model was trained on " +
                     std::to_string(model->class_count()));
  if (info.standardizer) info.standardizer->apply(data);
  const Evaluation ev = evaluate(*model, data);
  const ClassificationReport report = classification_report(data.labels, ev.probabilities, data.class_count());
  if (args.flag("json")) {
    Json j = Json::object();
    j.set("model_file", args.str("model", ""));
    j.set("data", data.name);
    j.set("samples", static_cast<long long>(data.size()));
    j.set("accuracy", ev.accuracy);
    j.set("loss", ev.loss);
    j.set("metrics", report_json(report, info.class_names));
    print_json(j);
  } else {
    std::printf("\n%s (%s) on %s, %ld samples\n\n  accuracy %.4f   loss %.4f\n\n%s", args.str("model", "").c_str(),
                model_kind_name(model->options().kind), data.name.c_str(), static_cast<long>(data.size()), ev.accuracy,
                ev.loss, report_table(report, info.class_names).c_str());
  }
  return 0;
}

// [SECTION] main -----------------------------------------------------------------------------
int main(int argc, char** argv) {
  std::vector<std::string> rest(argv + 1, argv + argc);
  if (rest.empty() || rest[0] == "--help" || rest[0] == "-h" || rest[0] == "help") {
    std::printf("%s", kUsage);
    return rest.empty() ? 2 : 0;
  }
  if (rest[0] == "--version") {
    std::printf("hqnn 0.1.0\n");
    return 0;
  }
  const std::string command = rest[0];
  rest.erase(rest.begin());
  try {
    if (command == "train") return cmd_train(rest);
    if (command == "eval") return cmd_eval(rest);
    throw InputError("unknown command '" + command + "' (train, eval; see hqnn --help)");
  } catch (const InputError& e) {
    std::fprintf(stderr, "hqnn: %s\n", e.what());
    return 2;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "hqnn: internal error: %s\n", e.what());
    return 3;
  }
}
