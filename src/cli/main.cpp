// hqnn: train, evaluate and inspect hybrid quantum-inspired networks from a terminal.
//
// Index of this file
//   [SECTION] Help text
//   [SECTION] Output helpers
//   [SECTION] train
//   [SECTION] eval
//   [SECTION] main
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <memory>
#include <new>
#include <optional>

#include "args.hpp"
#include "checkpoint.hpp"
#include "core/metrics.hpp"
#include "core/model_io.hpp"
#include "core/state_json.hpp"
#include "core/trainer.hpp"
#include "data/csv_loader.hpp"
#include "data/image_datasets.hpp"
#include "experiment.hpp"
#include "report.hpp"
#include "reproduce.hpp"

using namespace hqnn;
using namespace hqnn::cli;

// [SECTION] Help text ------------------------------------------------------------------------
static const char* kUsage = R"(hqnn: hybrid quantum-inspired residual and dense networks

usage:
  hqnn train [options]          train a model, print its metrics, optionally save it
  hqnn eval --model FILE [...]  evaluate a saved model on a data set
  hqnn reproduce [options]      run the paper's experiment grid and write a report
                                (hqnn reproduce --help)
  hqnn --help | --version

data (train and eval):
  --data NAME             iris (built in), FILE.csv (a header row, numeric
                          features and one label column), or an image set:
                          fashion-mnist (full Debian set when installed),
                          fashion-mnist-subset, mnist, mnist-subset,
                          cifar10:DIR, cifar100:DIR                    [iris]
  --label NAME|INDEX      the label column of a CSV                    [last column]
  --test-fraction F       tabular data: stratified test split          [0.3]
  --split-seed N          seed of the split                            [the --seed value]
  --standardize           scale features to zero mean, unit variance (fitted on
                          the training split; stored in the model file)
  --classes 0,1,2,3|all   image data: the classes kept, relabelled 0..k-1 [0,1,2,3]
  --downsample K          image data: average-pool K x K pixels       [1]
  --train-per-class N     image data: keep the first N images per class [all]
  --test-per-class N      image data: the same for the test set        [all]
  Image sets come with their own train/test split; tabular data is split.

model (train):
  --model KIND            tqfnn | qrfnn | qdfnn | mlp-leaky | mlp-rot, and for
                          image data tqcnn | qrcnn | qdcnn | cnn-leaky | cnn-rot [qdfnn]
  --layers L              quantum-inspired layers, or hidden layers     [2]
  --width N               state width n / hidden width   [features; 64 for CNN models]
  --conv-channels C1,C2   channels of the two conv layers (CNN models)  [8,16]
  --renormalize           renormalise the state after each layer
  --fixed-lambda          do not train the residual / dense lambdas
  --lambda-init X         initial lambda                               [1]
  --dense-lambda-inverse  dense lambda_{l,j} start at lambda-init / l
  --angle-init uniform|normal   angles ~ U(-s, s) or N(0, s^2)        [uniform]
  --angle-scale S         s                                            [3.14159]
  --leaky-slope X         leaky-relu slope                             [0.01]

training (train):
  --epochs E   [100; image data 10]     --batch B   [16; image data 64]
  --lr X       [0.01; image data 0.001] --optimizer adam|sgd [adam]
  --momentum X [0.9]  --seed N [1]  --out FILE.json (save the trained model)
  --checkpoint FILE       save the whole run after every epoch (model, optimiser,
                          shuffling, attack, curves)
  --resume FILE           continue a checkpointed run exactly where it stopped;
                          its options come from the file (--epochs may extend
                          it); it goes on saving to FILE (or to --checkpoint)
  (decision D6: lr 0.001 and batch 64 for images when not given)

dataset noise (train):
  --noise KIND            gaussian-sym | gaussian-asym | uniform-sym | uniform-asym
                          | mixed-sym | mixed-asym                     [none]
  --noise-magnitude M     [0.1]   --noise-fraction F (max fraction per sample) [0.5]
  --noise-on train|test|both [both]   --noise-seed N [the --seed value]

parameter attack during training (train; any of these turns it on):
  --attack-form 1|2       1: sigma(theta+eps), 2: sigma(theta)+eps     [1]
  --attack-noise KIND     one of the six noise kinds                   [gaussian-asym]
  --attack-magnitude M    [0.01]    --attack-mode persistent|transient [persistent]
  --attack-layers K       K attacked layers chosen at random           [1]
  --attack-layer-list 0,2 or these layers (0-based)
  --attack-seed N         [the --seed value]
  A loss or parameter that becomes NaN/Inf is a result: training goes on and
  the first step and parameter block where it happened are reported.

output:
  --json                  one JSON object on stdout instead of tables
  --quiet                 no progress lines

examples:
  hqnn train --model qdfnn --epochs 100 --out qdfnn.json
  hqnn eval --model qdfnn.json --data iris
  hqnn train --data fashion-mnist --classes 0,1,2,3 --model qdcnn --epochs 5
  hqnn train --data mnist-subset --model cnn-leaky --attack-form 2 --attack-noise mixed-asym
  hqnn train --data my.csv --label species --standardize --json
  hqnn train --data fashion-mnist --model qdcnn --epochs 20 --checkpoint run.ckpt
  hqnn train --resume run.ckpt
)";

// [SECTION] Output helpers ---------------------------------------------------------------------
static bool stderr_is_terminal() { return isatty(fileno(stderr)) != 0; }

static void print_json(const Json& j) { std::cout << j.dump(2) << std::endl; }

// [SECTION] train ----------------------------------------------------------------------------
static int cmd_train(const std::vector<std::string>& given) {
  std::set<std::string> valued = experiment_valued_options(), flags = experiment_flag_options();
  valued.insert({"out", "checkpoint", "resume"});
  flags.insert({"json", "quiet"});
  // --resume FILE: the run's options come from the checkpoint (--epochs may extend it).
  std::optional<CheckpointFile> resume;
  std::string resume_path;
  std::vector<std::string> argv = given;
  if (const Args first(given, valued, flags); first.has("resume")) {
    resume_path = first.str("resume", "");
    resume = read_checkpoint_file(resume_path);
    argv = resumed_options(*resume, given);
  }
  const Args args(argv, valued, flags);
  const ExperimentConfig config = experiment_config_from_args(args);
  const ModelOptions& mo = config.model;
  const TrainOptions& to = config.train;

  const bool json = args.flag("json");
  const bool progress = !args.flag("quiet") && !json;
  const LoadedData data = load_experiment_data(config.data);
  const std::vector<std::string>& class_names = data.train.class_names;
  if (progress)
    std::fprintf(stderr, "training %s (L=%d) on %s (%s): %ld train / %ld test samples, %d epochs, batch %d, lr %g\n",
                 model_kind_name(mo.kind), mo.layers, data.name.c_str(), data.source.c_str(),
                 static_cast<long>(data.train.size()), static_cast<long>(data.test.size()), to.epochs, to.batch,
                 to.optimizer.lr);
  const bool tty = stderr_is_terminal();
  ExperimentProgress prog;
  if (progress) {
    // On a terminal one line is redrawn; in a log, image runs print every epoch
    // and tabular runs every 10th.
    prog.on_epoch = [&](const EpochRecord& rec) {
      if (tty)
        std::fprintf(stderr, "\r%-100s", epoch_line(rec, to.epochs).c_str());
      else if (data.image() || rec.epoch % 10 == 0 || rec.epoch == to.epochs || !rec.finite)
        std::fprintf(stderr, "%s\n", epoch_line(rec, to.epochs).c_str());
    };
    if (tty && data.image())
      prog.on_step = [&](int epoch, long step, long steps) {
        if (step % 10 == 0) std::fprintf(stderr, "\repoch %4d/%-4d  step %ld/%ld%-60s", epoch, to.epochs, step, steps, "");
      };
  }
  ExperimentCheckpoints checkpoints;
  if (resume) {
    checkpoints.resume = &resume->run;
    const long long saved_epoch = whole_number_of(resume->run.at("epoch", "checkpoint"), 0, 1LL << 31, "checkpoint epoch");
    if (saved_epoch > to.epochs)
      throw InputError(resume_path + " was saved after epoch " + std::to_string(saved_epoch) + "; --epochs " +
                       std::to_string(to.epochs) + " would end before it (give --epochs " + std::to_string(saved_epoch) +
                       " or more)");
    if (progress)
      std::fprintf(stderr, "resuming %s after epoch %lld of %d\n", resume_path.c_str(), saved_epoch, to.epochs);
  }
  // A resumed run goes on saving to its checkpoint unless told otherwise.
  if (args.has("checkpoint") || resume) {
    const std::string path = args.str("checkpoint", resume_path);
    const std::vector<std::string> options = run_options(argv);
    checkpoints.on_epoch = [path, options](const Json& run_state) { write_checkpoint_file(path, {options, run_state}); };
  }
  std::unique_ptr<Model> model;
  const ExperimentResult r = run_experiment(config, data, prog, &model, checkpoints);
  if (progress && tty) std::fprintf(stderr, "\n");

  ModelInfo info;
  info.class_names = class_names;
  info.feature_names = data.train.feature_names;
  info.standardizer = data.standardizer;
  Json training = Json::object();
  training.set("data", data.name);
  training.set("epochs", to.epochs);
  training.set("batch", to.batch);
  training.set("lr", to.optimizer.lr);
  training.set("optimizer", optimizer_kind_name(to.optimizer.kind));
  training.set("seed", static_cast<unsigned long long>(to.seed));
  if (!data.image()) training.set("test_fraction", config.data.test_fraction);
  training.set("test_accuracy", r.test_eval.accuracy);
  if (args.has("out")) {
    info.training = training;
    save_model(args.str("out", ""), *model, info);
  }

  if (json) {
    Json j = Json::object();
    j.set("model", to_json(model->options()));
    j.set("data", data.name);
    j.set("data_source", data.source);
    j.set("train_samples", static_cast<long long>(data.train.size()));
    j.set("test_samples", static_cast<long long>(data.test.size()));
    j.set("parameters", r.parameters);
    j.set("epochs", to.epochs);
    j.set("batch", to.batch);
    j.set("lr", to.optimizer.lr);
    j.set("train_accuracy", r.train_eval.accuracy);
    j.set("train_loss", r.train_eval.loss);
    j.set("test_accuracy", r.test_eval.accuracy);
    j.set("test_loss", r.test_eval.loss);
    j.set("diverged", r.divergence.diverged);
    j.set("divergence", divergence_json(r.divergence));
    j.set("noise", noise_json(config.noise, config.noise_seed));
    j.set("attack", attack_json(config.attack, r.attacked_layers));
    j.set("seconds", r.seconds);
    j.set("cpu_seconds", r.cpu_seconds);
    j.set("statistics", to_json(r.stats));
    j.set("metrics", report_json(r.final_report, class_names));
    j.set("curves", curves_json(r.history, r.block_names));
    if (args.has("out")) j.set("model_file", args.str("out", ""));
    print_json(j);
  } else {
    std::printf("\n%s on %s  (L=%d, n=%d, %lld parameters, %d epochs, %.2f s, %.2f s CPU)\n",
                model_kind_name(mo.kind), data.name.c_str(), mo.layers, r.width, r.parameters, to.epochs, r.seconds,
                r.cpu_seconds);
    if (config.noise)
      std::printf("  dataset noise: %s, magnitude %g, fraction up to %g, on %s (%lld noisy values)\n",
                  noise_kind_name(config.noise->kind), config.noise->magnitude, config.noise->max_fraction,
                  config.noise->train && config.noise->test ? "train and test" : config.noise->train ? "train" : "test",
                  r.noisy_values);
    if (config.attack) {
      std::string layers;
      for (int l : r.attacked_layers) layers += (layers.empty() ? "" : ",") + std::to_string(l);
      std::printf("  attack: form %s, %s, magnitude %g, %s, layers %s\n", attack_form_name(config.attack->form),
                  noise_kind_name(config.attack->noise), config.attack->magnitude, attack_mode_name(config.attack->mode),
                  layers.c_str());
    }
    std::printf("\n  train accuracy %.4f   loss %.4f\n", r.train_eval.accuracy, r.train_eval.loss);
    std::printf("  test  accuracy %.4f   loss %.4f\n", r.test_eval.accuracy, r.test_eval.loss);
    std::printf("  over the %d evaluation points: test accuracy %.4f +- %.4f, mean test loss %.4f\n\n", r.stats.points,
                r.stats.accuracy_mean, r.stats.accuracy_sd, r.stats.loss_mean);
    std::printf("%s\n%s", report_table(r.final_report, class_names).c_str(),
                statistics_table(r.stats, class_names).c_str());
    if (r.divergence.diverged)
      std::printf("\n  diverged: the %s%s became NaN/Inf at step %ld (epoch %d); training went on\n",
                  r.divergence.what.c_str(), r.divergence.block.empty() ? "" : (" of " + r.divergence.block).c_str(),
                  r.divergence.step, r.divergence.epoch);
    if (args.has("out"))
      std::printf("\n  model saved to %s  (evaluate it: hqnn eval --model %s)\n", args.str("out", "").c_str(),
                  args.str("out", "").c_str());
  }
  return 0;
}

// [SECTION] eval -----------------------------------------------------------------------------
static int cmd_eval(const std::vector<std::string>& argv) {
  const Args args(argv, {"model", "data", "label", "classes", "downsample", "test-per-class", "on"}, {"json"});
  if (!args.has("model")) throw InputError("eval needs --model FILE (a file written by hqnn train --out)");
  ModelInfo info;
  auto model = load_model(args.str("model", ""), &info);
  // Tabular data is evaluated whole; an image set on its test split (or --on train).
  const std::string on = args.str("on", "test");
  if (on != "train" && on != "test") throw InputError("--on: expected train or test, got '" + on + "'");
  const DataConfig dc = data_config_from_args(args);
  if (!is_image_dataset_name(dc.name) && args.has("on")) throw InputError("--on applies to image datasets only");
  Dataset data;
  if (is_image_dataset_name(dc.name)) {
    LoadedData loaded = load_experiment_data(dc);
    data = on == "train" ? std::move(loaded.train) : std::move(loaded.test);
  } else if (dc.name == "iris") {
    data = load_iris();
  } else {
    CsvOptions csv;
    csv.label_column = dc.label_column;
    data = load_csv(dc.name, csv);
  }
  if (data.feature_count() != model->input_width())
    throw InputError(data.name + " has " + std::to_string(data.feature_count()) + " features, the model expects " +
                     std::to_string(model->input_width()));
  // Classes are matched by name: the data may hold fewer classes than the model knows, in any order.
  std::vector<int> model_class(data.class_names.size(), -1);
  for (size_t c = 0; c < data.class_names.size(); ++c) {
    for (size_t k = 0; k < info.class_names.size(); ++k)
      if (info.class_names[k] == data.class_names[c]) model_class[c] = static_cast<int>(k);
    if (model_class[c] < 0)
      throw InputError(data.name + " has a class '" + data.class_names[c] +
                       "' that the model was not trained on (its classes: " + [&] {
                         std::string all;
                         for (const auto& n : info.class_names) all += (all.empty() ? "" : ", ") + n;
                         return all;
                       }() + ")");
  }
  for (auto& label : data.labels) label = model_class[static_cast<size_t>(label)];
  data.class_names = info.class_names;
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
  if ((command == "train" || command == "eval") &&
      std::find_if(rest.begin(), rest.end(), [](const std::string& a) { return a == "--help" || a == "-h"; }) != rest.end()) {
    std::printf("%s", kUsage);
    return 0;
  }
  try {
    if (command == "train") return cmd_train(rest);
    if (command == "eval") return cmd_eval(rest);
    if (command == "reproduce") return cmd_reproduce(rest);
    throw InputError("unknown command '" + command + "' (train, eval, reproduce; see hqnn --help)");
  } catch (const InputError& e) {
    std::fprintf(stderr, "hqnn: %s\n", e.what());
    return 2;
  } catch (const std::filesystem::filesystem_error& e) {  // e.g. an --out folder that cannot be written
    std::fprintf(stderr, "hqnn: %s\n", e.what());
    return 2;
  } catch (const std::bad_alloc&) {
    std::fprintf(stderr, "hqnn: out of memory (try smaller data, a smaller model or a smaller batch)\n");
    return 3;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "hqnn: internal error: %s\n", e.what());
    return 3;
  }
}
