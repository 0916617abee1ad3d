#include "checkpoint.hpp"

#include <cstdio>
#include <fstream>
#include <set>
#include <sstream>

#include "core/input_error.hpp"
#include "core/state_json.hpp"
#include "experiment.hpp"

namespace hqnn::cli {

static const char* kFormat = "hqnn-checkpoint";
static const int kVersion = 1;

void write_checkpoint_file(const std::string& path, const CheckpointFile& checkpoint) {
  Json j = Json::object();
  j.set("format", kFormat);
  j.set("version", kVersion);
  Json args = Json::array();
  for (const std::string& a : checkpoint.args) args.push(a);
  j.set("args", args);
  j.set("run", checkpoint.run);
  const std::string tmp = path + ".tmp";
  {
    std::ofstream f(tmp, std::ios::binary);
    if (!f) throw InputError(path + ": cannot write the checkpoint");
    f << j.dump() << '\n';
    if (!f.flush()) throw InputError(path + ": writing the checkpoint failed");
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) throw InputError(path + ": cannot replace the checkpoint");
}

CheckpointFile read_checkpoint_file(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  if (!f) throw InputError(path + ": cannot open the checkpoint");
  std::ostringstream ss;
  ss << f.rdbuf();
  const Json j = Json::parse(ss.str(), path);
  const Json* format = j.is_object() ? j.get("format") : nullptr;
  if (!format || !format->is_string() || format->as_string() != kFormat)
    throw InputError(path + ": not an hqnn checkpoint (written by hqnn train --checkpoint FILE)");
  const long long version = whole_number_of(j.at("version", path), 0, 1000000, path + ": version");
  if (version != kVersion)
    throw InputError(path + ": checkpoint version " + std::to_string(version) +
                     " is not supported (this hqnn reads version " + std::to_string(kVersion) + ")");
  CheckpointFile c;
  for (const Json& a : j.at("args", path).items(path + ": args")) c.args.push_back(a.as_string(path + ": args"));
  c.run = j.at("run", path);
  return c;
}

namespace {

const std::set<std::string> kOutputValued = {"out", "checkpoint", "resume"};
const std::set<std::string> kOutputFlags = {"json", "quiet"};

// argv as (name, tokens) pairs: "--key value", "--key=value" or "--flag".
std::vector<std::pair<std::string, std::vector<std::string>>> options_of(const std::vector<std::string>& argv) {
  const std::set<std::string> valued = [] {
    std::set<std::string> v = experiment_valued_options();
    v.insert(kOutputValued.begin(), kOutputValued.end());
    return v;
  }();
  std::vector<std::pair<std::string, std::vector<std::string>>> out;
  for (size_t i = 0; i < argv.size(); ++i) {
    const std::string& a = argv[i];
    std::string name = a.rfind("--", 0) == 0 ? a.substr(2) : a;
    std::vector<std::string> tokens{a};
    const size_t eq = name.find('=');
    if (eq != std::string::npos)
      name = name.substr(0, eq);
    else if (valued.count(name) && i + 1 < argv.size())
      tokens.push_back(argv[++i]);
    out.push_back({name, tokens});
  }
  return out;
}

bool is_output_option(const std::string& name) { return kOutputValued.count(name) || kOutputFlags.count(name); }

}  // namespace

std::vector<std::string> run_options(const std::vector<std::string>& argv) {
  std::vector<std::string> out;
  for (const auto& [name, tokens] : options_of(argv))
    if (!is_output_option(name)) out.insert(out.end(), tokens.begin(), tokens.end());
  return out;
}

std::vector<std::string> resumed_options(const CheckpointFile& checkpoint, const std::vector<std::string>& given) {
  std::vector<std::string> epochs, output;
  for (const auto& [name, tokens] : options_of(given)) {
    if (name == "epochs")
      epochs = tokens;
    else if (name == "resume")
      continue;
    else if (is_output_option(name))
      output.insert(output.end(), tokens.begin(), tokens.end());
    else
      throw InputError("--" + name + " cannot be changed when resuming: the run's options come from the checkpoint "
                       "(only --epochs, --checkpoint, --out, --json and --quiet may be given with --resume)");
  }
  std::vector<std::string> out;
  for (const auto& [name, tokens] : options_of(checkpoint.args))
    if (name != "epochs" || epochs.empty()) out.insert(out.end(), tokens.begin(), tokens.end());
  out.insert(out.end(), epochs.begin(), epochs.end());
  out.insert(out.end(), output.begin(), output.end());
  return out;
}

}  // namespace hqnn::cli
