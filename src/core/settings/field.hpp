// A setting of any settings struct S, as a row: its names, the format of its
// value (option_value.hpp) and a binding to its field. The model's settings
// (core/model_fields.hpp) are Field<ModelOptions> rows, the schema of the model
// file's `model` section; the run's options (run/options/option_rows.hpp) are
// Field<RunSpec> rows, the model's among them; the playground's view and map
// settings are rows too. One codec reads, writes and compares them all
// (field_codecs.hpp).
//
//   bind_field(&S::a, &A::b)              a field reached through members, read and set as it is
//   bind_enum<S, E>(&S::e)          an enum field by its table in core (core/enum_table.hpp)
//   bind_in(&S::part, fallback, &P::x)   a field of an optional part (read from `fallback` while off)
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "core/enum_table.hpp"
#include "option_value.hpp"

namespace hqnn {

template <class S>
struct Binding {
  std::function<OptionValue(const S&)> get;
  std::function<void(S&, const OptionValue&)> set;  // may throw InputError("expected ...") or NotAChoice
};

template <class S>
struct Field : ValueFormat {
  std::string name;      // CLI: --name; the key of a settings struct without a CLI
  std::string hash_key;  // link key; "" when links do not carry it
  std::string json_key;  // "" when JSON does not carry it
  std::string help;      // one line
  std::function<bool(const S&)> applies;  // written and compared only when it applies; empty: always
  std::function<OptionValue(const S&)> get;
  std::function<void(S&, const OptionValue&)> set;
};

// A row: names, format and binding.
template <class S>
Field<S> field(std::string name, std::string hash_key, std::string json_key, ValueFormat format, Binding<S> binding,
               std::string help = "") {
  Field<S> f;
  static_cast<ValueFormat&>(f) = std::move(format);
  f.name = std::move(name);
  f.hash_key = std::move(hash_key);
  f.json_key = std::move(json_key);
  f.help = std::move(help);
  f.get = std::move(binding.get);
  f.set = std::move(binding.set);
  return f;
}

// Formats, written the way rows read: integer(1, 64), real(0, 1), flag(), choice({"adam", "sgd"}).
inline ValueFormat integer(double lo, double hi) { return {OptionType::integer, lo, hi, false, {}, {}, 0}; }
inline ValueFormat real(double lo, double hi) { return {OptionType::real, lo, hi, false, {}, {}, 0}; }
inline ValueFormat real32(double lo, double hi) { return {OptionType::real, lo, hi, true, {}, {}, 0}; }
inline ValueFormat seed_number() { return {OptionType::seed, 0, 9007199254740991.0, false, {}, {}, 0}; }  // 2^53 - 1: exact in JSON and links
inline ValueFormat flag() { return {OptionType::flag, 0, 1, false, {}, {}, 0}; }
inline ValueFormat text() { return {OptionType::text, 0, 0, false, {}, {}, 0}; }
inline ValueFormat choice(std::vector<std::string> words) { return {OptionType::choice, 0, 0, false, std::move(words), {}, 0}; }
// The words of an enum, from its table in core, in the enum's order.
template <class E>
ValueFormat enum_choice() { return choice(enum_names<E>()); }
inline ValueFormat int_list(double lo, double hi, std::string empty_word = "", size_t size = 0) {
  return {OptionType::int_list, lo, hi, false, {}, std::move(empty_word), size};
}

// [SECTION] How a C++ type is a value ----------------------------------------------------------

// Numbers, flags, text and lists as such. The number was range-checked before
// (option_value.hpp), so the conversion stays inside the type.
struct PlainCodec {
  template <class T>
  OptionValue to(const T& x) const {
    OptionValue v;
    if constexpr (std::is_same_v<T, std::string>) v.text = x;
    else if constexpr (std::is_same_v<T, std::vector<int>>) v.list = x;
    else v.number = static_cast<double>(x);
    return v;
  }
  template <class T>
  void from(const OptionValue& v, T& x) const {
    if constexpr (std::is_same_v<T, std::string>) x = v.text;
    else if constexpr (std::is_same_v<T, std::vector<int>>) x = v.list;
    else if constexpr (std::is_same_v<T, bool>) x = v.number != 0;
    else if constexpr (std::is_unsigned_v<T>) x = static_cast<T>(v.number < 0 ? 0.0 : v.number);
    else x = static_cast<T>(v.number);
  }
};

// An enum by its table in core (core/enum_table.hpp): its words and its parse.
template <class E>
struct EnumCodec {
  OptionValue to(const E& x) const { return OptionValue{0, enum_name(x), {}}; }
  void from(const OptionValue& v, E& x) const {
    const std::optional<E> e = parse_enum<E>(v.text);
    if (!e) throw NotAChoice{};
    x = *e;
  }
};

// [SECTION] Bindings ----------------------------------------------------------------------------

template <class S, class Codec, class... M>
Binding<S> bind_with(Codec codec, M... path) {
  return {[=](const S& s) { return codec.to((s .* ... .* path)); },
          [=](S& s, const OptionValue& v) { codec.from(v, (s .* ... .* path)); }};
}

template <class S, class... M>
Binding<S> bind_field(M... path) {
  return bind_with<S>(PlainCodec{}, path...);
}

// bind_enum<S, E>(&S::part, &P::e): an enum field, read and written through E's table.
template <class S, class E, class... M>
Binding<S> bind_enum(M... path) {
  return bind_with<S>(EnumCodec<E>{}, path...);
}

// A field of an optional part P of S (the dataset noise, the attack): read
// from fallback(s) while the part is off, set only while it is on (the row's
// scope sees to that).
template <class S, class P, class Fallback, class Codec, class... M>
Binding<S> bind_in_with(std::optional<P> S::*part, Fallback fallback, Codec codec, M... path) {
  return {[=](const S& s) {
            const P& p = (s.*part) ? *(s.*part) : fallback(s);
            return codec.to((p .* ... .* path));
          },
          [=](S& s, const OptionValue& v) { codec.from(v, ((*(s.*part)) .* ... .* path)); }};
}

template <class S, class P, class Fallback, class... M>
Binding<S> bind_in(std::optional<P> S::*part, Fallback fallback, M... path) {
  return bind_in_with(part, fallback, PlainCodec{}, path...);
}

}  // namespace hqnn
