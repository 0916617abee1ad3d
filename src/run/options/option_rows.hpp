// The one list of a run's options. Each row names an option once for every
// surface, the CLI flag (--name), the link's '#key=value', the JSON key of run
// JSON, model files and checkpoints, and gives its format (type, range,
// words), its binding to a RunSpec field, its help line, its scope and the
// commands that accept it. Its default is read from default_spec(), never
// written here. A new option is one row in option_rows.cpp (a model option:
// one row in core/model_fields.cpp, and its link key here).
//
// Reading order everywhere: `data` first (it picks the defaults by data kind),
// then `seed` (the split, noise and attack seeds follow it), then the rest in
// table order, so the order in which options are given never matters.
#pragma once

#include <string>
#include <vector>

#include "core/settings/field.hpp"
#include "run/run_spec.hpp"

namespace hqnn::run {

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
bool in_scope(Scope scope, const RunSpec& spec);
// Why an option does not apply, as a message tail ("applies to --optimizer sgd only").
std::string scope_requirement(Scope scope, bool cli);
// Switches an attack scope on (the defaults, the run's seed).
void turn_on(Scope scope, RunSpec& spec);

// The commands; a command without rows in the table (reproduce) has its own options.
// hqnn predict accepts the options hqnn eval accepts (a row marked kEval is also predict's).
enum Command : unsigned { kTrain = 1u, kEval = 2u, kReproduce = 4u, kCircuit = 8u, kPredict = 16u };
const char* command_name(Command command);  // "train", ...

struct OptionRow : Field<RunSpec> {
  std::string metavar;       // help: "X", "KIND", ...
  std::string group;         // help section: data, model, training, noise, attack
  unsigned commands = kTrain;
  Scope scope = Scope::always;
  bool follows_seed = false;    // defaults to the run's seed; links carry it only when it differs
  bool changes_results = true;  // false (threads): not in links, JSON or run equality, since the numbers are the same
};

const std::vector<OptionRow>& option_table();
bool accepts(const OptionRow& row, Command command);  // kPredict: the rows of kEval
const OptionRow& option_row(const std::string& name);   // by name; throws std::logic_error when unknown
const OptionRow* find_option(const std::string& name);  // nullptr when unknown
// Whether the option `name` means something for `spec` (the widgets ask this).
bool option_applies(const std::string& name, const RunSpec& spec);

}  // namespace hqnn::run
