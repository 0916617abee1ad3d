#include "model_data.hpp"

#include <filesystem>

#include "data/csv_loader.hpp"
#include "data_preparation.hpp"
#include "run_writers.hpp"

namespace hqnn::run {

namespace fs = std::filesystem;

DataSpec data_spec_for_model(const DataSpec& data, const std::set<std::string>& given, const ModelInfo& info) {
  DataSpec d = data;
  const Json* spec = info.training.is_object() ? info.training.get("spec") : nullptr;
  if (!spec || data_kind_of(d.name) != DataKind::tabular || d.name == "iris") return d;
  const RunSpec trained = spec_of_model(info, "model file");
  if (trained.data_kind() != DataKind::tabular || trained.data.name == "iris") return d;
  // The model's delimiter, unless the file does not split with it (a file written another way: keep ',').
  if (!given.count("delimiter") && trained.data.delimiter != d.delimiter) {
    std::vector<std::string> header;
    try {
      header = csv_header(d.name, trained.data.delimiter);
    } catch (const InputError&) {  // the loader names the problem later
    }
    if (header.size() >= 2) d.delimiter = trained.data.delimiter;
  }
  if (!given.count("label")) d.label_column = trained.data.label_column;
  return d;
}

ModelData load_for_model(const DataSpec& d, const ModelInfo& info, bool need_labels, const std::string& on) {
  ModelData out;
  if (data_kind_of(d.name) == DataKind::image) {
    const SourceData source = load_source_data(d);
    out.data = on == "train" ? source.split->train : source.split->test;
    return out;
  }
  if (d.name == "iris") {
    out.data = load_iris();
    return out;
  }
  check_data_name(d.name);
  CsvOptions csv;
  csv.delimiter = d.delimiter;
  csv.label_column = d.label_column;
  csv.one_class_ok = true;
  const std::vector<std::string> header = csv_header(d.name, d.delimiter);
  if (!info.feature_names.empty() && header == info.feature_names) {
    if (need_labels)
      throw InputError(d.name + " holds the model's features and no label column; evaluating needs labels (hqnn " +
                       "predict classifies unlabelled rows)");
    csv.unlabelled = true;
    out.labelled = false;
  }
  out.data = load_csv(d.name, csv);
  return out;
}

std::string recorded_data_path(const ModelInfo& info) {
  const Json* p = info.training.is_object() ? info.training.get("data_path") : nullptr;
  return p && p->is_string() ? p->as_string() : "";
}

std::string recorded_data_hash(const ModelInfo& info) {
  const Json* p = info.training.is_object() ? info.training.get("data_hash") : nullptr;
  return p && p->is_string() ? p->as_string() : "";
}

std::string training_data_path(const RunSpec& spec, const ModelInfo& info, const std::string& model_path) {
  const std::string& name = spec.data.name;
  std::error_code ec;
  const std::string recorded = recorded_data_path(info);
  if (!recorded.empty() && fs::exists(recorded, ec)) return recorded;
  if (recorded.empty() && fs::exists(name, ec)) return name;  // an older file: as it was given, from here
  const fs::path beside = fs::path(model_path).parent_path() / fs::path(name).filename();
  if (fs::exists(beside, ec)) return beside.string();
  throw InputError(model_path + " was trained on " + name + (recorded.empty() ? "" : " (" + recorded + ")") +
                   ", which is not there any more; give the data with --data FILE");
}

}  // namespace hqnn::run
