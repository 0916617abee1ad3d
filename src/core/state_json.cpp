#include "state_json.hpp"

#include <cmath>
#include <limits>

#include "input_error.hpp"

namespace hqnn {

Json exact_number(double v) {
  if (std::isnan(v)) return Json(std::signbit(v) ? "-nan" : "nan");  // x86's default NaN is negative
  if (std::isinf(v)) return Json(v > 0 ? "inf" : "-inf");
  return Json(v, 17);
}

double exact_number_of(const Json& j, const std::string& context) {
  if (j.is_string()) {
    const std::string& s = j.as_string(context);
    if (s == "nan") return std::numeric_limits<double>::quiet_NaN();
    if (s == "-nan") return -std::numeric_limits<double>::quiet_NaN();
    if (s == "inf") return std::numeric_limits<double>::infinity();
    if (s == "-inf") return -std::numeric_limits<double>::infinity();
    throw InputError(context + ": expected a number, \"nan\", \"-nan\", \"inf\" or \"-inf\", got \"" + s + "\"");
  }
  return j.as_number(context);
}

long long whole_number_of(const Json& j, long long lo, long long hi, const std::string& context) {
  const double v = j.as_number(context);
  if (!(v >= static_cast<double>(lo) && v <= static_cast<double>(hi)) || v != std::floor(v))
    throw InputError(context + ": expected a whole number in " + std::to_string(lo) + ".." + std::to_string(hi));
  return static_cast<long long>(v);
}

Json exact_numbers(const Real* values, size_t count) {
  Json a = Json::array();
  for (size_t i = 0; i < count; ++i) a.push(exact_number(static_cast<double>(values[i])));
  return a;
}

std::vector<double> exact_numbers_of(const Json& j, const std::string& context) {
  std::vector<double> out;
  for (const Json& v : j.items(context)) out.push_back(exact_number_of(v, context));
  return out;
}

static std::string hex64(uint64_t v) {
  static const char* digits = "0123456789abcdef";
  std::string s(16, '0');
  for (int i = 15; i >= 0; --i, v >>= 4) s[static_cast<size_t>(i)] = digits[v & 15];
  return s;
}

static uint64_t parse_hex64(const std::string& s, const std::string& context) {
  if (s.size() != 16) throw InputError(context + ": expected 16 hex digits");
  uint64_t v = 0;
  for (char c : s) {
    const int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
    if (d < 0) throw InputError(context + ": expected 16 hex digits");
    v = (v << 4) | static_cast<uint64_t>(d);
  }
  return v;
}

Json rng_state_json(const Rng::State& state) {
  Json words = Json::array();
  for (uint64_t w : state.s) words.push(hex64(w));
  Json j = Json::object();
  j.set("words", words);
  j.set("has_spare", state.has_spare);
  j.set("spare", exact_number(state.spare));
  return j;
}

Rng::State rng_state_of(const Json& j, const std::string& context) {
  const auto& words = j.at("words", context).items(context + ".words");
  if (words.size() != 4) throw InputError(context + ".words: expected 4 words");
  Rng::State st{};
  for (size_t i = 0; i < 4; ++i) st.s[i] = parse_hex64(words[i].as_string(context + ".words"), context + ".words");
  if (st.s[0] == 0 && st.s[1] == 0 && st.s[2] == 0 && st.s[3] == 0)
    throw InputError(context + ".words: all zero is not a generator state");
  st.has_spare = j.at("has_spare", context).as_bool(context + ".has_spare");
  st.spare = exact_number_of(j.at("spare", context), context + ".spare");
  return st;
}

}  // namespace hqnn
