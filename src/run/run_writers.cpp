#include "run_writers.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>

#include "data/content_hash.hpp"

#include "options/option_table.hpp"

namespace hqnn::run {

Json curves_json(const std::vector<EpochRecord>& history, const std::vector<std::string>& block_names) {
  Json c = Json::object();
  Json epoch = Json::array(), trl = Json::array(), tra = Json::array(), tel = Json::array(), tea = Json::array();
  Json finite = Json::array(), norms = Json::object();
  for (const auto& r : history) {
    epoch.push(r.epoch);
    trl.push(r.train_loss);
    tra.push(r.train_accuracy);
    tel.push(r.test_loss);
    tea.push(r.test_accuracy);
    finite.push(r.finite);
  }
  for (size_t i = 0; i < block_names.size(); ++i) {
    Json mean = Json::array(), max = Json::array();
    for (const auto& r : history) {
      mean.push(r.grad_norm_mean[i]);
      max.push(r.grad_norm_max[i]);
    }
    Json per = Json::object();
    per.set("mean", mean);
    per.set("max", max);
    norms.set(block_names[i], per);
  }
  c.set("epoch", epoch);
  c.set("train_loss", trl);
  c.set("train_accuracy", tra);
  c.set("test_loss", tel);
  c.set("test_accuracy", tea);
  c.set("finite", finite);
  c.set("grad_norm", norms);
  return c;
}

Json report_json(const ClassificationReport& r, const std::vector<std::string>& names) {
  Json j = Json::object();
  j.set("accuracy", r.accuracy);
  Json per = Json::array();
  for (int c = 0; c < r.classes; ++c) {
    const ClassMetrics& m = r.per_class[static_cast<size_t>(c)];
    Json k = Json::object();
    k.set("class", names[static_cast<size_t>(c)]);
    k.set("precision", m.precision);
    k.set("recall", m.recall);
    k.set("f1", m.f1);
    k.set("support", m.support);
    k.set("roc_auc", m.roc_auc);
    k.set("pr_auc", m.pr_auc);
    per.push(k);
  }
  j.set("per_class", per);
  Json macro = Json::object(), micro = Json::object();
  macro.set("precision", r.macro_precision);
  macro.set("recall", r.macro_recall);
  macro.set("f1", r.macro_f1);
  macro.set("roc_auc", r.roc_auc_macro);
  macro.set("pr_auc", r.pr_auc_macro);
  micro.set("precision", r.micro_precision);
  micro.set("recall", r.micro_recall);
  micro.set("f1", r.micro_f1);
  micro.set("roc_auc", r.roc_auc_micro);
  micro.set("pr_auc", r.pr_auc_micro);
  j.set("macro", macro);
  j.set("micro", micro);
  j.set("confusion", confusion_json(r.confusion));
  return j;
}

Json confusion_json(const std::vector<std::vector<int>>& confusion) {
  Json conf = Json::array();
  for (const auto& row : confusion) {
    Json jr = Json::array();
    for (int v : row) jr.push(v);
    conf.push(jr);
  }
  return conf;
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

static Json scaling_choice_json(const PreparedData& data) {
  if (!data.scaling_choice) return Json();
  Json j = Json::object();
  const char* names[3] = {"none", "standard", "minmax"};
  for (int i = 0; i < 3; ++i) j.set(names[i], data.scaling_choice->validation_accuracy[i]);
  return j;
}

// The fitted scaler: x' = (x - offset) / scale per feature (null without scaling).
static Json scaler_json(const std::optional<FeatureScaler>& scaler) {
  if (!scaler) return Json();
  Json j = Json::object(), offset = Json::array(), scale = Json::array();
  for (Index i = 0; i < scaler->offset.size(); ++i) offset.push(static_cast<double>(scaler->offset(i)));
  for (Index i = 0; i < scaler->scale.size(); ++i) scale.push(static_cast<double>(scaler->scale(i)));
  j.set("kind", scaling_kind_name(scaler->kind));
  j.set("offset", offset);
  j.set("scale", scale);
  return j;
}

double max_abs_logit(const std::vector<EpochRecord>& history) {
  double m = 0;
  for (const EpochRecord& e : history) m = std::max(m, e.max_abs_logit);
  return m;
}

Json run_json(const RunSpec& spec, const PreparedData& data, const RunResult& r) {
  Json j = Json::object();
  j.set("spec", spec_to_json(spec));
  j.set("link", to_link(spec));  // the same run in the playground, or again with hqnn train --link
  j.set("data", data.name);
  j.set("data_source", data.source);
  j.set("scaling", scaling_kind_name(data.scaling));
  j.set("scaling_validation_accuracy", scaling_choice_json(data));
  j.set("scaler", scaler_json(data.scaler));
  j.set("data_note", data.subset_note.empty() ? Json() : Json(data.subset_note));
  j.set("train_samples", static_cast<long long>(data.train.size()));
  j.set("test_samples", static_cast<long long>(data.test.size()));
  j.set("parameters", r.parameters);
  j.set("train_accuracy", r.train_eval.accuracy);
  j.set("train_loss", r.train_eval.loss);
  j.set("test_accuracy", r.test_eval.accuracy);
  j.set("test_loss", r.test_eval.loss);
  j.set("diverged", r.divergence.diverged);
  j.set("divergence", divergence_json(r.divergence));
  j.set("max_abs_logit", max_abs_logit(r.history));  // the naive-softmax experiment: how close to exp's overflow
  j.set("noisy_values", r.noisy_values);             // dataset noise: how many feature values it changed
  Json layers = Json::array();                       // a parameter attack: the layers it drew (or was given)
  for (int l : r.attacked_layers) layers.push(l);
  j.set("attacked_layers", spec.attack ? layers : Json());
  j.set("seconds", r.seconds);
  j.set("cpu_seconds", r.cpu_seconds);
  j.set("statistics", to_json(r.stats));
  j.set("metrics", report_json(r.final_report, data.train.class_names));
  j.set("curves", curves_json(r.history, r.block_names));
  return j;
}

std::string curves_csv(const Json& curves) {
  const std::string ctx = "curves";
  const auto& blocks = curves.at("grad_norm", ctx).members(ctx + ".grad_norm");
  std::string out = "epoch,train_loss,train_accuracy,test_loss,test_accuracy,finite";
  for (const auto& block : blocks) out += ",grad_norm." + block.first + ".mean,grad_norm." + block.first + ".max";
  out += '\n';
  char buf[40];
  auto number = [&](const Json& v) {
    const double x = v.as_number(ctx);
    if (!std::isfinite(x)) return std::string(",nan");  // the record holds NaN and Inf as null
    std::snprintf(buf, sizeof buf, ",%.17g", x);
    return std::string(buf);
  };
  const size_t epochs = curves.at("epoch", ctx).size();
  for (size_t e = 0; e < epochs; ++e) {
    out += std::to_string(static_cast<long long>(curves.at("epoch", ctx)[e].as_number(ctx)));
    for (const char* key : {"train_loss", "train_accuracy", "test_loss", "test_accuracy"}) out += number(curves.at(key, ctx)[e]);
    out += curves.at("finite", ctx)[e].as_bool(ctx + ".finite") ? ",1" : ",0";
    for (const auto& block : blocks) out += number(block.second.at("mean", ctx)[e]) + number(block.second.at("max", ctx)[e]);
    out += '\n';
  }
  return out;
}

std::string curves_csv(const std::vector<EpochRecord>& history, const std::vector<std::string>& block_names) {
  return curves_csv(curves_json(history, block_names));
}

// The model file's `training` section.
static Json training_json(const RunSpec& spec, const PreparedData& data, const RunResult& r) {
  Json j = Json::object();
  j.set("spec", spec_to_json(spec));
  j.set("scaling", scaling_kind_name(data.scaling));
  j.set("data", data.name);
  // A CSV: where it is (absolute, so eval finds it from any folder) and what it held.
  // (Not for data the program holds but no file does: the playground's CSV opened in a browser.)
  std::error_code ec;
  if (spec.data_kind() == DataKind::tabular && spec.data.name != "iris" &&
      std::filesystem::is_regular_file(spec.data.name, ec)) {
    const std::filesystem::path absolute = std::filesystem::absolute(spec.data.name, ec);
    j.set("data_path", ec ? spec.data.name : absolute.lexically_normal().string());
    j.set("data_hash", content_hash(spec.data.name));
  }
  j.set("epochs_trained", static_cast<int>(r.history.size()));
  j.set("train_samples", static_cast<long long>(data.train.size()));
  j.set("test_samples", static_cast<long long>(data.test.size()));
  j.set("train_accuracy", r.train_eval.accuracy);
  j.set("test_accuracy", r.test_eval.accuracy);
  return j;
}

ModelInfo model_info(const RunSpec& spec, const PreparedData& data, const RunResult& r) {
  ModelInfo info;
  info.class_names = data.train.class_names;
  info.feature_names = data.train.feature_names;
  info.scaler = data.scaler;
  info.training = training_json(spec, data, r);
  return info;
}

RunSpec spec_of_model(const ModelInfo& info, const std::string& source) {
  const Json* spec = info.training.is_object() ? info.training.get("spec") : nullptr;
  if (!spec)
    throw InputError(source + " does not record the data it was trained on (written by an older hqnn); "
                              "give the data with --data NAME");
  RunSpec s = spec_from_json(*spec, source + ": training.spec");
  // `auto` was resolved when the model was trained; use what it chose.
  if (const Json* used = info.training.get("scaling")) {
    const auto kind = parse_scaling_kind(used->as_string(source + ": training.scaling"));
    if (!kind || *kind == ScalingKind::automatic) throw InputError(source + ": training.scaling: not a scaling");
    s.data.scaling = *kind;
  }
  return s;
}

}  // namespace hqnn::run
