// The run definition from Python (float build only): specs cross as the JSON
// that `hqnn train --json` writes under "spec" (option_table's spec_to_json /
// spec_from_json), runs go through the same RunLoop and run_json as the CLI,
// and model files through model_io. Nothing here has options of its own.
#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "app/lessons.hpp"
#include "core/circuit/circuit_program.hpp"
#include "core/model_io.hpp"
#include "core/thread_pool.hpp"
#include "core/trainer.hpp"
#include "data/image_datasets.hpp"
#include "module.hpp"
#include "run/data_preparation.hpp"
#include "run/options/option_table.hpp"
#include "run/run_loop.hpp"
#include "run/run_writers.hpp"

namespace hqnn::python {

namespace {

run::RunSpec spec_of(const std::string& spec_json) { return run::spec_from_json(Json::parse(spec_json, "spec"), "spec"); }
std::string json_of(const run::RunSpec& spec) { return run::spec_to_json(spec).dump(); }

// As `hqnn train --link`: a bad value, or a key that is neither an option nor a view setting, is refused.
std::string spec_from_link(const std::string& link) {
  const run::ParsedLink parsed = run::parse_link(link);
  std::string problems;
  for (const std::string& e : parsed.errors) problems += (problems.empty() ? "" : "; ") + e;
  const std::vector<std::string> view = app::view_link_keys();
  for (const auto& [key, value] : parsed.other)
    if (std::find(view.begin(), view.end(), key) == view.end())
      problems += (problems.empty() ? "" : "; ") + ("unknown setting '" + key + "'");
  if (!problems.empty()) throw InputError("link: " + problems);
  run::validate(parsed.spec);
  return json_of(parsed.spec);
}

// Options by their CLI names, as `hqnn train --name value` reads them (data
// first, then seed, then the rest; "did you mean" for a misspelt name),
// over `base_json` when given, else over the defaults of the data kind.
std::string spec_with_options(const std::string& base_json, const std::vector<std::pair<std::string, std::string>>& options) {
  std::vector<std::string> argv;
  for (const auto& [name, value] : options) {
    argv.push_back("--" + name + "=" + value);  // the inline form: flags take 1/0 too
  }
  std::optional<run::RunSpec> base;
  if (!base_json.empty()) base = spec_of(base_json);
  const run::CommandLine cl = run::parse_command_line(argv, run::kTrain, {}, base ? &*base : nullptr);
  return json_of(cl.spec);
}

py::list option_rows() {
  py::list rows;
  for (const run::OptionRow& r : run::option_table()) {
    if (!(r.commands & run::kTrain)) continue;
    py::dict d;
    d["name"] = r.name;
    d["json_key"] = r.json_key;
    d["link_key"] = r.hash_key;
    d["choices"] = r.choices;
    d["help"] = r.help;
    d["group"] = r.group;
    d["metavar"] = r.metavar;
    d["flag"] = r.type == OptionType::flag;
    rows.append(d);
  }
  return rows;
}

py::array_t<Real> matrix_to_numpy(const Matrix& m) {
  py::array_t<Real> a({static_cast<py::ssize_t>(m.rows()), static_cast<py::ssize_t>(m.cols())});
  Eigen::Map<RowMajorMatrix>(a.mutable_data(), m.rows(), m.cols()) = m;
  return a;
}

py::array_t<int> labels_to_numpy(const std::vector<int>& labels) {
  py::array_t<int> a(static_cast<py::ssize_t>(labels.size()));
  std::copy(labels.begin(), labels.end(), a.mutable_data());
  return a;
}

Matrix numpy_to_matrix(const py::handle& object, Index width, const char* call) {
  if (!py::isinstance<py::array>(object)) throw py::type_error(std::string(call) + ": X must be a numpy array of float32");
  py::array a = py::reinterpret_borrow<py::array>(object);
  if (!a.dtype().is(py::dtype::of<Real>()))
    throw py::type_error(std::string(call) + ": X must be float32, got " + std::string(py::str(a.dtype())));
  if (!(a.flags() & py::array::c_style)) throw py::type_error(std::string(call) + ": X must be C-contiguous (row-major)");
  if (a.ndim() != 2 || a.shape(1) != width)
    throw py::value_error(std::string(call) + ": X must have shape (samples, " + std::to_string(width) + ")");
  return Eigen::Map<const RowMajorMatrix>(static_cast<const Real*>(a.data()), a.shape(0), width);
}

std::vector<int> numpy_to_labels(const py::handle& object, Index count, int classes, const char* call) {
  const py::array_t<long long, py::array::forcecast> a = py::array_t<long long, py::array::forcecast>::ensure(object);
  if (!a || a.ndim() != 1 || a.shape(0) != count)
    throw py::value_error(std::string(call) + ": y must be a 1-D array of " + std::to_string(count) + " class indices");
  std::vector<int> y(static_cast<size_t>(count));
  for (Index i = 0; i < count; ++i) {
    const long long v = a.at(i);
    if (v < 0 || v >= classes)
      throw py::value_error(std::string(call) + ": y[" + std::to_string(i) + "] = " + std::to_string(v) +
                            " is not a class index in [0, " + std::to_string(classes) + ")");
    y[static_cast<size_t>(i)] = static_cast<int>(v);
  }
  return y;
}

py::dict evaluation_dict(const Evaluation& ev) {
  py::dict d;
  d["accuracy"] = ev.accuracy;
  d["loss"] = ev.loss;
  d["probabilities"] = matrix_to_numpy(ev.probabilities);
  d["predictions"] = labels_to_numpy(ev.predictions);
  return d;
}

// A trained or loaded model with what it needs to be used on raw data.
struct PyModel {
  std::unique_ptr<Model> model;
  ModelInfo info;
  std::string source;

  // Logits of raw features (the model file's scaler applied first), in evaluate()'s chunks.
  py::array_t<Real> forward(const py::handle& x_obj) {
    Matrix x = numpy_to_matrix(x_obj, model->input_width(), "Model.forward");
    Matrix logits;
    {
      py::gil_scoped_release release;
      if (info.scaler) info.scaler->apply(x);
      ThreadPool pool(1);
      logits = model->forward(x, pool);
    }
    return matrix_to_numpy(logits);
  }

  // On (X, y) given: accuracy, loss, probabilities, predictions. Without: the
  // train and test sets it was trained on, prepared as `hqnn eval` does.
  py::dict evaluate(const py::object& x_obj, const py::object& y_obj) {
    if (x_obj.is_none() != y_obj.is_none()) throw py::value_error("Model.evaluate: give both X and y, or neither");
    if (x_obj.is_none()) {
      const run::RunSpec spec = run::spec_of_model(info, source);
      py::dict d;
      Evaluation train, test;
      {
        py::gil_scoped_release release;
        const run::PreparedData data = run::prepare_data(spec);
        train = hqnn::evaluate(*model, data.train);
        test = hqnn::evaluate(*model, data.test);
      }
      d["train"] = evaluation_dict(train);
      d["test"] = evaluation_dict(test);
      return d;
    }
    Dataset data;
    data.features = numpy_to_matrix(x_obj, model->input_width(), "Model.evaluate");
    data.labels = numpy_to_labels(y_obj, data.features.rows(), model->class_count(), "Model.evaluate");
    data.class_names = info.class_names;
    Evaluation ev;
    {
      py::gil_scoped_release release;
      if (info.scaler) info.scaler->apply(data);
      ev = hqnn::evaluate(*model, data);
    }
    return evaluation_dict(ev);
  }

  std::string to_qasm(int layer) {
    const QuantumStack* q = model->quantum_stack();
    if (!q) throw InputError("to_qasm: a " + std::string(enum_name(model->options().kind)) +
                             " model has no quantum-inspired layers");
    if (layer < 0 || layer >= q->options().layers)
      throw InputError("to_qasm: layer must be in [0, " + std::to_string(q->options().layers - 1) + "], got " +
                       std::to_string(layer));
    // the program `hqnn circuit --model FILE --layer L --format qasm` writes
    const CircuitProgram program = compile_program(*q, {layer}, std::nullopt);
    const std::string title = source + " (" + enum_name(model->options().kind) + ", n = " +
                              std::to_string(q->options().width) + ", L = " + std::to_string(q->options().layers) + ")";
    return write_openqasm(program.lowered, program_header(program, *q, title));
  }
};

std::unique_ptr<PyModel> model_copy(Model& model, const ModelInfo& info, const std::string& source) {
  auto m = std::make_unique<PyModel>();
  m->model = model_from_json(model_to_json(model, info), &m->info, source);
  m->source = source;
  return m;
}

// The run `hqnn train` runs for this spec: the same loop, the same run JSON.
// on_epoch(record) is called after each epoch with the GIL held; it may raise
// (KeyboardInterrupt too) to stop the run.
py::tuple train(const std::string& spec_json, const py::object& on_epoch) {
  const run::RunSpec spec = spec_of(spec_json);
  run::validate(spec);
  std::unique_ptr<run::RunLoop> loop;
  Json result;
  {
    py::gil_scoped_release release;
    loop = std::make_unique<run::RunLoop>(spec, run::prepare_data(spec));
  }
  while (!loop->done()) {
    bool epoch_done;
    {
      py::gil_scoped_release release;
      epoch_done = loop->step();
    }
    if (!epoch_done) continue;
    if (PyErr_CheckSignals() != 0) throw py::error_already_set();
    if (!on_epoch.is_none()) {
      const EpochRecord& r = loop->history().back();
      py::dict d;
      d["epoch"] = r.epoch;
      d["train_loss"] = r.train_loss;
      d["train_accuracy"] = r.train_accuracy;
      d["test_loss"] = r.test_loss;
      d["test_accuracy"] = r.test_accuracy;
      d["finite"] = r.finite;
      on_epoch(d);
    }
  }
  std::unique_ptr<PyModel> model;
  {
    py::gil_scoped_release release;
    const run::RunResult r = loop->finish();
    result = run::run_json(loop->spec(), loop->data(), r);
    model = model_copy(loop->model(), run::model_info(spec, loop->data(), r), "hqnn.train");
  }
  return py::make_tuple(result.dump(), std::move(model));
}

py::dict prepare_data(const std::string& spec_json) {
  const run::RunSpec spec = spec_of(spec_json);
  run::validate(spec);
  std::unique_ptr<run::PreparedData> data;
  {
    py::gil_scoped_release release;
    data = std::make_unique<run::PreparedData>(run::prepare_data(spec));
  }
  py::dict d;
  d["train_x"] = matrix_to_numpy(data->train.features);
  d["train_y"] = labels_to_numpy(data->train.labels);
  d["test_x"] = matrix_to_numpy(data->test.features);
  d["test_y"] = labels_to_numpy(data->test.labels);
  d["classes"] = data->train.class_names;
  d["features"] = data->train.feature_names;
  d["name"] = data->name;
  d["source"] = data->source;
  d["scaling"] = std::string(enum_name(data->scaling));
  d["image_shape"] = py::make_tuple(data->train.image.channels, data->train.image.height, data->train.image.width);
  return d;
}

}  // namespace

void bind_runs(py::module_& m) {
  m.def("spec_defaults", [](const std::string& data) { return spec_with_options("", {{"data", data}}); });
  m.def("spec_from_link", &spec_from_link);
  m.def("spec_from_json", [](const std::string& j) {
    const run::RunSpec s = spec_of(j);
    run::validate(s);
    return json_of(s);
  });
  m.def("spec_with_options", &spec_with_options);
  m.def("spec_to_link", [](const std::string& j) { return run::to_link(spec_of(j)); });
  m.def("spec_to_command_line", [](const std::string& j) { return run::to_command_line(spec_of(j)); });
  m.def("same_run", [](const std::string& a, const std::string& b) { return run::same_run(spec_of(a), spec_of(b)); });
  m.def("option_rows", &option_rows);
  m.def("is_image_dataset", &is_image_dataset_name);
  m.def("train", &train, py::arg("spec_json"), py::arg("on_epoch") = py::none());
  m.def("prepare_data", &prepare_data);

  py::class_<PyModel>(m, "Model")
      .def("forward", &PyModel::forward, py::arg("X"))
      .def("evaluate", &PyModel::evaluate, py::arg("X") = py::none(), py::arg("y") = py::none())
      .def("to_qasm", &PyModel::to_qasm, py::arg("layer"))
      .def("save", [](PyModel& m, const std::string& path) { save_model(path, *m.model, m.info); })
      .def("to_json", [](PyModel& m) { return model_to_json(*m.model, m.info).dump(); })
      .def_property_readonly("classes", [](const PyModel& m) { return m.info.class_names; })
      .def_property_readonly("features", [](const PyModel& m) { return m.info.feature_names; })
      .def_property_readonly("kind", [](const PyModel& m) { return std::string(enum_name(m.model->options().kind)); })
      .def_property_readonly("input_width", [](const PyModel& m) { return m.model->input_width(); })
      .def_property_readonly("width", [](const PyModel& m) { return m.model->width(); })
      .def_property_readonly("layers", [](const PyModel& m) { return m.model->options().layers; })
      .def_property_readonly("training", [](const PyModel& m) { return m.info.training.dump(); });
  m.def("load_model", [](const std::string& path) {
    auto m = std::make_unique<PyModel>();
    m->model = load_model(path, &m->info);
    m->source = path;
    return m;
  });
}

}  // namespace hqnn::python
