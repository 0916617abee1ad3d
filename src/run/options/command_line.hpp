// The command line of every command that runs: --name value, --name=value and
// --flag, read into a RunSpec through the option table (option_rows.hpp) plus
// the command's own options (--out FILE, --json, ...), with "did you mean" for
// a misspelt name; and the command's help, generated from the same rows.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "option_rows.hpp"

namespace hqnn::run {

// An option of a command that is not part of the run (--out FILE, --json, ...).
struct CommandOption {
  std::string name;
  bool takes_value = true;
  std::string metavar;  // "FILE"
  std::string help;
  std::string default_text;  // shown as "[...]" in the help; empty: none
  // Takes every following argument up to the next --option (--merge DIR...);
  // read with CommandLine::values. Given twice, the lists join.
  bool takes_several = false;
};

struct CommandLine {
  RunSpec spec;
  std::set<std::string> given;               // run options given on the command line (row names)
  std::map<std::string, std::string> extra;  // command options with a value
  std::set<std::string> extra_flags;         // command options without one
  std::map<std::string, std::vector<std::string>> extra_lists;  // command options that take several values
  bool has(const std::string& extra_name) const {
    return extra.count(extra_name) || extra_flags.count(extra_name) || extra_lists.count(extra_name);
  }
  std::string str(const std::string& extra_name, const std::string& fallback = "") const;
  std::vector<std::string> values(const std::string& extra_name) const;  // empty if not given
};

// Reads the command line. Unknown or misspelt options get "did you mean --x?".
// `base`, when given, is the starting spec (a link's or a checkpoint's run)
// instead of the defaults; given options override it.
CommandLine parse_command_line(const std::vector<std::string>& argv, Command command,
                               const std::vector<CommandOption>& extra, const RunSpec* base = nullptr);
// The same, with the starting spec named by the command's own options (e.g.
// --resume FILE, --link URL): `base_of` sees them before any run option is set.
using BaseOf = std::function<std::optional<RunSpec>(const CommandLine&)>;
CommandLine parse_command_line(const std::vector<std::string>& argv, Command command,
                               const std::vector<CommandOption>& extra, const BaseOf& base_of);

// "usage" and "examples" are the command's own; the options come from the table
// (a command that takes no run option lists its own under "options:").
std::string command_help(Command command, const std::string& usage, const std::vector<CommandOption>& extra,
                         const std::string& examples);

// The shortest `hqnn train` options that give `spec`: every option that
// applies and differs from the defaults of its data kind ("Copy as command").
std::vector<std::string> to_command_line(const RunSpec& spec);

}  // namespace hqnn::run
