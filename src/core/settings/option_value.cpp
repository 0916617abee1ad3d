#include "option_value.hpp"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "core/input_error.hpp"

namespace hqnn {

bool is_numeric(const ValueFormat& f) {
  return f.type == OptionType::integer || f.type == OptionType::real || f.type == OptionType::seed;
}

bool in_range(const ValueFormat& f, double v) { return v >= f.min && v <= f.max; }

bool converts_safely(const ValueFormat& f, double v) {
  switch (f.type) {
    case OptionType::integer: return v >= -2147483648.0 && v <= 2147483647.0;
    case OptionType::seed: return false;  // only [0, 2^53) is accepted: nothing outside it is set
    case OptionType::real: return std::isfinite(v) && (!f.single_precision || std::fabs(v) <= 3.4e38);
    default: return true;
  }
}

// "0.01", not "0.010000000000000000208"; no exponent '+' (links pass through
// tools that read '+' as a space).
std::string shortest(double value, bool single) {
  char buf[40];
  if (value == std::floor(value) && std::fabs(value) < 1e15) {  // whole numbers as such: 100, not 1e02
    std::snprintf(buf, sizeof buf, "%.0f", value);
    return buf;
  }
  for (int precision = 1; precision <= 17; ++precision) {
    std::snprintf(buf, sizeof buf, "%.*g", precision, value);
    if (single ? std::strtof(buf, nullptr) == static_cast<float>(value) : std::strtod(buf, nullptr) == value) break;
  }
  std::string out;
  for (const char* c = buf; *c; ++c)
    if (*c != '+') out += *c;
  return out;
}

static std::string range_text(const ValueFormat& f) {
  return "[" + shortest(f.min, false) + ", " + shortest(f.max, false) + "]";
}

// "a or b", "a, b, c or d"; five words and more: "one of a, b, c, d, e".
static std::string words_text(const std::vector<std::string>& words) {
  std::string out = words.size() > 4 ? "one of " : "";
  for (size_t i = 0; i < words.size(); ++i)
    out += (i == 0 ? "" : words.size() <= 4 && i + 1 == words.size() ? " or " : ", ") + words[i];
  return out;
}

std::string expected_text(const ValueFormat& f) {
  switch (f.type) {
    case OptionType::integer:
    case OptionType::seed: return "expected a whole number in " + range_text(f);
    case OptionType::real: return "expected a number in " + range_text(f);
    case OptionType::flag: return "expected 1 or 0";
    case OptionType::choice: return "expected " + words_text(f.choices);
    case OptionType::text: return "expected a text";
    case OptionType::int_list:
      return "expected a comma-separated list of whole numbers in " + range_text(f) +
             (f.empty_word.empty() ? "" : " or " + f.empty_word);
  }
  return "";
}

std::string value_text(const ValueFormat& f, const OptionValue& v) {
  switch (f.type) {
    case OptionType::integer:
    case OptionType::seed: return shortest(v.number, false);
    case OptionType::real: return shortest(v.number, f.single_precision);
    case OptionType::flag: return v.number != 0 ? "1" : "0";
    case OptionType::choice:
    case OptionType::text: return v.text;
    case OptionType::int_list: {
      if (v.list.empty()) return f.empty_word;
      std::string out;
      for (size_t i = 0; i < v.list.size(); ++i) out += (i ? "," : "") + std::to_string(v.list[i]);
      return out;
    }
  }
  return "";
}

// Plain decimal notation only: digits, one sign, a point, an exponent ("1e-3").
// No hex ("0x10"), no spaces, no "inf" or "nan", which strtod would take.
static bool decimal_text(const std::string& text) {
  if (text.empty()) return false;
  for (char c : text)
    if (!std::isdigit(static_cast<unsigned char>(c)) && c != '-' && c != '+' && c != '.' && c != 'e' && c != 'E')
      return false;
  return std::isdigit(static_cast<unsigned char>(text[0])) || text[0] == '-' || text[0] == '+' || text[0] == '.';
}

// A number of the format's type as a double; its range is checked by the caller
// (set_checked), after the core's own checks of values the field can hold.
static double number_of(const ValueFormat& f, const std::string& text) {
  char* end = nullptr;
  errno = 0;
  const double v = std::strtod(text.c_str(), &end);
  const bool ok = decimal_text(text) && *end == '\0' && errno != ERANGE && std::isfinite(v) &&
                  (f.type == OptionType::real || v == std::floor(v));
  if (!ok) throw InputError(expected_text(f) + ", got '" + text + "'");
  return v;
}

static bool flag_of(const std::string& text) {
  if (text == "1" || text == "true" || text == "on") return true;
  if (text == "0" || text == "false" || text == "off") return false;
  throw InputError("expected 1 or 0, got '" + text + "'");
}

static std::string list_size_text(const ValueFormat& f) {
  return "expected " + std::to_string(f.list_size) + " numbers" + (f.list_size == 2 ? ", e.g. 8,16" : "");
}

static std::vector<int> list_of(const ValueFormat& f, const std::string& text) {
  std::vector<int> out;
  if (!f.empty_word.empty() && text == f.empty_word) return out;
  size_t pos = 0;
  while (pos <= text.size()) {
    const size_t comma = std::min(text.find(',', pos), text.size());
    const std::string item = text.substr(pos, comma - pos);
    char* end = nullptr;
    errno = 0;
    const long v = std::strtol(item.c_str(), &end, 10);
    const bool digits = !item.empty() && (std::isdigit(static_cast<unsigned char>(item[0])) || item[0] == '-');
    if (!digits || *end != '\0' || errno == ERANGE || v < f.min || v > f.max)
      throw InputError(expected_text(f) + ", got '" + text + "'");
    out.push_back(static_cast<int>(v));
    pos = comma + 1;
  }
  if (f.list_size && out.size() != f.list_size) throw InputError(list_size_text(f) + ", got '" + text + "'");
  return out;
}

OptionValue value_of_text(const ValueFormat& f, const std::string& text) {
  OptionValue v;
  switch (f.type) {
    case OptionType::integer:
    case OptionType::real:
    case OptionType::seed: v.number = number_of(f, text); break;
    case OptionType::flag: v.number = flag_of(text); break;
    case OptionType::choice:
    case OptionType::text: v.text = text; break;
    case OptionType::int_list: v.list = list_of(f, text); break;
  }
  return v;
}

Json value_json(const ValueFormat& f, const OptionValue& v) {
  switch (f.type) {
    case OptionType::integer:
    case OptionType::seed: return Json(static_cast<long long>(v.number));
    case OptionType::real: return f.single_precision ? Json(static_cast<float>(v.number)) : Json(v.number);
    case OptionType::flag: return Json(v.number != 0);
    case OptionType::choice:
    case OptionType::text: return Json(v.text);
    case OptionType::int_list: {
      Json a = Json::array();
      for (int x : v.list) a.push(x);
      return a;
    }
  }
  return Json();
}

// Numbers go through their shortest text, so JSON and text are checked alike.
OptionValue value_of_json(const ValueFormat& f, const Json& json, const std::string& what) {
  switch (f.type) {
    case OptionType::integer:
    case OptionType::real:
    case OptionType::seed: return value_of_text(f, shortest(json.as_number(what), false));
    case OptionType::flag: return OptionValue{json.as_bool(what) ? 1.0 : 0.0, {}, {}};
    case OptionType::choice:
    case OptionType::text: return OptionValue{0, json.as_string(what), {}};
    case OptionType::int_list: {
      std::string text;
      for (const Json& x : json.items(what)) text += (text.empty() ? "" : ",") + shortest(x.as_number(what), false);
      if (text.empty() && f.list_size) throw InputError(list_size_text(f) + ", got []");
      if (text.empty()) return OptionValue{};  // [] is the empty list ("all" where the format has that word)
      return value_of_text(f, text);
    }
  }
  return {};
}

static size_t edit_distance(const std::string& a, const std::string& b) {
  std::vector<size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (size_t j = 1; j <= b.size(); ++j)
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

// The closest word, as typed ("" when none is close enough to be a typo: at
// most a third of the letters differ).
static std::string closest_as_typed(const std::string& given, const std::vector<std::string>& words) {
  std::string best;
  size_t best_distance = std::string::npos;
  for (const std::string& a : words) {
    const bool prefix = given.size() >= 3 && a.rfind(given, 0) == 0;
    const size_t d = prefix ? 1 : edit_distance(given, a);
    if (d < best_distance) best = a, best_distance = d;
  }
  return best_distance != std::string::npos && best_distance <= std::max<size_t>(2, given.size() / 3) ? best : "";
}

std::string closest_word(const std::string& given, const std::vector<std::string>& words) {
  std::string lower = given;
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  const std::string exact = closest_as_typed(given, words);
  return exact.empty() ? closest_as_typed(lower, words) : exact;
}

}  // namespace hqnn
