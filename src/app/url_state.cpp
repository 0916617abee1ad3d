#include "url_state.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <map>

namespace hqnn::app {

// [SECTION] Number formatting and parsing -------------------------------------------------

// The shortest decimal that reads back as the same value, so hashes stay short
// ("0.01", not "0.010000000000000000208") and still round-trip exactly.
// Without the exponent's '+' (1e06, not 1e+06): links pass through tools
// that read '+' as a space.
static std::string without_plus(const char* text) {
  std::string out;
  for (const char* c = text; *c; ++c)
    if (*c != '+') out += *c;
  return out;
}

static std::string format_shortest(double value) {
  char buf[40];
  for (int precision = 1; precision <= 17; ++precision) {
    std::snprintf(buf, sizeof buf, "%.*g", precision, value);
    if (std::strtod(buf, nullptr) == value) break;
  }
  return without_plus(buf);
}

static std::string format_shortest(float value) {
  char buf[40];
  for (int precision = 1; precision <= 9; ++precision) {
    std::snprintf(buf, sizeof buf, "%.*g", precision, static_cast<double>(value));
    if (std::strtof(buf, nullptr) == value) break;
  }
  return without_plus(buf);
}

static bool parse_double(const std::string& text, double& out) {
  if (text.empty()) return false;
  char* end = nullptr;
  errno = 0;
  const double v = std::strtod(text.c_str(), &end);
  if (errno != 0 || *end != '\0' || !(v == v)) return false;
  out = v;
  return true;
}

static bool parse_long(const std::string& text, long long& out) {
  if (text.empty()) return false;
  char* end = nullptr;
  errno = 0;
  const long long v = std::strtoll(text.c_str(), &end, 10);
  if (errno != 0 || *end != '\0') return false;
  out = v;
  return true;
}

static bool parse_bool(const std::string& text, bool& out) {
  if (text == "1" || text == "true" || text == "on" || text.empty()) return out = true, true;
  if (text == "0" || text == "false" || text == "off") return out = false, true;
  return false;
}

// Percent-decoding for values typed or pasted into the address bar.
static std::string url_decode(const std::string& text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size()) {
      const std::string hex = text.substr(i + 1, 2);
      char* end = nullptr;
      const long v = std::strtol(hex.c_str(), &end, 16);
      if (*end == '\0') {
        out += static_cast<char>(v);
        i += 2;
        continue;
      }
    }
    out += text[i];  // '+' stays '+': a fragment is not a form, and 1e+06 is a number
  }
  return out;
}

static std::vector<std::string> split(const std::string& text, char sep) {
  std::vector<std::string> parts;
  size_t start = 0;
  while (start <= text.size()) {
    const size_t end = text.find(sep, start);
    const std::string part = text.substr(start, end == std::string::npos ? std::string::npos : end - start);
    if (!part.empty()) parts.push_back(part);
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return parts;
}

static std::string join_ints(const std::vector<int>& values) {
  std::string out;
  for (size_t i = 0; i < values.size(); ++i) out += (i ? "," : "") + std::to_string(values[i]);
  return out;
}

// [SECTION] Datasets -----------------------------------------------------------------------

const std::vector<std::string>& playground_dataset_names() {
  static const std::vector<std::string> names = {"iris", "fashion-mnist-subset", "mnist-subset"};
  return names;
}

bool is_image_dataset(const std::string& dataset) {
  return dataset == "fashion-mnist-subset" || dataset == "mnist-subset";
}

// The playground only ships the committed subsets; the full sets' names mean them.
static std::string canonical_dataset(const std::string& name) {
  if (name == "fashion-mnist" || name == "fashion") return "fashion-mnist-subset";
  if (name == "mnist") return "mnist-subset";
  return name;
}

PlaygroundSettings image_defaults() {
  PlaygroundSettings s;
  s.dataset = "fashion-mnist-subset";
  s.model.kind = ModelKind::qdcnn;
  s.model.width = 16;
  s.train.batch = 64;  // D6
  s.train.epochs = 10;
  s.noise.magnitude = 0.2;  // pixels are in [0, 1]
  s.arena_model = ModelKind::cnn_leaky;
  return s;
}

// [SECTION] Keys ---------------------------------------------------------------------------

namespace {

// One key of the hash: how to read it into the settings (returns an error
// message, empty on success).
using KeyReader = std::function<std::string(const std::string& value, PlaygroundSettings& s)>;

KeyReader int_key(long long lo, long long hi, std::function<void(PlaygroundSettings&, long long)> set) {
  return [=](const std::string& value, PlaygroundSettings& s) -> std::string {
    long long v = 0;
    if (!parse_long(value, v) || v < lo || v > hi)
      return "expected an integer in [" + std::to_string(lo) + ", " + std::to_string(hi) + "], got '" + value + "'";
    set(s, v);
    return {};
  };
}

KeyReader real_key(double lo, double hi, std::function<void(PlaygroundSettings&, double)> set) {
  return [=](const std::string& value, PlaygroundSettings& s) -> std::string {
    double v = 0;
    if (!parse_double(value, v) || v < lo || v > hi)
      return "expected a number in [" + format_shortest(lo) + ", " + format_shortest(hi) + "], got '" + value + "'";
    set(s, v);
    return {};
  };
}

KeyReader bool_key(std::function<void(PlaygroundSettings&, bool)> set) {
  return [=](const std::string& value, PlaygroundSettings& s) -> std::string {
    bool v = false;
    if (!parse_bool(value, v)) return "expected 0 or 1, got '" + value + "'";
    set(s, v);
    return {};
  };
}

const std::map<std::string, KeyReader>& key_readers() {
  static const std::map<std::string, KeyReader> readers = {
      {"data",
       [](const std::string& v, PlaygroundSettings& s) -> std::string {
         const std::string name = canonical_dataset(v);
         const auto& names = playground_dataset_names();
         if (name != "csv" && std::find(names.begin(), names.end(), name) == names.end())
           return "expected iris, fashion-mnist-subset, mnist-subset or csv, got '" + v + "'";
         s.dataset = name;
         return {};
       }},
      {"model",
       [](const std::string& v, PlaygroundSettings& s) -> std::string {
         const auto kind = parse_model_kind(v);
         if (!kind) return std::string("expected one of ") + model_kind_list() + ", got '" + v + "'";
         s.model.kind = *kind;
         return {};
       }},
      {"arena_model",
       [](const std::string& v, PlaygroundSettings& s) -> std::string {
         const auto kind = parse_model_kind(v);
         if (!kind) return std::string("expected one of ") + model_kind_list() + ", got '" + v + "'";
         s.arena_model = *kind;
         return {};
       }},
      {"noise",
       [](const std::string& v, PlaygroundSettings& s) -> std::string {
         if (v == "none" || v == "0") return s.noise_enabled = false, std::string();
         const auto kind = parse_noise_kind(v);
         if (!kind) return "expected none or a noise kind (gaussian-sym, gaussian-asym, ...), got '" + v + "'";
         s.noise_enabled = true;
         s.noise.kind = *kind;
         return {};
       }},
      {"attack",
       [](const std::string& v, PlaygroundSettings& s) -> std::string {
         if (v == "none" || v == "0") return s.attack_enabled = false, std::string();
         const auto form = parse_attack_form(v);
         if (!form) return "expected none, inside (1) or outside (2), got '" + v + "'";
         s.attack_enabled = true;
         s.attack.form = *form;
         return {};
       }},
      {"attack_noise",
       [](const std::string& v, PlaygroundSettings& s) -> std::string {
         const auto kind = parse_noise_kind(v);
         if (!kind) return "expected a noise kind (gaussian-sym, gaussian-asym, ...), got '" + v + "'";
         s.attack.noise = *kind;
         return {};
       }},
      {"attack_mode",
       [](const std::string& v, PlaygroundSettings& s) -> std::string {
         const auto mode = parse_attack_mode(v);
         if (!mode) return "expected persistent or transient, got '" + v + "'";
         s.attack.mode = *mode;
         return {};
       }},
      {"attack_layers",
       [](const std::string& v, PlaygroundSettings& s) -> std::string {
         std::vector<int> layers;
         for (const std::string& item : split(v, ',')) {
           long long l = 0;
           if (!parse_long(item, l) || l < 0 || l > 63) return "expected layer numbers 0..63, got '" + item + "'";
           layers.push_back(int(l));
         }
         s.attack.layer_list = std::move(layers);
         return {};
       }},
      {"opt",
       [](const std::string& v, PlaygroundSettings& s) -> std::string {
         const auto kind = parse_optimizer_kind(v);
         if (!kind) return "expected adam or sgd, got '" + v + "'";
         s.train.optimizer.kind = *kind;
         return {};
       }},
      {"init",
       [](const std::string& v, PlaygroundSettings& s) -> std::string {
         if (v != "uniform" && v != "normal") return "expected uniform or normal, got '" + v + "'";
         s.model.angle_init_normal = v == "normal";
         return {};
       }},
      {"panels",
       [](const std::string& v, PlaygroundSettings& s) -> std::string {
         // panel ids are plain words; anything else could not be written back into a link as is
         std::vector<std::string> panels = split(v, ',');
         for (const std::string& p : panels)
           if (p.empty() || p.size() > 32 ||
               !std::all_of(p.begin(), p.end(), [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-'; }))
             return "'" + p + "' is not a panel name (letters a-z, digits, '_' and '-')";
         s.panels = std::move(panels);
         return {};
       }},
      {"L", int_key(1, 64, [](PlaygroundSettings& s, long long v) { s.model.layers = int(v); })},
      {"width", int_key(0, 4096, [](PlaygroundSettings& s, long long v) { s.model.width = int(v); })},
      {"batch", int_key(1, 65536, [](PlaygroundSettings& s, long long v) { s.train.batch = int(v); })},
      {"epochs", int_key(1, 1000000, [](PlaygroundSettings& s, long long v) { s.train.epochs = int(v); })},
      {"seed", int_key(0, (1LL << 53), [](PlaygroundSettings& s, long long v) { s.set_seed(uint64_t(v)); })},
      {"fx", int_key(0, 4095, [](PlaygroundSettings& s, long long v) { s.feature_x = int(v); })},
      {"fy", int_key(0, 4095, [](PlaygroundSettings& s, long long v) { s.feature_y = int(v); })},
      {"ds", int_key(1, 7, [](PlaygroundSettings& s, long long v) { s.downsample = int(v); })},
      {"c1", int_key(1, 256, [](PlaygroundSettings& s, long long v) { s.model.conv1_channels = int(v); })},
      {"c2", int_key(1, 256, [](PlaygroundSettings& s, long long v) { s.model.conv2_channels = int(v); })},
      {"attack_k", int_key(1, 64, [](PlaygroundSettings& s, long long v) { s.attack.layers = int(v); })},
      {"attack_epoch", int_key(0, 1000000, [](PlaygroundSettings& s, long long v) { s.attack_epoch = int(v); })},
      {"attack_m", real_key(0, 1e6, [](PlaygroundSettings& s, double v) { s.attack.magnitude = v; })},
      {"noise_m", real_key(0, 1e6, [](PlaygroundSettings& s, double v) { s.noise.magnitude = v; })},
      {"noise_f", real_key(0.001, 1, [](PlaygroundSettings& s, double v) { s.noise.max_fraction = v; })},
      {"noise_train", bool_key([](PlaygroundSettings& s, bool v) { s.noise.train = v; })},
      {"noise_test", bool_key([](PlaygroundSettings& s, bool v) { s.noise.test = v; })},
      {"arena", bool_key([](PlaygroundSettings& s, bool v) { s.arena = v; })},
      {"sample", int_key(0, 1 << 30, [](PlaygroundSettings& s, long long v) { s.sample = int(v); })},
      {"lr", real_key(0, 10, [](PlaygroundSettings& s, double v) { s.train.optimizer.lr = v; })},
      {"momentum", real_key(0, 1, [](PlaygroundSettings& s, double v) { s.train.optimizer.momentum = v; })},
      {"test", real_key(0.01, 0.99, [](PlaygroundSettings& s, double v) { s.test_fraction = v; })},
      {"init_scale", real_key(0, 100, [](PlaygroundSettings& s, double v) { s.model.angle_init_scale = Real(v); })},
      {"lambda", real_key(-100, 100, [](PlaygroundSettings& s, double v) { s.model.lambda_init = Real(v); })},
      {"slope", real_key(0, 1, [](PlaygroundSettings& s, double v) { s.model.leaky_slope = Real(v); })},
      {"lambda_train", bool_key([](PlaygroundSettings& s, bool v) { s.model.train_lambda = v; })},
      {"lambda_inv", bool_key([](PlaygroundSettings& s, bool v) { s.model.dense_lambda_inverse = v; })},
      {"renorm", bool_key([](PlaygroundSettings& s, bool v) { s.model.renormalize = v; })},
      {"std", bool_key([](PlaygroundSettings& s, bool v) { s.standardize = v; })},
      {"play", bool_key([](PlaygroundSettings& s, bool v) { s.autoplay = v; })},
      {"embed", bool_key([](PlaygroundSettings& s, bool v) { s.embed = v; })},
  };
  return readers;
}

}  // namespace

// [SECTION] Parse and serialise ------------------------------------------------------------

static ParsedHash parse_fields(const std::string& hash) {
  ParsedHash parsed;
  std::string body = hash;
  if (!body.empty() && body[0] == '#') body.erase(0, 1);
  const auto& readers = key_readers();
  const std::vector<std::string> items = split(body, '&');
  for (const std::string& item : items)  // image data has its own defaults
    if (item.rfind("data=", 0) == 0 && is_image_dataset(canonical_dataset(url_decode(item.substr(5)))))
      parsed.settings = image_defaults();
  for (const std::string& item : items) {
    const size_t eq = item.find('=');
    const std::string key = url_decode(item.substr(0, eq));
    const std::string value = eq == std::string::npos ? std::string() : url_decode(item.substr(eq + 1));
    const auto reader = readers.find(key);
    if (reader == readers.end()) {
      parsed.errors.push_back("unknown setting '" + key + "'");
      continue;
    }
    const std::string error = reader->second(value, parsed.settings);
    if (!error.empty()) parsed.errors.push_back(key + ": " + error);
  }
  return parsed;
}

// A key that does not apply (ds= for iris, noise_m= without noise=, ...) is not
// written back by to_hash(); reading the written hash again drops such values,
// so that the settings are exactly what their link reproduces.
ParsedHash parse_hash(const std::string& hash) {
  ParsedHash parsed = parse_fields(hash);
  // Written back and read again, so that a link always reads as what it shows;
  // an error here is ours (a value this code cannot write back), not the user's.
  const ParsedHash canonical = parse_fields(to_hash(parsed.settings));
  for (const std::string& e : canonical.errors) parsed.errors.push_back("internal: " + e);
  parsed.settings = canonical.settings;
  return parsed;
}

std::string to_hash(const PlaygroundSettings& s) {
  const ModelOptions& m = s.model;
  const TrainOptions& t = s.train;
  std::string h = "#data=" + s.dataset;
  if (is_image_dataset(s.dataset)) h += "&ds=" + std::to_string(s.downsample);
  h += std::string("&model=") + model_kind_name(m.kind);
  if (is_convolutional(m.kind) || (s.arena && is_convolutional(s.arena_model)))
    h += "&c1=" + std::to_string(m.conv1_channels) + "&c2=" + std::to_string(m.conv2_channels);
  h += "&L=" + std::to_string(m.layers);
  h += "&width=" + std::to_string(m.width);
  h += std::string("&opt=") + optimizer_kind_name(t.optimizer.kind);
  h += "&lr=" + format_shortest(t.optimizer.lr);
  if (t.optimizer.kind == OptimizerKind::sgd) h += "&momentum=" + format_shortest(t.optimizer.momentum);
  h += "&batch=" + std::to_string(t.batch);
  h += "&epochs=" + std::to_string(t.epochs);
  h += "&seed=" + std::to_string(m.seed);
  h += "&test=" + format_shortest(s.test_fraction);
  h += std::string("&std=") + (s.standardize ? "1" : "0");
  h += std::string("&init=") + (m.angle_init_normal ? "normal" : "uniform");
  h += "&init_scale=" + format_shortest(m.angle_init_scale);
  h += "&lambda=" + format_shortest(m.lambda_init);
  h += std::string("&lambda_train=") + (m.train_lambda ? "1" : "0");
  h += std::string("&lambda_inv=") + (m.dense_lambda_inverse ? "1" : "0");
  h += std::string("&renorm=") + (m.renormalize ? "1" : "0");
  if (m.kind == ModelKind::mlp_leaky) h += "&slope=" + format_shortest(m.leaky_slope);
  h += "&fx=" + std::to_string(s.feature_x) + "&fy=" + std::to_string(s.feature_y);
  h += "&sample=" + std::to_string(s.sample);
  if (s.noise_enabled) {
    h += std::string("&noise=") + noise_kind_name(s.noise.kind);
    h += "&noise_m=" + format_shortest(s.noise.magnitude) + "&noise_f=" + format_shortest(s.noise.max_fraction);
    h += std::string("&noise_train=") + (s.noise.train ? "1" : "0") + "&noise_test=" + (s.noise.test ? "1" : "0");
  }
  if (s.attack_enabled) {
    const AttackOptions& a = s.attack;
    h += std::string("&attack=") + attack_form_name(a.form) + "&attack_noise=" + noise_kind_name(a.noise);
    h += "&attack_m=" + format_shortest(a.magnitude) + "&attack_mode=" + attack_mode_name(a.mode);
    h += "&attack_k=" + std::to_string(a.layers);
    if (!a.layer_list.empty()) h += "&attack_layers=" + join_ints(a.layer_list);
    h += "&attack_epoch=" + std::to_string(s.attack_epoch);
  }
  if (s.arena) h += std::string("&arena=1&arena_model=") + model_kind_name(s.arena_model);
  if (s.autoplay) h += "&play=1";
  if (s.embed) h += "&embed=1";
  if (!s.panels.empty()) {
    h += "&panels=";
    for (size_t i = 0; i < s.panels.size(); ++i) h += (i ? "," : "") + s.panels[i];
  }
  return h;
}

static bool same_noise_and_attack(const PlaygroundSettings& a, const PlaygroundSettings& b) {
  const DatasetNoiseOptions &na = a.noise, &nb = b.noise;
  const AttackOptions &aa = a.attack, &ab = b.attack;
  return a.noise_enabled == b.noise_enabled && na.kind == nb.kind && na.magnitude == nb.magnitude &&
         na.max_fraction == nb.max_fraction && na.train == nb.train && na.test == nb.test &&
         a.attack_enabled == b.attack_enabled && aa.form == ab.form && aa.noise == ab.noise &&
         aa.magnitude == ab.magnitude && aa.mode == ab.mode && aa.layers == ab.layers &&
         aa.layer_list == ab.layer_list && a.attack_epoch == b.attack_epoch;
}

bool operator==(const PlaygroundSettings& a, const PlaygroundSettings& b) {
  const ModelOptions &ma = a.model, &mb = b.model;
  const TrainOptions &ta = a.train, &tb = b.train;
  return a.dataset == b.dataset && ma.kind == mb.kind && ma.layers == mb.layers && ma.width == mb.width &&
         ma.renormalize == mb.renormalize && ma.train_lambda == mb.train_lambda && ma.lambda_init == mb.lambda_init &&
         ma.dense_lambda_inverse == mb.dense_lambda_inverse && ma.angle_init_normal == mb.angle_init_normal &&
         ma.angle_init_scale == mb.angle_init_scale && ma.leaky_slope == mb.leaky_slope && ma.seed == mb.seed &&
         ta.epochs == tb.epochs && ta.batch == tb.batch && ta.seed == tb.seed &&
         ta.optimizer.kind == tb.optimizer.kind && ta.optimizer.lr == tb.optimizer.lr &&
         ta.optimizer.momentum == tb.optimizer.momentum && a.test_fraction == b.test_fraction &&
         a.standardize == b.standardize && a.feature_x == b.feature_x && a.feature_y == b.feature_y &&
         a.sample == b.sample && a.autoplay == b.autoplay && a.embed == b.embed && a.panels == b.panels &&
         a.downsample == b.downsample && ma.conv1_channels == mb.conv1_channels &&
         ma.conv2_channels == mb.conv2_channels && same_noise_and_attack(a, b) && a.arena == b.arena &&
         a.arena_model == b.arena_model;
}

}  // namespace hqnn::app
