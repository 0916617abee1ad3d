#include "grid_run_files.hpp"

#include <algorithm>

#include "run/run_writers.hpp"
#include "text_file.hpp"

namespace hqnn::cli {

namespace fs = std::filesystem;

Json grid_run_json(const GridRun& run, const run::RunSpec& spec, const run::PreparedData& data,
                   const ExperimentResult& r) {
  Json labels = Json::object();
  labels.set("id", run.id);
  labels.set("experiment", run.experiment);
  labels.set("dataset", run.dataset);
  labels.set("condition", run.condition);
  labels.set("model", run.model);
  labels.set("seed", run.seed);
  if (run.unit >= 0) labels.set("unit", run.unit);
  Json j = run::run_json(spec, data, r);
  j.set("grid", labels);
  return j;
}

const std::string& grid_run_id(const Json& record) { return record.at("grid").at("id").as_string("grid.id"); }

void write_run_files(const fs::path& runs_dir, const Json& record) {
  const std::string& id = grid_run_id(record);
  write_text(runs_dir / (id + ".json"), record.dump(1));
  write_text(runs_dir / (id + ".csv"), run::curves_csv(record.at("curves")));
}

void copy_run_files(const std::vector<std::string>& dirs, const fs::path& runs_dir) {
  for (const std::string& dir : dirs)
    for (const auto& e : fs::directory_iterator(fs::path(dir) / "runs"))
      if (e.path().extension() == ".json" || e.path().extension() == ".csv")
        fs::copy_file(e.path(), runs_dir / e.path().filename(), fs::copy_options::overwrite_existing);
}

std::vector<Json> read_run_files(const fs::path& dir) {
  std::vector<Json> runs;
  const fs::path runs_dir = dir / "runs";
  if (!fs::is_directory(runs_dir)) throw InputError(dir.string() + ": no runs/ directory (not a reproduce output?)");
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(runs_dir))
    if (e.path().extension() == ".json") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  for (const auto& f : files) {
    Json run = Json::parse(read_text(f), f.string());
    // A run file from another version or cut short: say which, not "index past the end" later.
    const std::string ctx = f.string();
    const Json* grid = run.get("grid");
    if (!grid || !run.get("spec"))
      throw InputError(ctx + ": not a run record with grid labels (written by an older hqnn?); run its shard again");
    grid->at("id", ctx + ": grid").as_string(ctx + ": grid.id");
    const Json& curves = run.at("curves", ctx);
    const size_t epochs = curves.at("epoch", ctx).items(ctx + ": curves.epoch").size();
    for (const char* key : {"train_loss", "train_accuracy", "test_loss", "test_accuracy", "finite"})
      if (curves.at(key, ctx).items(ctx + ": curves").size() != epochs)
        throw InputError(ctx + ": curves." + key + " has a different length than curves.epoch (a damaged run file?)");
    for (const auto& [block, norms] : curves.at("grad_norm", ctx).members(ctx + ": curves.grad_norm"))
      for (const char* key : {"mean", "max"})
        if (norms.at(key, ctx).items(ctx + ": curves.grad_norm").size() != epochs)
          throw InputError(ctx + ": curves.grad_norm." + block + "." + key +
                           " has a different length than curves.epoch (a damaged run file?)");
    runs.push_back(std::move(run));
  }
  return runs;
}

}  // namespace hqnn::cli
