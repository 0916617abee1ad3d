#include "copy_command.hpp"

#include "run/options/option_table.hpp"

namespace hqnn::app {

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
  for (const std::string& word : run::to_command_line(spec)) line += " " + shell_word(word);
  return line;
}

}  // namespace hqnn::app
