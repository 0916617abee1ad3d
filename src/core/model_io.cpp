#include "model_io.hpp"

#include <cmath>

#include "model_fields.hpp"
#include "settings/field_codecs.hpp"
#include "whole_file.hpp"

namespace hqnn {

Json to_json(const ModelOptions& o) { return fields_json(model_fields(), o); }

static int as_int(const Json& v, const std::string& what) {
  const double d = v.as_number(what);
  if (!(d == std::floor(d)) || std::abs(d) > 1e9) throw InputError(what + ": expected an integer");
  return static_cast<int>(d);
}

// Version 1 files named three keys otherwise: kind (model), train_lambda (the
// opposite of fixed_lambda) and angle_init_scale (angle_scale).
static std::pair<std::string, Json> current_key(const std::string& key, const Json& value, const std::string& ctx) {
  if (key == "kind") return {"model", value};
  if (key == "angle_init_scale") return {"angle_scale", value};
  if (key == "train_lambda") return {"fixed_lambda", Json(!value.as_bool(ctx + ".train_lambda"))};
  return {key, value};
}

// As the run's options are read (run/options/option_setting.cpp): a number is
// range-checked before it converts, the core's checks speak first (their
// messages are every surface's), then each row's range.
ModelOptions model_options_from_json(const Json& j, const std::string& ctx, int version) {
  ModelOptions o;
  struct Number {
    const Field<ModelOptions>* row;
    double value;
    std::string key;  // as the file names it
  };
  std::vector<Number> numbers;
  for (const auto& [given_key, given_value] : j.members(ctx)) {
    const auto [key, value] = version == 1 ? current_key(given_key, given_value, ctx) : std::pair{given_key, given_value};
    const Field<ModelOptions>* row = nullptr;
    for (const auto& f : model_fields())
      if (f.json_key == key) row = &f;
    if (!row) continue;  // unknown keys are ignored
    const std::string what = ctx + "." + given_key;
    OptionValue v;
    try {
      v = value_of_json(*row, value, what);
    } catch (const InputError& e) {  // the value's own messages do not all name it
      const std::string m = e.what();
      throw InputError(m.rfind(what, 0) == 0 ? m : what + ": " + m);
    }
    if (is_numeric(*row) && !in_range(*row, v.number) && !converts_safely(*row, v.number))
      throw InputError(what + ": " + expected_text(*row) + ", got '" + shortest(v.number, false) + "'");
    try {
      row->set(o, v);
    } catch (const NotAChoice&) {
      const std::string guess = closest_word(v.text, row->choices);
      throw InputError(what + ": " + expected_text(*row) + ", got '" + v.text + "'" +
                       (guess.empty() || guess == v.text ? "" : "; did you mean " + guess + "?"));
    }
    if (is_numeric(*row)) numbers.push_back({row, v.number, given_key});
  }
  validate(o);
  for (const Number& n : numbers)
    if (!in_range(*n.row, n.value))
      throw InputError(ctx + "." + n.key + ": " + expected_text(*n.row) + ", got '" + shortest(n.value, false) + "'");
  return o;
}

static Json number_array(const Real* v, Index n) {
  Json a = Json::array();
  for (Index i = 0; i < n; ++i) a.push(Json(v[i]));
  return a;
}

static Json string_array(const std::vector<std::string>& v) {
  Json a = Json::array();
  for (const auto& s : v) a.push(Json(s));
  return a;
}

static std::vector<std::string> strings_from(const Json& j, const std::string& what) {
  std::vector<std::string> out;
  for (const auto& v : j.items(what)) out.push_back(v.as_string(what));
  return out;
}

static void fill_from(const Json& j, Real* out, Index n, const std::string& what) {
  const auto& items = j.items(what);
  if (static_cast<Index>(items.size()) != n)
    throw InputError(what + ": the architecture needs " + std::to_string(n) + " values, the file has " +
                     std::to_string(items.size()));
  for (Index i = 0; i < n; ++i) out[i] = static_cast<Real>(items[static_cast<size_t>(i)].as_number(what));
}

Json model_to_json(Model& model, const ModelInfo& info) {
  Json j = Json::object();
  j.set("format", "hqnn-model");
  j.set("version", kModelFileVersion);
  j.set("model", to_json(model.options()));
  j.set("input_width", static_cast<long long>(model.input_width()));
  j.set("classes", string_array(info.class_names));
  j.set("features", string_array(info.feature_names));
  if (info.scaler) {
    Json s = Json::object();
    s.set("kind", scaling_kind_name(info.scaler->kind));
    s.set("offset", number_array(info.scaler->offset.data(), info.scaler->offset.size()));
    s.set("scale", number_array(info.scaler->scale.data(), info.scaler->scale.size()));
    j.set("scaling", s);
  } else {
    j.set("scaling", Json());
  }
  j.set("training", info.training);
  Json params = Json::object();
  for (const auto& b : model.params()) params.set(b.name, number_array(b.value, b.size));
  j.set("parameters", params);
  return j;
}

std::unique_ptr<Model> model_from_json(const Json& j, ModelInfo* info, const std::string& src) {
  const Json* format = j.get("format");
  if (!j.is_object() || !format || !format->is_string() || format->as_string() != "hqnn-model")
    throw InputError(src + ": not an hqnn model file (missing \"format\": \"hqnn-model\")");
  const int version = as_int(j.at("version", src), src + ": version");
  if (version < 1 || version > kModelFileVersion)
    throw InputError(src + ": model file version " + std::to_string(version) + " is not supported (this hqnn reads versions 1 " +
                     (kModelFileVersion == 2 ? "and " : "to ") + std::to_string(kModelFileVersion) + ")");
  const ModelOptions options = model_options_from_json(j.at("model", src), src + ": model", version);
  const int input_width = as_int(j.at("input_width", src), src + ": input_width");
  const std::vector<std::string> classes = strings_from(j.at("classes", src), src + ": classes");
  auto model = std::make_unique<Model>(options, input_width, static_cast<int>(classes.size()));
  const Json& params = j.at("parameters", src);
  params.members(src + ": parameters");
  size_t used = 0;
  for (const auto& b : model->params()) {
    const Json* v = params.get(b.name);
    if (!v) throw InputError(src + ": parameters: missing '" + b.name + "' required by the architecture");
    fill_from(*v, b.value, b.size, src + ": parameters." + b.name);
    ++used;
  }
  if (used != params.size())
    throw InputError(src + ": parameters: " + std::to_string(params.size() - used) +
                     " block(s) that the architecture does not have");
  if (info) {
    info->class_names = classes;
    if (const Json* f = j.get("features")) info->feature_names = strings_from(*f, src + ": features");
    info->scaler.reset();
    // "standardize": {mean, scale} is how files before min-max scaling stored it.
    const Json* legacy = j.get("standardize");
    if (const Json* s = j.get("scaling"); s && !s->is_null()) {
      const std::string ctx = src + ": scaling";
      const auto kind = parse_scaling_kind(s->at("kind", ctx).as_string(ctx + ".kind"));
      if (!kind || *kind == ScalingKind::none || *kind == ScalingKind::automatic)
        throw InputError(ctx + ".kind: expected standard or minmax");
      FeatureScaler sc;
      sc.kind = *kind;
      sc.offset.resize(input_width);
      sc.scale.resize(input_width);
      fill_from(s->at("offset", ctx), sc.offset.data(), input_width, ctx + ".offset");
      fill_from(s->at("scale", ctx), sc.scale.data(), input_width, ctx + ".scale");
      info->scaler = sc;
    } else if (legacy && !legacy->is_null()) {
      FeatureScaler sc;
      sc.kind = ScalingKind::standard;
      sc.offset.resize(input_width);
      sc.scale.resize(input_width);
      fill_from(legacy->at("mean", src + ": standardize"), sc.offset.data(), input_width, src + ": standardize.mean");
      fill_from(legacy->at("scale", src + ": standardize"), sc.scale.data(), input_width, src + ": standardize.scale");
      info->scaler = sc;
    }
    if (const Json* t = j.get("training")) info->training = *t;
  }
  return model;
}

void save_model(const std::string& path, Model& model, const ModelInfo& info) {
  write_whole_file(path, model_to_json(model, info).dump(1) + '\n');
}

std::unique_ptr<Model> load_model(const std::string& path, ModelInfo* info) {
  return model_from_json(Json::parse(read_whole_file(path), path), info, path);
}

}  // namespace hqnn
