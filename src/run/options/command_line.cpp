#include "command_line.hpp"

#include <algorithm>

#include "core/input_error.hpp"
#include "option_setting.hpp"

namespace hqnn::run {

// [SECTION] Reading ------------------------------------------------------------------------------

std::string CommandLine::str(const std::string& extra_name, const std::string& fallback) const {
  const auto it = extra.find(extra_name);
  return it == extra.end() ? fallback : it->second;
}

std::vector<std::string> CommandLine::values(const std::string& extra_name) const {
  const auto it = extra_lists.find(extra_name);
  return it == extra_lists.end() ? std::vector<std::string>() : it->second;
}

// Spellings the command line keeps for options that became values of another.
static const std::map<std::string, std::pair<std::string, std::string>>& cli_aliases() {
  static const std::map<std::string, std::pair<std::string, std::string>> aliases = {
      {"standardize", {"scale", "standard"}}};
  return aliases;
}

CommandLine parse_command_line(const std::vector<std::string>& argv, Command command,
                               const std::vector<CommandOption>& extra, const RunSpec* base) {
  return parse_command_line(argv, command, extra, [base](const CommandLine&) {
    return base ? std::optional<RunSpec>(*base) : std::nullopt;
  });
}

CommandLine parse_command_line(const std::vector<std::string>& argv, Command command,
                               const std::vector<CommandOption>& extra, const BaseOf& base_of) {
  CommandLine out;
  std::vector<std::string> accepted;
  for (const CommandOption& o : extra) accepted.push_back(o.name);
  for (const OptionRow& r : option_table())
    if (accepts(r, command)) accepted.push_back(r.name);
  std::map<std::string, std::string> run_values;  // row name -> text
  for (size_t i = 0; i < argv.size(); ++i) {
    const std::string& a = argv[i];
    if (a.rfind("--", 0) != 0) throw InputError("unexpected argument '" + a + "' (options start with --; see --help)");
    std::string key = a.substr(2), value;
    bool inline_value = false;
    if (const size_t eq = key.find('='); eq != std::string::npos) {
      value = key.substr(eq + 1);
      key = key.substr(0, eq);
      inline_value = true;
    }
    const auto take_value = [&]() {
      if (inline_value) return value;
      if (i + 1 >= argv.size()) throw InputError("--" + key + " needs a value");
      return argv[++i];
    };
    const auto extra_it = std::find_if(extra.begin(), extra.end(), [&](const CommandOption& o) { return o.name == key; });
    const OptionRow* row = find_option(key);
    if (extra_it != extra.end()) {
      if (extra_it->takes_several) {
        std::vector<std::string>& list = out.extra_lists[key];
        if (inline_value) list.push_back(value);
        while (i + 1 < argv.size() && argv[i + 1].rfind("--", 0) != 0) list.push_back(argv[++i]);
      } else if (extra_it->takes_value) {
        out.extra[key] = take_value();
      } else {
        if (inline_value) throw InputError("--" + key + " takes no value");
        out.extra_flags.insert(key);
      }
    } else if (row && accepts(*row, command)) {
      if (row->type == OptionType::flag && !inline_value) {
        run_values[key] = "1";
      } else {
        run_values[key] = take_value();
      }
    } else if (cli_aliases().count(key) && accepts(option_row(cli_aliases().at(key).first), command)) {
      if (inline_value) throw InputError("--" + key + " takes no value");
      run_values[cli_aliases().at(key).first] = cli_aliases().at(key).second;
    } else {
      const std::string cmd = command_name(command);
      if (row) throw InputError("--" + key + " is not an option of hqnn " + cmd + " (see hqnn " + cmd + " --help)");
      const std::string guess = closest_word(key, accepted);
      throw InputError("unknown option --" + key + (guess.empty() ? "" : "; did you mean --" + guess + "?") +
                       " (see hqnn " + cmd + " --help)");
    }
  }
  const std::string* data_name = run_values.count("data") ? &run_values.at("data") : nullptr;
  std::map<std::string, Setter> setters;
  for (const auto& [name, text] : run_values) {
    out.given.insert(name);
    setters[name] = [text = text](RunSpec& s, const OptionRow& r) { set_option_text(s, r, text, "--" + r.name); };
  }
  const std::optional<RunSpec> base = base_of(out);
  out.spec = apply_in_order(start_spec(base ? &*base : nullptr, data_name), setters);
  validate(out.spec);
  return out;
}

// [SECTION] Help ---------------------------------------------------------------------------------

static std::string default_text(const OptionRow& row, DataKind kind) {
  if (row.follows_seed) return "the --seed value";
  RunSpec s = default_spec(kind);
  if (!in_scope(row.scope, s)) {  // its default once its scope is on
    s.noise = default_noise(kind);
    turn_on(Scope::attack, s);
    s.train.optimizer.kind = OptimizerKind::sgd;
  }
  if (row.type == OptionType::flag) return option_text(row, s) == "1" ? "on" : "";
  const std::string text = option_text(row, s);
  if (row.type == OptionType::text && text.empty()) return "";
  return text;
}

// "  --name ARG   help words wrapped at 100 columns  [default]"
static std::string help_line(const std::string& left, const std::string& help, const std::string& def) {
  constexpr size_t kIndent = 26, kWidth = 100;
  std::string l = "  " + left;
  l += std::string(l.size() < kIndent ? kIndent - l.size() : 1, ' ');
  size_t column = l.size();
  const std::string text = help + (def.empty() ? "" : "  [" + def + "]");
  for (size_t pos = 0; pos < text.size();) {
    size_t end = text.find(' ', pos + 1);
    if (end == std::string::npos) end = text.size();
    const std::string word = text.substr(pos, end - pos);  // with its leading space, if any
    if (column + word.size() > kWidth && column > kIndent) {
      while (!l.empty() && l.back() == ' ') l.pop_back();
      l += "\n" + std::string(kIndent, ' ');
      column = kIndent;
      const size_t first = word.find_first_not_of(' ');
      const std::string bare = word.substr(first == std::string::npos ? 0 : first);
      l += bare;
      column += bare.size();
    } else {
      l += word;
      column += word.size();
    }
    pos = end;
  }
  return l + "\n";
}

std::string command_help(Command command, const std::string& usage, const std::vector<CommandOption>& extra,
                         const std::string& examples) {
  std::string out = usage;
  std::string group;
  for (const OptionRow& r : option_table()) {
    if (!accepts(r, command)) continue;
    if (r.group != group) {
      group = r.group;
      out += "\n" + group + ":\n";
    }
    const std::string tab = default_text(r, DataKind::tabular), img = default_text(r, DataKind::image);
    std::string def = tab;
    if (r.name == "data")  // one name, not a kind
      def = command == kEval ? "the data the model was trained on" : command == kCircuit || command == kPredict ? "none" : tab;
    else if (img != tab && r.scope != Scope::image && r.scope != Scope::tabular && r.scope != Scope::csv)
      def = (tab.empty() ? "-" : tab) + "; image data " + img;
    else if (r.scope == Scope::image)
      def = img;
    out += help_line("--" + r.name + (r.metavar.empty() ? "" : " " + r.metavar), r.help, def);
  }
  if (!extra.empty()) {
    out += group.empty() ? "\noptions:\n" : "\noutput and files:\n";
    for (const CommandOption& o : extra)
      out += help_line("--" + o.name + (o.metavar.empty() ? "" : " " + o.metavar), o.help, o.default_text);
  }
  return out + examples;
}

// [SECTION] Writing ------------------------------------------------------------------------------

// What the options of a switched-on scope default to: the data kind's defaults
// with this spec's data, model, optimiser, noise kind and attack form (the
// unscoped rows that switch scopes on), so that e.g. --noise-fraction is left
// out while it has the value --noise gives it.
static RunSpec scoped_defaults(const RunSpec& spec) {
  RunSpec d = default_spec(spec.data_kind());
  d.data.name = spec.data.name;
  d.model.kind = spec.model.kind;
  d.train.optimizer.kind = spec.train.optimizer.kind;
  if (spec.noise) {
    d.noise = default_noise(spec.data_kind());
    d.noise->kind = spec.noise->kind;
  }
  if (spec.attack) {
    d.attack = default_attack();
    d.attack->form = spec.attack->form;
  }
  return d;
}

std::vector<std::string> to_command_line(const RunSpec& spec) {
  const RunSpec defaults = default_spec(spec.data_kind()), scoped = scoped_defaults(spec);
  std::vector<std::string> out;
  for (const OptionRow& r : option_table()) {
    if (!(r.commands & kTrain) || !r.changes_results || !in_scope(r.scope, spec)) continue;
    const std::string text = option_text(r, spec);
    // The data always: it picks the defaults. A seed that follows --seed is left out.
    const RunSpec& base = r.scope == Scope::always ? defaults : scoped;
    const bool is_default = r.follows_seed ? r.get(spec).number == double(spec.seed())
                                           : in_scope(r.scope, base) && option_text(r, base) == text;
    if (r.name != "data" && is_default) continue;
    if (text.empty()) continue;  // an empty list or name: not given
    if (r.type == OptionType::flag)
      out.push_back("--" + r.name + (text == "1" ? "" : "=0"));
    else
      out.push_back("--" + r.name + "=" + text);
  }
  return out;
}

}  // namespace hqnn::run
