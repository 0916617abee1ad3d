// One table per enum, read by one generic name / parse.
//
// Next to an enum E, its header specialises EnumTable<E> with one row per
// enumerator, in the enum's order (the ggml way: every property of a kind in
// one row, code asks the table instead of writing a switch):
//
//   enum class SoftmaxLoss { stable, naive };
//   template <> struct EnumTable<SoftmaxLoss> {
//     static constexpr EnumName<SoftmaxLoss> rows[] = {{SoftmaxLoss::stable, "stable"}, {SoftmaxLoss::naive, "naive"}};
//   };
//   static_assert(enum_table_is_complete<SoftmaxLoss>());
//
// A row holds at least `kind` (the enumerator) and `name` (the word on the
// command line, in links, model files and JSON); a richer row (ModelKindInfo,
// NoiseKindInfo) adds its display name and predicates. A table may also list
// `aliases`: more words that parse to an enumerator but are never written.
//
// The count check, enum_table_is_complete<E>(), holds when row i is the
// enumerator with value i and the value after the last row names no
// enumerator: a new enumerator without its row fails to compile.
#pragma once

#include <cstddef>
#include <initializer_list>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

namespace hqnn {

template <typename E>
struct EnumTable;  // specialised next to each enum

// The row of an enum that has a name and nothing else.
template <typename E>
struct EnumName {
  E kind;
  const char* name;
};

// The rows of a table as a range (begin/end, size, [i]).
template <typename Row>
struct EnumRows {
  const Row* first;
  std::size_t count;
  constexpr const Row* begin() const { return first; }
  constexpr const Row* end() const { return first + count; }
  constexpr std::size_t size() const { return count; }
  constexpr const Row& operator[](std::size_t i) const { return first[i]; }
};

template <typename E>
constexpr auto enum_rows() {
  using Row = std::remove_reference_t<decltype(EnumTable<E>::rows[0])>;
  return EnumRows<std::remove_const_t<Row>>{EnumTable<E>::rows, std::size(EnumTable<E>::rows)};
}

// The row of one enumerator: its name, display name and predicates.
template <typename E>
constexpr const auto& enum_row(E kind) {
  return EnumTable<E>::rows[static_cast<std::size_t>(kind)];
}

template <typename E>
constexpr const char* enum_name(E kind) {
  return enum_row(kind).name;
}

// Every enumerator, in the enum's order.
template <typename E>
std::vector<E> enum_values() {
  std::vector<E> values;
  for (const auto& row : enum_rows<E>()) values.push_back(row.kind);
  return values;
}

// Every name, in the enum's order.
template <typename E>
std::vector<std::string> enum_names() {
  std::vector<std::string> names;
  for (const auto& row : enum_rows<E>()) names.push_back(row.name);
  return names;
}

// The names of the enumerators given, in their order: a list of models without typing their names.
template <typename E>
std::vector<std::string> enum_names(std::initializer_list<E> kinds) {
  std::vector<std::string> names;
  for (E kind : kinds) names.push_back(enum_name(kind));
  return names;
}

// "a, b, c" or, with last_separator " or ", "a, b or c": for help texts and messages.
template <typename E>
std::string enum_name_list(const char* separator = ", ", const char* last_separator = nullptr) {
  std::string list;
  const auto rows = enum_rows<E>();
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (i > 0) list += (last_separator && i + 1 == rows.size()) ? last_separator : separator;
    list += rows[i].name;
  }
  return list;
}

namespace enum_table_detail {

template <typename E, typename = void>
struct Aliases {
  static constexpr EnumRows<EnumName<E>> rows() { return {nullptr, 0}; }
};
template <typename E>
struct Aliases<E, std::void_t<decltype(EnumTable<E>::aliases)>> {
  static constexpr EnumRows<EnumName<E>> rows() { return {EnumTable<E>::aliases, std::size(EnumTable<E>::aliases)}; }
};

constexpr bool same_word(const char* a, const char* b) {
  while (*a && *a == *b) ++a, ++b;
  return *a == *b;
}

// The compiler spells a template argument that names an enumerator by its name
// ("[with auto V = SoftmaxLoss::naive]", "[V = SoftmaxLoss::naive]") and any
// other value as a cast ("(SoftmaxLoss)2"): GCC and Clang, native and wasm.
template <auto V>
constexpr bool names_an_enumerator() {
  const char* s = __PRETTY_FUNCTION__;
  std::size_t i = 0;
  while (s[i]) ++i;
  while (i > 0 && s[i - 1] != ']') --i;  // the argument ends before the last ']'
  if (i > 0) --i;
  while (i > 0 && ((s[i - 1] >= '0' && s[i - 1] <= '9') || s[i - 1] == '-')) --i;
  return i == 0 || s[i - 1] != ')';
}

}  // namespace enum_table_detail

// Every word that parses to `e`, its aliases first: "1 or inside" (for help texts).
template <typename E>
std::string enum_words(E e) {
  std::string out;
  for (const auto& a : enum_table_detail::Aliases<E>::rows())
    if (a.kind == e) out += std::string(a.name) + " or ";
  return out + enum_name(e);
}

// The count check: one row per enumerator, in the enum's order, names unique.
template <typename E>
constexpr bool enum_table_is_complete() {
  constexpr auto rows = enum_rows<E>();
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (static_cast<std::size_t>(rows[i].kind) != i) return false;
    for (std::size_t j = 0; j < i; ++j)
      if (enum_table_detail::same_word(rows[i].name, rows[j].name)) return false;
  }
  using U = std::underlying_type_t<E>;
  return rows.size() > 0 && !enum_table_detail::names_an_enumerator<static_cast<E>(static_cast<U>(rows.size()))>();
}

// The enumerator a word names: a row's name or an alias, with '_' read as '-'
// ("mlp_leaky" is "mlp-leaky"). Nothing for any other word; say which words
// are valid with enum_name_list<E>().
template <typename E>
std::optional<E> parse_enum(const std::string& text) {
  std::string word = text;
  for (char& c : word)
    if (c == '_') c = '-';
  for (const auto& row : enum_rows<E>())
    if (word == row.name) return row.kind;
  for (const auto& alias : enum_table_detail::Aliases<E>::rows())
    if (word == alias.name) return alias.kind;
  return std::nullopt;
}

}  // namespace hqnn
