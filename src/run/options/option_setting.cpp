#include "option_setting.hpp"

#include "core/input_error.hpp"

namespace hqnn::run {

std::string option_text(const OptionRow& row, const RunSpec& spec) { return value_text(row, row.get(spec)); }

static std::string out_of_range(const OptionRow& row, const std::string& shown, double v) {
  return shown + ": " + expected_text(row) + ", got '" + shortest(v, false) + "'";
}

void set_option_value(RunSpec& spec, const OptionRow& row, const std::string& shown, bool cli,
                      const std::function<OptionValue()>& value) {
  RunSpec trial = spec;
  if (!in_scope(row.scope, trial)) {
    const Scope missing = row.scope == Scope::attack_random && !trial.attack ? Scope::attack : row.scope;
    throw InputError(shown + " " + scope_requirement(missing, cli));
  }
  OptionValue v;
  try {
    v = value();
  } catch (const InputError& e) {
    throw InputError(shown + ": " + e.what());
  }
  // The range is checked before the row converts the number (to int, float,
  // uint64_t), where a value out of the target type's range would be undefined
  // behaviour. Values the target type holds go on to the core's own checks
  // first (their messages are shared by every surface), then the row's range.
  const bool numeric = is_numeric(row);
  if (numeric && !in_range(row, v.number) && !converts_safely(row, v.number)) throw InputError(out_of_range(row, shown, v.number));
  try {
    row.set(trial, v);
  } catch (const NotAChoice&) {  // a misspelt word: "did you mean"
    const std::string guess = closest_word(v.text, row.choices);
    throw InputError(shown + ": " + expected_text(row) + ", got '" + v.text + "'" +
                     (!guess.empty() && guess != v.text ? "; did you mean " + guess + "?" : ""));
  } catch (const InputError& e) {
    throw InputError(shown + ": " + e.what());
  }
  validate(trial);
  if (numeric && !in_range(row, v.number)) throw InputError(out_of_range(row, shown, v.number));
  spec = std::move(trial);
}

void set_option_text(RunSpec& spec, const OptionRow& row, const std::string& text, const std::string& shown) {
  set_option_value(spec, row, shown, shown.rfind("--", 0) == 0, [&] { return value_of_text(row, text); });
}

RunSpec apply_in_order(RunSpec spec, const std::map<std::string, Setter>& given) {
  const auto apply = [&](const OptionRow& r) {
    if (given.count(r.name)) given.at(r.name)(spec, r);
  };
  const OptionRow& data = option_row("data");
  const OptionRow& seed = option_row("seed");
  apply(data);
  apply(seed);
  for (const OptionRow& r : option_table())
    if (&r != &data && &r != &seed) apply(r);
  return spec;
}

RunSpec start_spec(const RunSpec* base, const std::string* data_name) {
  if (base) {
    RunSpec s = *base;
    if (data_name && data_kind_of(*data_name) != s.data_kind()) {  // another kind of data: its defaults
      RunSpec d = default_spec(data_kind_of(*data_name));
      set_seed(d, s.seed());
      return d;
    }
    return s;
  }
  return default_spec(data_name ? data_kind_of(*data_name) : DataKind::tabular);
}

}  // namespace hqnn::run
