#include "model_io.hpp"

#include <cmath>

#include "whole_file.hpp"

namespace hqnn {

Json to_json(const ModelOptions& o) {
  Json j = Json::object();
  j.set("kind", model_kind_name(o.kind));
  j.set("layers", o.layers);
  j.set("width", o.width);
  j.set("renormalize", o.renormalize);
  j.set("train_lambda", o.train_lambda);
  j.set("lambda_init", o.lambda_init);
  j.set("dense_lambda_inverse", o.dense_lambda_inverse);
  j.set("angle_init", o.angle_init_normal ? "normal" : "uniform");
  j.set("angle_init_scale", o.angle_init_scale);
  j.set("leaky_slope", o.leaky_slope);
  if (is_convolutional(o.kind)) {
    j.set("conv_channels", [&] { Json a = Json::array(); a.push(o.conv1_channels); a.push(o.conv2_channels); return a; }());
    j.set("image", [&] {
      Json a = Json::array();
      a.push(o.image_channels);
      a.push(o.image_height);
      a.push(o.image_width);
      return a;
    }());
  }
  j.set("seed", static_cast<unsigned long long>(o.seed));
  return j;
}

static int as_int(const Json& v, const std::string& what) {
  const double d = v.as_number(what);
  if (!(d == std::floor(d)) || std::abs(d) > 1e9) throw InputError(what + ": expected an integer");
  return static_cast<int>(d);
}

ModelOptions model_options_from_json(const Json& j, const std::string& ctx) {
  j.members(ctx);
  ModelOptions o;
  if (const Json* v = j.get("kind")) {
    const auto kind = parse_model_kind(v->as_string(ctx + ".kind"));
    if (!kind) throw InputError(ctx + ".kind: unknown model '" + v->as_string() + "' (" + model_kind_list() + ")");
    o.kind = *kind;
  }
  if (const Json* v = j.get("layers")) o.layers = as_int(*v, ctx + ".layers");
  if (const Json* v = j.get("width")) o.width = as_int(*v, ctx + ".width");
  if (const Json* v = j.get("renormalize")) o.renormalize = v->as_bool(ctx + ".renormalize");
  if (const Json* v = j.get("train_lambda")) o.train_lambda = v->as_bool(ctx + ".train_lambda");
  if (const Json* v = j.get("lambda_init")) o.lambda_init = static_cast<Real>(v->as_number(ctx + ".lambda_init"));
  if (const Json* v = j.get("dense_lambda_inverse")) o.dense_lambda_inverse = v->as_bool(ctx + ".dense_lambda_inverse");
  if (const Json* v = j.get("angle_init")) {
    const std::string& s = v->as_string(ctx + ".angle_init");
    if (s != "normal" && s != "uniform") throw InputError(ctx + ".angle_init: expected 'uniform' or 'normal', got '" + s + "'");
    o.angle_init_normal = s == "normal";
  }
  if (const Json* v = j.get("angle_init_scale")) o.angle_init_scale = static_cast<Real>(v->as_number(ctx + ".angle_init_scale"));
  if (const Json* v = j.get("leaky_slope")) o.leaky_slope = static_cast<Real>(v->as_number(ctx + ".leaky_slope"));
  if (const Json* v = j.get("conv_channels")) {
    const auto& c = v->items(ctx + ".conv_channels");
    if (c.size() != 2) throw InputError(ctx + ".conv_channels: expected [c1, c2]");
    o.conv1_channels = as_int(c[0], ctx + ".conv_channels");
    o.conv2_channels = as_int(c[1], ctx + ".conv_channels");
  }
  if (const Json* v = j.get("image")) {
    const auto& s = v->items(ctx + ".image");
    if (s.size() != 3) throw InputError(ctx + ".image: expected [channels, height, width]");
    o.image_channels = as_int(s[0], ctx + ".image");
    o.image_height = as_int(s[1], ctx + ".image");
    o.image_width = as_int(s[2], ctx + ".image");
  }
  if (const Json* v = j.get("seed")) {
    const double s = v->as_number(ctx + ".seed");
    if (!(s >= 0 && s == std::floor(s) && s < 9007199254740992.0)) throw InputError(ctx + ".seed: expected a non-negative integer");
    o.seed = static_cast<uint64_t>(s);
  }
  validate(o);
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
  if (version != kModelFileVersion)
    throw InputError(src + ": model file version " + std::to_string(version) + " is not supported (this hqnn reads version " +
                     std::to_string(kModelFileVersion) + ")");
  const ModelOptions options = model_options_from_json(j.at("model", src), src + ": model");
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
