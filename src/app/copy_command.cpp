#include "copy_command.hpp"

#include "run/option_table.hpp"

namespace hqnn::app {

std::vector<std::string> train_arguments(const run::RunSpec& spec) {
  const run::RunSpec defaults = run::default_spec(spec.data_kind());
  std::vector<std::string> args;
  for (const run::OptionRow& row : run::option_table()) {
    if (!(row.commands & run::kTrain) || !run::in_scope(row.scope, spec)) continue;
    const std::string text = run::option_text(row, spec);
    if (row.name != "data") {
      if (row.follows_seed ? row.get(spec).number == double(spec.seed()) : text == run::option_text(row, defaults))
        continue;
    }
    if (row.type == run::OptionType::flag) {
      args.push_back("--" + row.name + (text == "1" ? "" : "=" + text));
    } else {
      args.push_back("--" + row.name);
      args.push_back(text);
    }
  }
  return args;
}

// Single quotes keep every character but the quote itself, which becomes '\''.
static std::string shell_word(const std::string& word) {
  const bool plain = !word.empty() && word.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                                             "0123456789_.,:/=+-@%") == std::string::npos;
  if (plain) return word;
  std::string out = "'";
  for (char c : word) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

std::string train_command_line(const run::RunSpec& spec) {
  std::string line = "hqnn train";
  for (const std::string& word : train_arguments(spec)) line += " " + shell_word(word);
  return line;
}

}  // namespace hqnn::app
