#include "predict_command.hpp"

#include "core/model_io.hpp"
#include "core/thread_pool.hpp"
#include "core/trainer.hpp"
#include "eval_command.hpp"
#include "run/model_data.hpp"
#include "run/options/option_table.hpp"

namespace hqnn::cli {

static const std::vector<run::CommandOption>& predict_extras() {
  static const std::vector<run::CommandOption> extras = [] {
    std::vector<run::CommandOption> e = saved_model_options("image data: the split predicted [test]");
    e.push_back({"json", false, "", "one JSON object instead of CSV"});
    e.push_back({"csv", false, "", "CSV rows (the default)"});
    return e;
  }();
  return extras;
}

std::string predict_help() {
  return run::command_help(run::kPredict,
                           "usage: hqnn predict --model FILE.json --data FILE.csv|IMAGE-SET [--json]\n\n"
                           "The predicted class and the class probabilities of every row of a CSV (labelled or not:\n"
                           "a file whose columns are the model's features has no labels) or every image of an image\n"
                           "set's test split, with the model's scaling, delimiter and label column unless given.\n"
                           "CSV out: row,predicted,p.<class>...,label (label when the data has labels).\n",
                           predict_extras(),
                           "\nexamples:\n"
                           "  hqnn predict --model wine.json --data new_wines.csv\n"
                           "  hqnn predict --model qdcnn.json --data mnist-subset --json > predictions.json\n");
}

// A CSV cell: quoted when it holds a comma, a quote or a line break.
static std::string csv_cell(const std::string& text) {
  if (text.find_first_of(",\"\n\r") == std::string::npos) return text;
  std::string q = "\"";
  for (char c : text) q += c == '"' ? std::string("\"\"") : std::string(1, c);
  return q + "\"";
}

static std::string number(double v) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.9g", v);
  return buf;
}

int predict_command(const std::vector<std::string>& argv, std::FILE* out) {
  const run::CommandLine cl = run::parse_command_line(argv, run::kPredict, predict_extras());
  if (!cl.has("model")) throw InputError("predict needs --model FILE (a file written by hqnn train --out)");
  if (!cl.given.count("data")) throw InputError("predict needs --data FILE.csv or an image set (the rows to classify)");
  if (cl.has("json") && cl.has("csv")) throw InputError("give --json or --csv, not both");
  const std::string model_path = cl.str("model");
  ModelInfo info;
  auto model = load_model(model_path, &info);
  const std::string on = cl.str("on", "test");
  if (on != "train" && on != "test") throw InputError("--on: expected train or test, got '" + on + "'");
  const run::DataSpec dc = run::data_spec_for_model(cl.spec.data, cl.given, info);
  const bool image = run::data_kind_of(dc.name) == run::DataKind::image;
  if (!image && cl.has("on")) throw InputError("--on applies to image datasets only");
  if (!image) check_csv_columns(dc, info);
  run::ModelData loaded = run::load_for_model(dc, info, false, on);
  Dataset& data = loaded.data;
  if (!image) check_feature_names(info.feature_names, data.feature_names, data.name);
  if (data.feature_count() != model->input_width())
    throw InputError(data.name + " has " + std::to_string(data.feature_count()) + " features, the model expects " +
                     std::to_string(model->input_width()));
  // The labels as the file names them; the model sees none of them.
  std::vector<std::string> labels;
  if (loaded.labelled)
    for (int l : data.labels) labels.push_back(data.class_names.at(static_cast<size_t>(l)));
  data.class_names = info.class_names;
  std::fill(data.labels.begin(), data.labels.end(), 0);
  if (info.scaler) info.scaler->apply(data);
  ThreadPool pool(cl.spec.train.threads);
  const Evaluation ev = evaluate(*model, data, 256, &pool);
  const Matrix& p = ev.probabilities;
  const auto predicted = [&](Index i) {  // arg-max, as the metrics take it (the first of equal scores)
    Index arg = 0;
    for (Index c = 1; c < p.cols(); ++c)
      if (p(i, c) > p(i, arg)) arg = c;
    return info.class_names.at(static_cast<size_t>(arg));
  };
  if (cl.has("json")) {
    Json j = Json::object(), rows = Json::array(), classes = Json::array();
    for (const auto& c : info.class_names) classes.push(c);
    for (Index i = 0; i < p.rows(); ++i) {
      Json r = Json::object(), probs = Json::array();
      r.set("row", static_cast<long long>(i + 1));
      r.set("predicted", predicted(i));
      for (Index c = 0; c < p.cols(); ++c) probs.push(static_cast<double>(p(i, c)));
      r.set("probabilities", probs);
      if (loaded.labelled) r.set("label", labels[static_cast<size_t>(i)]);
      rows.push(r);
    }
    j.set("model_file", model_path);
    j.set("data", data.name);
    j.set("classes", classes);
    j.set("rows", rows);
    std::fprintf(out, "%s\n", j.dump(2).c_str());
    return 0;
  }
  std::string text = "row,predicted";
  for (const auto& c : info.class_names) text += "," + csv_cell("p." + c);
  if (loaded.labelled) text += ",label";
  text += "\n";
  for (Index i = 0; i < p.rows(); ++i) {
    text += std::to_string(i + 1) + "," + csv_cell(predicted(i));
    for (Index c = 0; c < p.cols(); ++c) text += "," + number(static_cast<double>(p(i, c)));
    if (loaded.labelled) text += "," + csv_cell(labels[static_cast<size_t>(i)]);
    text += "\n";
  }
  std::fputs(text.c_str(), out);
  return 0;
}

}  // namespace hqnn::cli
