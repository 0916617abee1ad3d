// A small JSON value, writer and parser (model files, --json output, URL state).
//
// Objects keep their keys in insertion order, so written files are stable and
// diff well. The parser reports errors as InputError with line and column.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace hqnn {

class Json {
 public:
  enum class Type { null, boolean, number, string, array, object };

  Json() = default;
  Json(std::nullptr_t) {}
  Json(bool b) : type_(Type::boolean), bool_(b) {}
  Json(int v) : type_(Type::number), number_(v) {}
  Json(long v) : type_(Type::number), number_(static_cast<double>(v)) {}
  Json(long long v) : type_(Type::number), number_(static_cast<double>(v)) {}
  Json(unsigned long v) : type_(Type::number), number_(static_cast<double>(v)) {}
  Json(unsigned long long v) : type_(Type::number), number_(static_cast<double>(v)) {}
  Json(double v, int digits = 17) : type_(Type::number), number_(v), digits_(digits) {}
  Json(float v) : type_(Type::number), number_(v), digits_(9) {}  // 9 digits round-trip a float exactly
  Json(const char* s) : type_(Type::string), string_(s) {}
  Json(std::string s) : type_(Type::string), string_(std::move(s)) {}
  static Json array() { Json j; j.type_ = Type::array; return j; }
  static Json object() { Json j; j.type_ = Type::object; return j; }

  Type type() const { return type_; }
  bool is_null() const { return type_ == Type::null; }
  bool is_number() const { return type_ == Type::number; }
  bool is_string() const { return type_ == Type::string; }
  bool is_array() const { return type_ == Type::array; }
  bool is_object() const { return type_ == Type::object; }
  bool is_bool() const { return type_ == Type::boolean; }

  // Typed access; throw InputError("<what>: expected a number", ...) on a type mismatch.
  double as_number(const std::string& what = "value") const;
  bool as_bool(const std::string& what = "value") const;
  const std::string& as_string(const std::string& what = "value") const;
  const std::vector<Json>& items(const std::string& what = "value") const;
  const std::vector<std::pair<std::string, Json>>& members(const std::string& what = "value") const;

  // Arrays
  Json& push(Json v);
  size_t size() const { return type_ == Type::array ? array_.size() : object_.size(); }
  // Throws InputError when this is not an array or i is past its end.
  const Json& operator[](size_t i) const;
  // Objects: set keeps insertion order; get returns nullptr when absent.
  Json& set(const std::string& key, Json v);
  // Appends without looking for the key (the parser checks duplicates itself).
  void append_member(std::string key, Json v);
  const Json* get(const std::string& key) const;
  // Throws InputError("<context>: missing key 'key'") when absent.
  const Json& at(const std::string& key, const std::string& context = "JSON") const;

  std::string dump(int indent = -1) const;  // indent < 0: compact
  static Json parse(const std::string& text, const std::string& source = "JSON");

 private:
  void dump_to(std::string& out, int indent, int depth) const;
  Type type_ = Type::null;
  bool bool_ = false;
  double number_ = 0;
  int digits_ = 17;
  std::string string_;
  std::vector<Json> array_;
  std::vector<std::pair<std::string, Json>> object_;
};

}  // namespace hqnn
