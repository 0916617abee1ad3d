#include "checkpoint.hpp"

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "core/input_error.hpp"
#include "core/state_json.hpp"
#include "core/whole_file.hpp"
#include "run/options/option_table.hpp"

namespace hqnn::cli {

namespace fs = std::filesystem;

static const char* kFormat = "hqnn-checkpoint";

std::string epochs_path(const std::string& checkpoint_path) { return checkpoint_path + ".epochs"; }

CheckpointScaling scaling_of(const run::PreparedData& data) {
  CheckpointScaling s;
  s.used = data.scaling;
  s.choice = data.scaling_choice;
  s.scaler = data.scaler;
  return s;
}

static Json scaling_json(const CheckpointScaling& s) {
  Json j = Json::object();
  j.set("used", enum_name(s.used));
  if (s.choice)
    j.set("auto_validation_accuracy",
          exact_numbers(std::vector<double>(s.choice->validation_accuracy, s.choice->validation_accuracy + 3)));
  else
    j.set("auto_validation_accuracy", Json());
  if (s.scaler) {
    Json sc = Json::object();
    sc.set("offset", exact_numbers(s.scaler->offset.data(), static_cast<size_t>(s.scaler->offset.size())));
    sc.set("scale", exact_numbers(s.scaler->scale.data(), static_cast<size_t>(s.scaler->scale.size())));
    j.set("scaler", sc);
  } else {
    j.set("scaler", Json());
  }
  return j;
}

static CheckpointScaling scaling_from_json(const Json& j, const std::string& ctx) {
  CheckpointScaling s;
  const auto kind = parse_enum<ScalingKind>(j.at("used", ctx).as_string(ctx + ".used"));
  if (!kind || *kind == ScalingKind::automatic) throw InputError(ctx + ".used: not a scaling");
  s.used = *kind;
  const Json& acc = j.at("auto_validation_accuracy", ctx);
  if (!acc.is_null()) {
    const std::vector<double> v = exact_numbers_of(acc, ctx + ".auto_validation_accuracy");
    if (v.size() != 3) throw InputError(ctx + ".auto_validation_accuracy: expected 3 values");
    run::ScalingChoice c;
    c.chosen = s.used;
    for (int i = 0; i < 3; ++i) c.validation_accuracy[i] = v[static_cast<size_t>(i)];
    s.choice = c;
  }
  const Json& sc = j.at("scaler", ctx);
  if (!sc.is_null()) {
    const std::vector<double> offset = exact_numbers_of(sc.at("offset", ctx), ctx + ".scaler.offset");
    const std::vector<double> scale = exact_numbers_of(sc.at("scale", ctx), ctx + ".scaler.scale");
    if (offset.size() != scale.size()) throw InputError(ctx + ".scaler: offset and scale differ in length");
    FeatureScaler f;
    f.kind = s.used;
    f.offset.resize(static_cast<Index>(offset.size()));
    f.scale.resize(static_cast<Index>(scale.size()));
    for (size_t i = 0; i < offset.size(); ++i)
      f.offset(static_cast<Index>(i)) = static_cast<Real>(offset[i]), f.scale(static_cast<Index>(i)) = static_cast<Real>(scale[i]);
    s.scaler = f;
  }
  return s;
}

static std::string head_text(const run::RunSpec& spec, const std::optional<CheckpointScaling>& scaling) {
  std::string head = "{\"format\":\"" + std::string(kFormat) + "\",\"version\":" + std::to_string(kCheckpointVersion) +
                     ",\"spec\":" + run::spec_to_json(spec).dump();
  if (scaling) head += ",\"scaling\":" + scaling_json(*scaling).dump();
  return head + ",\"run\":";
}

// FILE.tmp is written whole, then takes FILE's place. FILE is removed first:
// renaming over an existing file makes ext4 flush the new file's data to disk
// (auto_da_alloc), which cost ~2.5 ms per epoch, 10x a small run's epoch. A
// run stopped between the two steps leaves FILE.tmp complete, and the reader
// takes it when FILE is missing.
static void replace_file(const std::string& path, const std::string& text) {
  const std::string tmp = path + ".tmp";
  write_whole_file(tmp, text);
  std::remove(path.c_str());
  if (std::rename(tmp.c_str(), path.c_str()) != 0) throw InputError(path + ": cannot replace the checkpoint");
}

// FILE, or FILE.tmp when a run stopped after removing FILE and before renaming.
static std::string existing(const std::string& path) {
  std::error_code ec;
  if (!fs::exists(path, ec) && fs::exists(path + ".tmp", ec)) return path + ".tmp";
  return path;
}

static std::string records_text(const std::vector<Json>& records) {
  std::string text;
  for (const Json& r : records) text += r.dump() + "\n";
  return text;
}

void write_checkpoint_file(const std::string& path, const CheckpointFile& c) {
  // The records go first: a file that names E epochs always finds E records.
  Json state = c.run;
  std::vector<Json> records = c.epoch_records;
  if (records.empty() && state.is_object()) {  // a whole state: split it into its records
    const Json* trainer = state.get("trainer");
    const Json* history = trainer ? trainer->get("history") : nullptr;
    if (history && history->is_array())
      for (size_t e = 0; e < history->size(); ++e) {
        Json r = Json::object();
        r.set("epoch", static_cast<long long>(e + 1));
        r.set("trainer", (*history)[e]);
        r.set("test_loss", state.at("test_loss")[e]);
        r.set("test_accuracy", state.at("test_accuracy")[e]);
        r.set("report", state.at("reports")[e]);
        records.push_back(r);
      }
    if (trainer) {
      Json t = *trainer;
      t.set("history", Json::array());
      state.set("trainer", t);
      state.set("test_loss", Json::array());
      state.set("test_accuracy", Json::array());
      state.set("reports", Json::array());
    }
  }
  replace_file(epochs_path(path), records_text(records));
  replace_file(path, head_text(c.spec, c.scaling) + state.dump() + "}\n");
}

// The first `count` records of FILE.epochs.
static std::vector<Json> read_records(const std::string& path, long long count) {
  std::vector<Json> out;
  if (count == 0) return out;
  const std::string epochs = existing(epochs_path(path));
  std::ifstream f(epochs, std::ios::binary);
  if (!f)
    throw InputError(path + ": its epoch records " + epochs +
                     " cannot be read (a checkpoint is two files: copy or move both)");
  std::string line;
  while (static_cast<long long>(out.size()) < count && std::getline(f, line))
    out.push_back(Json::parse(line, epochs + " line " + std::to_string(out.size() + 1)));
  if (static_cast<long long>(out.size()) < count)
    throw InputError(epochs + ": holds " + std::to_string(out.size()) + (out.size() == 1 ? " epoch record" : " epoch records") +
                     ", the checkpoint needs " +
                     std::to_string(count) + " (a checkpoint is two files: copy or move both)");
  return out;
}

CheckpointFile read_checkpoint_file(const std::string& path) {
  const Json j = Json::parse(read_whole_file(existing(path)), path);
  const Json* format = j.is_object() ? j.get("format") : nullptr;
  if (!format || !format->is_string() || format->as_string() != kFormat)
    throw InputError(path + ": not an hqnn checkpoint (written by hqnn train --checkpoint FILE)");
  const long long version = whole_number_of(j.at("version", path), 0, 1000000, path + ": version");
  if (version != 2 && version != kCheckpointVersion)
    throw InputError(path + ": checkpoint version " + std::to_string(version) +
                     " is not supported (this hqnn reads versions 2 and 3; start the run again)");
  CheckpointFile c;
  c.spec = run::spec_from_json(j.at("spec", path), path + ": spec");
  c.run = j.at("run", path);
  if (version == 2) return c;  // the whole state in one file; auto scaling is measured again
  c.scaling = scaling_from_json(j.at("scaling", path), path + ": scaling");
  const long long epoch = whole_number_of(c.run.at("epoch", path), 0, 1LL << 31, path + ": run.epoch");
  c.epoch_records = read_records(path, epoch);
  c.run = run::RunLoop::state_with_epochs(c.run, c.epoch_records);
  return c;
}

CheckpointWriter::CheckpointWriter(std::string path, const run::RunSpec& spec, const run::PreparedData& data,
                                   const std::vector<Json>& kept)
    : path_(std::move(path)), head_(head_text(spec, scaling_of(data))), records_(kept.size()) {
  replace_file(epochs_path(path_), records_text(kept));
}

void CheckpointWriter::save(const run::RunLoop& loop) {
  const size_t epochs = static_cast<size_t>(loop.epoch());
  if (epochs > records_) {
    std::string text;
    for (size_t e = records_; e < epochs; ++e) text += loop.epoch_json(e).dump() + "\n";
    std::FILE* f = std::fopen(epochs_path(path_).c_str(), "ab");
    if (!f || std::fwrite(text.data(), 1, text.size(), f) != text.size() || std::fclose(f) != 0)
      throw InputError(epochs_path(path_) + ": cannot append the epoch's record (is the disk full?)");
    records_ = epochs;
  }
  replace_file(path_, head_ + loop.state_json_without_epochs().dump() + "}\n");
}

void check_checkpoint_target(const std::string& path, const run::RunSpec& spec, bool overwrite) {
  std::error_code ec;
  if (overwrite || !fs::exists(path, ec) || fs::is_directory(path, ec) || fs::file_size(path, ec) == 0) return;
  const std::string how = "; continue it with hqnn train --resume " + path +
                          ", choose another file, or give --overwrite-checkpoint to replace it";
  CheckpointFile other;
  try {
    other = read_checkpoint_file(path);
  } catch (const InputError&) {
    throw InputError("--checkpoint " + path + " exists and is not a checkpoint of this run; choose another file, or "
                     "give --overwrite-checkpoint to replace it");
  }
  std::vector<std::string> differ;
  for (const std::string& name : run::run_differences(other.spec, spec))
    if (name != "epochs") differ.push_back(name);
  if (differ.empty()) return;  // the same run, started again
  std::string names;
  for (const std::string& n : differ) names += (names.empty() ? "--" : ", --") + n;
  throw InputError("--checkpoint " + path + " holds another run (it differs in " + names + ")" + how);
}

}  // namespace hqnn::cli
