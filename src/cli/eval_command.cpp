#include "eval_command.hpp"

#include <algorithm>

#include "core/metrics.hpp"
#include "core/model_io.hpp"
#include "core/thread_pool.hpp"
#include "core/trainer.hpp"
#include "data/content_hash.hpp"
#include "data/csv_loader.hpp"
#include "report.hpp"
#include "run/data_preparation.hpp"
#include "run/model_data.hpp"
#include "run/options/option_table.hpp"
#include "run/run_writers.hpp"

namespace hqnn::cli {

std::vector<run::CommandOption> saved_model_options(const char* split_help) {
  return {{"model", true, "FILE.json", "the model file (written by hqnn train --out)"},
          {"on", true, "train|test", split_help}};
}

static const std::vector<run::CommandOption>& eval_extras() {
  static const std::vector<run::CommandOption> extras = [] {
    std::vector<run::CommandOption> e = saved_model_options("image data given with --data: the split evaluated [test]");
    e.push_back({"json", false, "", "one JSON object on stdout instead of tables"});
    e.push_back({"quiet", false, "", "no warnings on stderr"});
    return e;
  }();
  return extras;
}

std::string eval_help() {
  return run::command_help(run::kEval,
                           "usage: hqnn eval --model FILE.json [--data NAME ...]\n\n"
                           "Evaluates a saved model. Without --data: on the data it was trained on (same split,\n"
                           "noise and scaling), train and test. With --data: a CSV whole, an image set's test split.\n",
                           eval_extras(),
                           "\nexamples:\n"
                           "  hqnn eval --model qdfnn.json\n"
                           "  hqnn eval --model qdfnn.json --data iris\n"
                           "  hqnn eval --model qdcnn.json --data fashion-mnist --on train\n");
}

static std::string joined(const std::vector<std::string>& names) {
  std::string all;
  for (const auto& n : names) all += (all.empty() ? "" : ", ") + n;
  return all;
}

void check_feature_names(const std::vector<std::string>& model_features, const std::vector<std::string>& data_features,
                         const std::string& data_name) {
  if (model_features.empty() || model_features == data_features) return;
  const std::string expected = " (the model's features: " + joined(model_features) + ")";
  if (model_features.size() != data_features.size())
    throw InputError(data_name + " has " + std::to_string(data_features.size()) + " features, the model expects " +
                     std::to_string(model_features.size()) + expected);
  for (const std::string& f : model_features)
    if (std::find(data_features.begin(), data_features.end(), f) == data_features.end())
      throw InputError(data_name + " has no feature column '" + f + "'" + expected);
  for (size_t i = 0; i < model_features.size(); ++i)
    if (model_features[i] != data_features[i])
      throw InputError(data_name + " has the model's features in another order: feature " + std::to_string(i + 1) +
                       " is '" + data_features[i] + "', the model expects '" + model_features[i] + "'" + expected);
}

// A CSV's label column must not be read as a feature, nor a feature as the label: name both in the message.
void check_csv_columns(const run::DataSpec& data, const ModelInfo& info) {
  if (data.name == "iris" || info.feature_names.empty()) return;
  run::check_data_name(data.name);
  const std::vector<std::string> header = csv_header(data.name, data.delimiter);
  if (header == info.feature_names) return;  // no label column (predict reads it; eval refuses it later)
  const std::string label = data.label_column.empty() ? header.back() : data.label_column;
  const bool by_name = std::find(header.begin(), header.end(), label) != header.end();
  if (!by_name && !data.label_column.empty() && label.find_first_not_of("0123456789") != std::string::npos)
    throw InputError(data.name + " has no label column '" + label + "' (the model's label column; columns: " +
                     joined(header) + "); name it with --label NAME|INDEX");
}

void match_classes(Dataset& data, const std::vector<std::string>& model_classes) {
  std::vector<int> model_class(data.class_names.size(), -1);
  for (size_t c = 0; c < data.class_names.size(); ++c) {
    for (size_t k = 0; k < model_classes.size(); ++k)
      if (model_classes[k] == data.class_names[c]) model_class[c] = static_cast<int>(k);
    if (model_class[c] < 0)
      throw InputError(data.name + " has a class '" + data.class_names[c] +
                       "' that the model was not trained on (its classes: " + joined(model_classes) + ")");
  }
  for (auto& label : data.labels) label = model_class[static_cast<size_t>(label)];
  data.class_names = model_classes;
}

int eval_command(const std::vector<std::string>& argv, std::FILE* out, std::FILE* err) {
  const run::CommandLine cl = run::parse_command_line(argv, run::kEval, eval_extras());
  if (!cl.has("model")) throw InputError("eval needs --model FILE (a file written by hqnn train --out)");
  const std::string model_path = cl.str("model");
  ModelInfo info;
  auto model = load_model(model_path, &info);
  const bool json = cl.has("json"), quiet = cl.has("quiet");
  const int threads = cl.spec.train.threads;
  ThreadPool pool(threads);

  if (!cl.given.count("data")) {  // the data it was trained on
    for (const std::string& name : cl.given)
      if (name != "threads") throw InputError("--" + name + " applies with --data only; without it the model's own run is used");
    if (cl.has("on")) throw InputError("--on applies with --data only; without it both splits are evaluated");
    run::RunSpec spec = run::spec_of_model(info, model_path);
    const bool csv = spec.data_kind() == run::DataKind::tabular && spec.data.name != "iris";
    std::string changed;  // the warning when the CSV is not what it was
    if (csv) {
      const std::string recorded_as = spec.data.name;
      spec.data.name = run::training_data_path(spec, info, model_path);
      const std::string hash = run::recorded_data_hash(info);
      if (!hash.empty() && content_hash(spec.data.name) != hash) changed = spec.data.name;
      (void)recorded_as;
    }
    const run::PreparedData data = run::prepare_data(spec);
    check_feature_names(info.feature_names, data.train.feature_names, data.name);
    const Evaluation train = evaluate(*model, data.train, 256, &pool), test = evaluate(*model, data.test, 256, &pool);
    const ClassificationReport report = classification_report(data.test.labels, test.probabilities, data.test.class_count());
    const Json* trained_train = info.training.get("train_accuracy");
    const Json* trained_test = info.training.get("test_accuracy");
    if (!changed.empty() && !quiet) {
      std::fprintf(err, "hqnn eval: warning: %s has changed since the model was trained (its content hash differs)",
                   changed.c_str());
      if (trained_train && trained_test)
        std::fprintf(err, ": train accuracy %s at training, %s now; test accuracy %s at training, %s now",
                     fixed(trained_train->as_number()).c_str(), fixed(train.accuracy).c_str(),
                     fixed(trained_test->as_number()).c_str(), fixed(test.accuracy).c_str());
      std::fprintf(err, "\n");
    }
    if (json) {
      Json j = Json::object();
      j.set("model_file", model_path);
      j.set("data", data.name);
      j.set("data_path", spec.data.name);
      j.set("data_changed", !changed.empty());
      j.set("scaling", enum_name(data.scaling));
      j.set("train_samples", static_cast<long long>(data.train.size()));
      j.set("test_samples", static_cast<long long>(data.test.size()));
      j.set("train_accuracy", train.accuracy);
      j.set("train_loss", train.loss);
      j.set("test_accuracy", test.accuracy);
      j.set("test_loss", test.loss);
      if (trained_train) j.set("train_accuracy_at_training", *trained_train);
      if (trained_test) j.set("test_accuracy_at_training", *trained_test);
      j.set("metrics", run::report_json(report, info.class_names));
      std::fprintf(out, "%s\n", j.dump(2).c_str());
    } else {
      std::fprintf(out, "\n%s (%s) on %s, %s: %ld train / %ld test samples, scaling %s\n\n"
                        "  train accuracy %s   loss %s\n  test  accuracy %s   loss %s\n\n%s",
                   model_path.c_str(), enum_name(model->options().kind), data.name.c_str(),
                   changed.empty() ? "the data it was trained on" : "the data it was trained on, CHANGED since",
                   static_cast<long>(data.train.size()), static_cast<long>(data.test.size()),
                   enum_name(data.scaling), fixed(train.accuracy).c_str(), fixed(train.loss).c_str(),
                   fixed(test.accuracy).c_str(), fixed(test.loss).c_str(), report_table(report, info.class_names).c_str());
    }
    return 0;
  }

  // Data given: a tabular set whole, an image set's test split (or --on train).
  const std::string on = cl.str("on", "test");
  if (on != "train" && on != "test") throw InputError("--on: expected train or test, got '" + on + "'");
  const run::DataSpec dc = run::data_spec_for_model(cl.spec.data, cl.given, info);
  const bool image = run::data_kind_of(dc.name) == run::DataKind::image;
  if (!image && cl.has("on")) throw InputError("--on applies to image datasets only");
  if (!image) check_csv_columns(dc, info);
  Dataset data = run::load_for_model(dc, info, true, on).data;
  if (!image) check_feature_names(info.feature_names, data.feature_names, data.name);
  if (data.feature_count() != model->input_width())
    throw InputError(data.name + " has " + std::to_string(data.feature_count()) + " features, the model expects " +
                     std::to_string(model->input_width()));
  match_classes(data, info.class_names);
  if (info.scaler) info.scaler->apply(data);
  const Evaluation ev = evaluate(*model, data, 256, &pool);
  const ClassificationReport report = classification_report(data.labels, ev.probabilities, data.class_count());
  if (json) {
    Json j = Json::object();
    j.set("model_file", model_path);
    j.set("data", data.name);
    j.set("scaling", info.scaler ? enum_name(info.scaler->kind) : "none");
    j.set("samples", static_cast<long long>(data.size()));
    j.set("accuracy", ev.accuracy);
    j.set("loss", ev.loss);
    j.set("metrics", run::report_json(report, info.class_names));
    std::fprintf(out, "%s\n", j.dump(2).c_str());
  } else {
    std::fprintf(out, "\n%s (%s) on %s, %s\n\n  accuracy %s   loss %s\n\n%s", model_path.c_str(),
                 enum_name(model->options().kind), data.name.c_str(), count_of(data.size(), "sample", "samples").c_str(),
                 fixed(ev.accuracy).c_str(), fixed(ev.loss).c_str(), report_table(report, info.class_names).c_str());
  }
  return 0;
}

}  // namespace hqnn::cli
