#include "url_state.hpp"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <map>

namespace hqnn::app {

// [SECTION] Number formatting and parsing -------------------------------------------------

// The shortest decimal that reads back as the same value, so hashes stay short
// ("0.01", not "0.010000000000000000208") and still round-trip exactly.
static std::string format_shortest(double value) {
  char buf[40];
  for (int precision = 1; precision <= 17; ++precision) {
    std::snprintf(buf, sizeof buf, "%.*g", precision, value);
    if (std::strtod(buf, nullptr) == value) break;
  }
  return buf;
}

static std::string format_shortest(float value) {
  char buf[40];
  for (int precision = 1; precision <= 9; ++precision) {
    std::snprintf(buf, sizeof buf, "%.*g", precision, static_cast<double>(value));
    if (std::strtof(buf, nullptr) == value) break;
  }
  return buf;
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
    out += text[i] == '+' ? ' ' : text[i];
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
         if (v != "iris" && v != "csv") return "expected 'iris' or 'csv', got '" + v + "'";
         s.dataset = v;
         return {};
       }},
      {"model",
       [](const std::string& v, PlaygroundSettings& s) -> std::string {
         const auto kind = parse_model_kind(v);
         if (!kind) return "expected tqfnn, qrfnn, qdfnn, mlp-leaky or mlp-rot, got '" + v + "'";
         s.model.kind = *kind;
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
         s.panels = split(v, ',');
         return {};
       }},
      {"L", int_key(1, 64, [](PlaygroundSettings& s, long long v) { s.model.layers = int(v); })},
      {"width", int_key(0, 4096, [](PlaygroundSettings& s, long long v) { s.model.width = int(v); })},
      {"batch", int_key(1, 65536, [](PlaygroundSettings& s, long long v) { s.train.batch = int(v); })},
      {"epochs", int_key(1, 1000000, [](PlaygroundSettings& s, long long v) { s.train.epochs = int(v); })},
      {"seed", int_key(0, (1LL << 53), [](PlaygroundSettings& s, long long v) { s.set_seed(uint64_t(v)); })},
      {"fx", int_key(0, 4095, [](PlaygroundSettings& s, long long v) { s.feature_x = int(v); })},
      {"fy", int_key(0, 4095, [](PlaygroundSettings& s, long long v) { s.feature_y = int(v); })},
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

ParsedHash parse_hash(const std::string& hash) {
  ParsedHash parsed;
  std::string body = hash;
  if (!body.empty() && body[0] == '#') body.erase(0, 1);
  const auto& readers = key_readers();
  for (const std::string& item : split(body, '&')) {
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

std::string to_hash(const PlaygroundSettings& s) {
  const ModelOptions& m = s.model;
  const TrainOptions& t = s.train;
  std::string h = "#data=" + s.dataset;
  h += std::string("&model=") + model_kind_name(m.kind);
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
  if (s.autoplay) h += "&play=1";
  if (s.embed) h += "&embed=1";
  if (!s.panels.empty()) {
    h += "&panels=";
    for (size_t i = 0; i < s.panels.size(); ++i) h += (i ? "," : "") + s.panels[i];
  }
  return h;
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
         a.sample == b.sample && a.autoplay == b.autoplay && a.embed == b.embed && a.panels == b.panels;
}

}  // namespace hqnn::app
