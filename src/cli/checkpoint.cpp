#include "checkpoint.hpp"

#include <cstdio>

#include "core/input_error.hpp"
#include "core/state_json.hpp"
#include "core/whole_file.hpp"
#include "run/option_table.hpp"

namespace hqnn::cli {

static const char* kFormat = "hqnn-checkpoint";

void write_checkpoint_file(const std::string& path, const CheckpointFile& checkpoint) {
  Json j = Json::object();
  j.set("format", kFormat);
  j.set("version", kCheckpointVersion);
  j.set("spec", run::spec_to_json(checkpoint.spec));
  j.set("run", checkpoint.run);
  const std::string tmp = path + ".tmp";
  write_whole_file(tmp, j.dump() + "\n");
  if (std::rename(tmp.c_str(), path.c_str()) != 0) throw InputError(path + ": cannot replace the checkpoint");
}

CheckpointFile read_checkpoint_file(const std::string& path) {
  const Json j = Json::parse(read_whole_file(path), path);
  const Json* format = j.is_object() ? j.get("format") : nullptr;
  if (!format || !format->is_string() || format->as_string() != kFormat)
    throw InputError(path + ": not an hqnn checkpoint (written by hqnn train --checkpoint FILE)");
  const long long version = whole_number_of(j.at("version", path), 0, 1000000, path + ": version");
  if (version != kCheckpointVersion)
    throw InputError(path + ": checkpoint version " + std::to_string(version) + " is not supported (this hqnn reads version " +
                     std::to_string(kCheckpointVersion) + "; start the run again)");
  CheckpointFile c;
  c.spec = run::spec_from_json(j.at("spec", path), path + ": spec");
  c.run = j.at("run", path);
  return c;
}

}  // namespace hqnn::cli
