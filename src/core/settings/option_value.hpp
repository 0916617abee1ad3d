// One option's value and its text and JSON forms, whatever settings struct the
// option belongs to. A number's range is checked here before anything converts
// it to the field's type (int, float, uint64_t), where a value out of the
// type's range would be undefined behaviour.
//
//   ValueFormat     what a value may be: its type, range, words, list size
//   value_text()    the value as links and the command line write it ("0.01", "0,1,2,3", "1")
//   value_of_text() text → value, checked against the format ("expected a number in [0, 1], got 'x'")
//   value_json() / value_of_json()   the same for JSON
//   closest_word()  "did you mean" for a misspelt word or option name
#pragma once

#include <string>
#include <vector>

#include "core/json.hpp"

namespace hqnn {

enum class OptionType {
  integer,   // whole number in [min, max]
  real,      // number in [min, max]
  seed,      // whole number in [0, 2^53)
  flag,      // on/off: a bare --flag, 1/0 in links, true/false in JSON
  choice,    // one of `choices`
  text,      // any text (a file name, a column)
  int_list,  // comma-separated whole numbers in [min, max]
};

// A value as the codecs move it around; which member is used depends on the type.
struct OptionValue {
  double number = 0;         // integer, real, seed; flag: 0 or 1
  std::string text;          // choice, text
  std::vector<int> list;     // int_list
};

struct ValueFormat {
  OptionType type = OptionType::text;
  double min = 0, max = 0;           // integer, real, seed, int_list items
  bool single_precision = false;     // stored as float: written with float's shortest digits
  std::vector<std::string> choices;  // choice: the words accepted (messages, help, widgets)
  std::string empty_word;            // int_list: the word for an empty list ("all"); "" when empty means "not given"
  size_t list_size = 0;              // int_list: exact number of items (0: any)
};

// Thrown by a choice field's binding when the word is none of its own; the
// caller answers with the format's words ("expected adam or sgd, got 'x'").
struct NotAChoice {};

bool is_numeric(const ValueFormat& format);
bool in_range(const ValueFormat& format, double value);
// Whether a number in the format's type converts to the field without leaving
// the target type (int, uint64_t for seeds, float for single precision).
bool converts_safely(const ValueFormat& format, double value);

// The shortest decimal that reads back as the same value, without the exponent's '+'.
std::string shortest(double value, bool single);
std::string value_text(const ValueFormat& format, const OptionValue& value);
// InputError("expected ...") without a name: the caller says which option it was.
OptionValue value_of_text(const ValueFormat& format, const std::string& text);
Json value_json(const ValueFormat& format, const OptionValue& value);
OptionValue value_of_json(const ValueFormat& format, const Json& json, const std::string& what);

// "expected a number in [0, 1]", "expected adam or sgd", "expected one of a, b, c, d, e".
std::string expected_text(const ValueFormat& format);

// The word of `words` that `given` most likely misspells ("" when none is
// close): a prefix, a few letters off, or another case ("Iris" -> "iris").
std::string closest_word(const std::string& given, const std::vector<std::string>& words);

}  // namespace hqnn
