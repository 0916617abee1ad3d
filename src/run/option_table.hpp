// The one list of a run's options. Each row names an option once for every
// surface, the CLI flag (--name), the link's '#key=value', the JSON key of run
// JSON, model files and checkpoints, and gives its type, range, help line and
// the commands that accept it. Its default is read from default_spec(), never
// written here. A new option is one row in option_table.cpp.
//
//   parse_command_line()  argv → RunSpec (+ the command's own options), "did you mean"
//   command_help()        the help of one command, listing only what it accepts
//   parse_link()/to_link() the link's hash ⇄ RunSpec (a full URL or '#...')
//   spec_to_json()/spec_from_json()  RunSpec ⇄ JSON
//   same_run()/run_differences()     equality over every row that applies
//   option_row(name)      a row, e.g. for a widget's range (min, max)
//
// Reading order everywhere: `data` first (it picks the defaults by data kind),
// then `seed` (the split, noise and attack seeds follow it), then the rest in
// table order, so the order in which options are given never matters.
#pragma once

#include <functional>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "core/json.hpp"
#include "run_spec.hpp"

namespace hqnn::run {

enum class OptionType {
  integer,   // whole number in [min, max]
  real,      // number in [min, max]
  seed,      // whole number in [0, 2^53)
  flag,      // on/off: a bare --flag, 1/0 in links, true/false in JSON
  choice,    // one of `choices`
  text,      // any text (a file name, a column)
  int_list,  // comma-separated whole numbers in [min, max]
};

// When an option means something. Outside its scope an option is refused when
// given, left out of links and JSON, and ignored by same_run().
enum class Scope {
  always,
  tabular,        // iris or a CSV
  csv,            // a CSV file
  image,          // an image set
  convolutional,  // a convolutional model
  leaky,          // a model with leaky-relu (MLP leaky, every CNN front end)
  sgd,            // --optimizer sgd
  noise,          // dataset noise on (--noise KIND)
  attack,         // a parameter attack on (any attack option turns it on)
  attack_random,  // an attack on K random layers (no layer list given)
};

// The commands; a command without rows in the table (reproduce) still parses its own options.
// hqnn predict accepts the options hqnn eval accepts (a row marked kEval is also predict's).
enum Command : unsigned { kTrain = 1u, kEval = 2u, kReproduce = 4u, kCircuit = 8u, kPredict = 16u };


// A value as the table moves it around; which member is used depends on the type.
struct OptionValue {
  double number = 0;         // integer, real, seed; flag: 0 or 1
  std::string text;          // choice, text
  std::vector<int> list;     // int_list
};

struct OptionRow {
  std::string name;          // CLI: --name
  std::string hash_key;      // link key; "" when links do not carry it
  std::string json_key;
  OptionType type = OptionType::text;
  double min = 0, max = 0;   // integer, real, int_list items
  bool single_precision = false;     // stored as float: written with float's shortest digits
  std::vector<std::string> choices;  // choice: the words accepted (help, widgets)
  std::string empty_word;    // int_list: the word for an empty list ("all"); "" when empty means "not given"
  size_t list_size = 0;      // int_list: exact number of items (0: any)
  std::string metavar;       // help: "X", "KIND", ...
  std::string help;          // one line
  std::string group;         // help section: data, model, training, noise, attack
  unsigned commands = kTrain;
  Scope scope = Scope::always;
  bool turns_on_scope = false;  // giving it switches its scope on (attack options)
  bool follows_seed = false;    // defaults to the run's seed; links carry it only when it differs
  bool changes_results = true;  // false (threads): not in links, JSON or run equality, since the numbers are the same
  std::function<OptionValue(const RunSpec&)> get;
  std::function<void(RunSpec&, const OptionValue&)> set;  // may throw InputError("expected ...")
};

const std::vector<OptionRow>& option_table();
bool accepts(const OptionRow& row, Command command);  // kPredict: the rows of kEval
const OptionRow& option_row(const std::string& name);   // by name; throws std::logic_error when unknown

// A row's value as text (CLI/link form: "0.01", "0,1,2,3", "1" for a set flag).
std::string option_text(const OptionRow& row, const RunSpec& spec);
// Sets one option from text, checked against the row's type, range and scope.
// `shown` names the option in messages ("--lr", "lr").
void set_option_text(RunSpec& spec, const OptionRow& row, const std::string& text, const std::string& shown);

// The word of `words` that `given` most likely misspells ("" when none is
// close): a prefix, a few letters off, or another case ("Iris" -> "iris").
std::string closest_word(const std::string& given, const std::vector<std::string>& words);

// [SECTION] Command line

// An option of a command that is not part of the run (--out FILE, --json, ...).
struct CommandOption {
  std::string name;
  bool takes_value = true;
  std::string metavar;  // "FILE"
  std::string help;
};

struct CommandLine {
  RunSpec spec;
  std::set<std::string> given;               // run options given on the command line (row names)
  std::map<std::string, std::string> extra;  // command options with a value
  std::set<std::string> extra_flags;         // command options without one
  bool has(const std::string& extra_name) const { return extra.count(extra_name) || extra_flags.count(extra_name); }
  std::string str(const std::string& extra_name, const std::string& fallback = "") const;
};

// Reads --name value, --name=value and --flag. Unknown or misspelt options
// get "did you mean --x?". `base`, when given, is the starting spec (a link's
// or a checkpoint's run) instead of the defaults; given options override it.
CommandLine parse_command_line(const std::vector<std::string>& argv, Command command,
                               const std::vector<CommandOption>& extra, const RunSpec* base = nullptr);
// "usage" and "examples" are the command's own; the options come from the table.
std::string command_help(Command command, const std::string& usage, const std::vector<CommandOption>& extra,
                         const std::string& examples);

// The shortest `hqnn train` options that give `spec`: every option that
// applies and differs from the defaults of its data kind ("Copy as command").
std::vector<std::string> to_command_line(const RunSpec& spec);

// [SECTION] Links

// Keys a link may carry that change how the playground shows a run, not the run.
const std::vector<std::string>& link_view_keys();  // fx, fy, sample, play, embed, panels, arena, arena_model

struct ParsedLink {
  RunSpec spec;
  std::vector<std::pair<std::string, std::string>> other;  // keys not in the table (view keys, unknown ones), decoded
  std::vector<std::string> errors;  // "lr: expected a number in [..], got 'x'", an old key and the one that
                                    // replaced it; the rest of the link still applies
};
// Accepts "#k=v&...", "k=v&..." or a whole URL with a '#...' part.
ParsedLink parse_link(const std::string& link);
// '#'-prefixed hash of every option that applies (seed-following ones only when they differ).
std::string to_link(const RunSpec& spec);

// [SECTION] JSON

Json spec_to_json(const RunSpec& spec);  // every option that applies, by json_key
RunSpec spec_from_json(const Json& json, const std::string& context);  // InputError naming the key

// [SECTION] Equality

bool same_run(const RunSpec& a, const RunSpec& b);
std::vector<std::string> run_differences(const RunSpec& a, const RunSpec& b);  // row names

}  // namespace hqnn::run
