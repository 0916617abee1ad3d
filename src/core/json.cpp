#include "json.hpp"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <unordered_set>

#include "input_error.hpp"

namespace hqnn {

static const char* type_name(Json::Type t) {
  switch (t) {
    case Json::Type::null: return "null";
    case Json::Type::boolean: return "true/false";
    case Json::Type::number: return "a number";
    case Json::Type::string: return "a string";
    case Json::Type::array: return "an array";
    case Json::Type::object: return "an object";
  }
  return "?";
}

static void expect_type(Json::Type have, Json::Type want, const std::string& what) {
  if (have != want) throw InputError(what + ": expected " + type_name(want) + ", found " + type_name(have));
}

double Json::as_number(const std::string& what) const {
  if (type_ == Type::null) return std::nan("");  // NaN and Inf are written as null
  expect_type(type_, Type::number, what);
  return number_;
}
bool Json::as_bool(const std::string& what) const { expect_type(type_, Type::boolean, what); return bool_; }
const std::string& Json::as_string(const std::string& what) const { expect_type(type_, Type::string, what); return string_; }
const std::vector<Json>& Json::items(const std::string& what) const { expect_type(type_, Type::array, what); return array_; }
const std::vector<std::pair<std::string, Json>>& Json::members(const std::string& what) const {
  expect_type(type_, Type::object, what);
  return object_;
}

Json& Json::push(Json v) {
  if (type_ == Type::null) type_ = Type::array;
  array_.push_back(std::move(v));
  return array_.back();
}

Json& Json::set(const std::string& key, Json v) {
  if (type_ == Type::null) type_ = Type::object;
  for (auto& kv : object_)
    if (kv.first == key) return kv.second = std::move(v);
  object_.emplace_back(key, std::move(v));
  return object_.back().second;
}

void Json::append_member(std::string key, Json v) {
  if (type_ == Type::null) type_ = Type::object;
  object_.emplace_back(std::move(key), std::move(v));
}

const Json* Json::get(const std::string& key) const {
  if (type_ != Type::object) return nullptr;
  for (const auto& kv : object_)
    if (kv.first == key) return &kv.second;
  return nullptr;
}

const Json& Json::operator[](size_t i) const {
  const std::vector<Json>& a = items("array");
  if (i >= a.size())
    throw InputError("array index " + std::to_string(i) + " is past its end (" + std::to_string(a.size()) + " items)");
  return a[i];
}

const Json& Json::at(const std::string& key, const std::string& context) const {
  expect_type(type_, Type::object, context);
  const Json* v = get(key);
  if (!v) throw InputError(context + ": missing key '" + key + "'");
  return *v;
}

static void escape_to(std::string& out, const std::string& s) {
  out += '"';
  for (unsigned char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  out += '"';
}

void Json::dump_to(std::string& out, int indent, int depth) const {
  auto newline = [&](int d) {
    if (indent < 0) return;
    out += '\n';
    out.append(static_cast<size_t>(indent * d), ' ');
  };
  switch (type_) {
    case Type::null: out += "null"; break;
    case Type::boolean: out += bool_ ? "true" : "false"; break;
    case Type::number: {
      if (!std::isfinite(number_)) {
        out += "null";
        break;
      }
      char buf[40];
      if (number_ == std::floor(number_) && std::abs(number_) < 1e15)
        std::snprintf(buf, sizeof buf, "%.0f", number_);
      else
        std::snprintf(buf, sizeof buf, "%.*g", digits_, number_);
      out += buf;
      break;
    }
    case Type::string: escape_to(out, string_); break;
    case Type::array: {
      out += '[';
      // arrays of numbers stay on one line
      bool flat = true;
      for (const auto& v : array_) flat = flat && (v.type_ == Type::number || v.type_ == Type::null);
      for (size_t i = 0; i < array_.size(); ++i) {
        if (i) out += indent >= 0 && flat ? ", " : ",";
        if (!flat) newline(depth + 1);
        array_[i].dump_to(out, indent, depth + 1);
      }
      if (!flat && !array_.empty()) newline(depth);
      out += ']';
      break;
    }
    case Type::object: {
      out += '{';
      for (size_t i = 0; i < object_.size(); ++i) {
        if (i) out += ',';
        newline(depth + 1);
        escape_to(out, object_[i].first);
        out += indent >= 0 ? ": " : ":";
        object_[i].second.dump_to(out, indent, depth + 1);
      }
      if (!object_.empty()) newline(depth);
      out += '}';
      break;
    }
  }
}

std::string Json::dump(int indent) const {
  std::string out;
  dump_to(out, indent, 0);
  return out;
}

namespace {

class Parser {
 public:
  Parser(const std::string& text, const std::string& source) : s_(text), source_(source) {}

  Json parse_document() {
    skip_ws();
    Json v = parse_value(0);
    skip_ws();
    if (pos_ != s_.size()) fail("unexpected text after the JSON value");
    return v;
  }

 private:
  [[noreturn]] void fail(const std::string& what) const {
    int line = 1, col = 1;
    for (size_t i = 0; i < pos_ && i < s_.size(); ++i) {
      if (s_[i] == '\n') ++line, col = 1;
      else ++col;
    }
    throw InputError(source_ + " line " + std::to_string(line) + ", column " + std::to_string(col) + ": " + what);
  }
  void skip_ws() {
    while (pos_ < s_.size() && (s_[pos_] == ' ' || s_[pos_] == '\n' || s_[pos_] == '\r' || s_[pos_] == '\t')) ++pos_;
  }
  bool consume(const char* word) {
    size_t n = 0;
    while (word[n]) ++n;
    if (s_.compare(pos_, n, word) != 0) return false;
    pos_ += n;
    return true;
  }
  Json parse_value(int depth) {
    if (depth > 200) fail("nesting deeper than 200 levels");
    if (pos_ >= s_.size()) fail("unexpected end of input");
    const char c = s_[pos_];
    if (c == '{') return parse_object(depth);
    if (c == '[') return parse_array(depth);
    if (c == '"') return Json(parse_string());
    if (consume("true")) return Json(true);
    if (consume("false")) return Json(false);
    if (consume("null")) return Json();
    if (c == '-' || (c >= '0' && c <= '9')) return parse_number();
    fail(std::string("unexpected character '") + c + "'");
  }
  Json parse_number() {
    const size_t start = pos_;
    if (s_[pos_] == '-') ++pos_;
    auto digits = [&] {
      const size_t d = pos_;
      while (pos_ < s_.size() && s_[pos_] >= '0' && s_[pos_] <= '9') ++pos_;
      return pos_ > d;
    };
    if (!digits()) fail("malformed number");
    if (pos_ < s_.size() && s_[pos_] == '.') {
      ++pos_;
      if (!digits()) fail("malformed number");
    }
    if (pos_ < s_.size() && (s_[pos_] == 'e' || s_[pos_] == 'E')) {
      ++pos_;
      if (pos_ < s_.size() && (s_[pos_] == '+' || s_[pos_] == '-')) ++pos_;
      if (!digits()) fail("malformed number");
    }
    const std::string text = s_.substr(start, pos_ - start);
    return Json(std::strtod(text.c_str(), nullptr));
  }
  static void append_utf8(std::string& out, unsigned cp) {
    if (cp < 0x80) out += static_cast<char>(cp);
    else if (cp < 0x800) out += static_cast<char>(0xC0 | (cp >> 6)), out += static_cast<char>(0x80 | (cp & 0x3F));
    else if (cp < 0x10000)
      out += static_cast<char>(0xE0 | (cp >> 12)), out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F)),
          out += static_cast<char>(0x80 | (cp & 0x3F));
    else
      out += static_cast<char>(0xF0 | (cp >> 18)), out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F)),
          out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F)), out += static_cast<char>(0x80 | (cp & 0x3F));
  }
  unsigned parse_hex4() {
    if (pos_ + 4 > s_.size()) fail("truncated \\u escape");
    unsigned v = 0;
    for (int i = 0; i < 4; ++i) {
      const char h = s_[pos_++];
      v <<= 4;
      if (h >= '0' && h <= '9') v |= static_cast<unsigned>(h - '0');
      else if (h >= 'a' && h <= 'f') v |= static_cast<unsigned>(h - 'a' + 10);
      else if (h >= 'A' && h <= 'F') v |= static_cast<unsigned>(h - 'A' + 10);
      else fail("bad \\u escape");
    }
    return v;
  }
  std::string parse_string() {
    ++pos_;  // opening quote
    std::string out;
    while (true) {
      if (pos_ >= s_.size()) fail("unterminated string");
      const char c = s_[pos_++];
      if (c == '"') return out;
      if (static_cast<unsigned char>(c) < 0x20) fail("control character in string");
      if (c != '\\') {
        out += c;
        continue;
      }
      if (pos_ >= s_.size()) fail("unterminated string");
      const char e = s_[pos_++];
      switch (e) {
        case '"': out += '"'; break;
        case '\\': out += '\\'; break;
        case '/': out += '/'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case 'u': {
          unsigned cp = parse_hex4();
          if (cp >= 0xD800 && cp < 0xDC00 && consume("\\u")) {
            const unsigned lo = parse_hex4();
            if (lo < 0xDC00 || lo > 0xDFFF) fail("bad surrogate pair");
            cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
          } else if (cp >= 0xD800 && cp <= 0xDFFF) {
            fail("lone surrogate in \\u escape");
          }
          append_utf8(out, cp);
          break;
        }
        default: fail(std::string("bad escape '\\") + e + "'");
      }
    }
  }
  Json parse_array(int depth) {
    ++pos_;
    Json a = Json::array();
    skip_ws();
    if (pos_ < s_.size() && s_[pos_] == ']') return ++pos_, a;
    while (true) {
      skip_ws();
      a.push(parse_value(depth + 1));
      skip_ws();
      if (pos_ >= s_.size()) fail("unterminated array");
      if (s_[pos_] == ',') { ++pos_; continue; }
      if (s_[pos_] == ']') { ++pos_; return a; }
      fail("expected ',' or ']' in array");
    }
  }
  Json parse_object(int depth) {
    ++pos_;
    Json o = Json::object();
    std::unordered_set<std::string> keys;
    skip_ws();
    if (pos_ < s_.size() && s_[pos_] == '}') return ++pos_, o;
    while (true) {
      skip_ws();
      if (pos_ >= s_.size() || s_[pos_] != '"') fail("expected a quoted key in object");
      std::string key = parse_string();
      if (!keys.insert(key).second) fail("duplicate key \"" + key + "\"");
      skip_ws();
      if (pos_ >= s_.size() || s_[pos_] != ':') fail("expected ':' after key");
      ++pos_;
      skip_ws();
      o.append_member(std::move(key), parse_value(depth + 1));
      skip_ws();
      if (pos_ >= s_.size()) fail("unterminated object");
      if (s_[pos_] == ',') { ++pos_; continue; }
      if (s_[pos_] == '}') { ++pos_; return o; }
      fail("expected ',' or '}' in object");
    }
  }

  const std::string& s_;
  const std::string& source_;
  size_t pos_ = 0;
};

}  // namespace

Json Json::parse(const std::string& text, const std::string& source) { return Parser(text, source).parse_document(); }

}  // namespace hqnn
