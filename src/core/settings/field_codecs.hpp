// The codecs of any settings struct described by Field<S> rows (field.hpp):
// link keys, JSON members and equality, written once for every struct. The
// run's own options add scopes, seeds and commands on top (run_link.hpp,
// spec_json.hpp, run_equality.hpp); the structs here have none.
//
//   fields_link(rows, s)              "&k=v&..." of every row with a link key that applies
//   read_link_key(rows, key, v, s)    sets one key; "" on success, else "key: expected ..."
//   fields_json(rows, s) / read_fields_json(rows, json, s, context)
//   same_fields(rows, a, b)           every row equal (by its text form)
#pragma once

#include <string>
#include <vector>

#include "core/input_error.hpp"
#include "core/json.hpp"
#include "field.hpp"
#include "url_codec.hpp"

namespace hqnn {

template <class S>
bool field_applies(const Field<S>& f, const S& s) {
  return !f.applies || f.applies(s);
}

template <class S>
std::string field_text(const Field<S>& f, const S& s) {
  return value_text(f, f.get(s));
}

// Sets `f` from its value, checked against its format before the field sees it.
// Messages do not name the field; the caller does.
template <class S>
void set_field(const Field<S>& f, S& s, const OptionValue& v) {
  if (is_numeric(f) && !in_range(f, v.number))
    throw InputError(expected_text(f) + ", got '" + shortest(v.number, false) + "'");
  try {
    f.set(s, v);
  } catch (const NotAChoice&) {
    const std::string guess = closest_word(v.text, f.choices);
    throw InputError(expected_text(f) + ", got '" + v.text + "'" + (guess.empty() ? "" : "; did you mean " + guess + "?"));
  }
}

template <class S>
const Field<S>* field_by_link_key(const std::vector<Field<S>>& rows, const std::string& key) {
  for (const Field<S>& f : rows)
    if (!f.hash_key.empty() && f.hash_key == key) return &f;
  return nullptr;
}

template <class S>
std::string fields_link(const std::vector<Field<S>>& rows, const S& s) {
  std::string out;
  for (const Field<S>& f : rows)
    if (!f.hash_key.empty() && field_applies(f, s)) out += "&" + f.hash_key + "=" + url_encode(field_text(f, s));
  return out;
}

// A flag given bare ("&play") is on.
template <class S>
std::string read_link_key(const Field<S>& f, const std::string& key, const std::string& value, S& s) {
  try {
    const std::string text = f.type == OptionType::flag && value.empty() ? "1" : value;
    set_field(f, s, value_of_text(f, text));
  } catch (const InputError& e) {
    return key + ": " + e.what();
  }
  return "";
}

template <class S>
Json fields_json(const std::vector<Field<S>>& rows, const S& s) {
  Json j = Json::object();
  for (const Field<S>& f : rows)
    if (!f.json_key.empty() && field_applies(f, s)) j.set(f.json_key, value_json(f, f.get(s)));
  return j;
}

// Every member must be a row's; a row not given keeps the value `s` has.
template <class S>
void read_fields_json(const std::vector<Field<S>>& rows, const Json& json, S& s, const std::string& context) {
  for (const auto& [key, value] : json.members(context)) {
    const Field<S>* row = nullptr;
    for (const Field<S>& f : rows)
      if (f.json_key == key) row = &f;
    if (!row) throw InputError(context + ": unknown key '" + key + "'");
    const std::string what = context + "." + key;
    try {
      set_field(*row, s, value_of_json(*row, value, what));
    } catch (const InputError& e) {
      const std::string m = e.what();
      throw InputError(m.rfind(what, 0) == 0 ? m : what + ": " + m);
    }
  }
}

template <class S>
bool same_fields(const std::vector<Field<S>>& rows, const S& a, const S& b) {
  for (const Field<S>& f : rows) {
    const bool in_a = field_applies(f, a), in_b = field_applies(f, b);
    if (in_a != in_b || (in_a && field_text(f, a) != field_text(f, b))) return false;
  }
  return true;
}

// A row of a part P of S, as a row of S (the sweep's rows inside the playground's settings).
template <class S, class P>
Field<S> lifted(const Field<P>& f, P S::*part, std::function<bool(const S&)> applies = {}) {
  Field<S> out;
  static_cast<ValueFormat&>(out) = f;
  out.name = f.name, out.hash_key = f.hash_key, out.json_key = f.json_key, out.help = f.help;
  out.applies = [applies, part, inner = f.applies](const S& s) {
    return (!applies || applies(s)) && (!inner || inner(s.*part));
  };
  out.get = [get = f.get, part](const S& s) { return get(s.*part); };
  out.set = [set = f.set, part](S& s, const OptionValue& v) { set(s.*part, v); };
  return out;
}

}  // namespace hqnn
