#include "grid_run_files.hpp"

#include <algorithm>
#include <cstdio>

#include "cli/report.hpp"
#include "text_file.hpp"

namespace hqnn::cli {

namespace fs = std::filesystem;

Json run_summary_json(const GridRun& run, const LoadedData& data, const ExperimentResult& r) {
  Json j = Json::object();
  j.set("id", run.id);
  j.set("experiment", run.experiment);
  j.set("dataset", run.dataset);
  j.set("condition", run.condition);
  j.set("model", run.model);
  j.set("seed", run.seed);
  j.set("data_source", data.source);
  j.set("train_samples", static_cast<long long>(data.train.size()));
  j.set("test_samples", static_cast<long long>(data.test.size()));
  j.set("epochs", run.config.train.epochs);
  j.set("batch", run.config.train.batch);
  j.set("lr", run.config.train.optimizer.lr);
  j.set("noise", noise_json(run.config.noise, run.config.noise_seed));
  j.set("attack", attack_json(run.config.attack, r.attacked_layers));
  j.set("final_test_accuracy", r.test_eval.accuracy);
  j.set("final_test_loss", r.test_eval.loss);
  j.set("divergence", divergence_json(r.divergence));
  j.set("statistics", to_json(r.stats));
  j.set("seconds", r.seconds);
  j.set("cpu_seconds", r.cpu_seconds);
  j.set("curves", curves_json(r.history, r.block_names));
  return j;
}

static std::string curves_csv(const Json& run) {
  const Json& c = run.at("curves");
  std::string out = "epoch,train_loss,train_accuracy,test_loss,test_accuracy\n";
  const size_t n = c.at("epoch").size();
  char buf[200];
  for (size_t i = 0; i < n; ++i) {
    std::snprintf(buf, sizeof buf, "%d,%.9g,%.9g,%.9g,%.9g\n", static_cast<int>(c.at("epoch")[i].as_number()),
                  c.at("train_loss")[i].as_number(), c.at("train_accuracy")[i].as_number(),
                  c.at("test_loss")[i].as_number(), c.at("test_accuracy")[i].as_number());
    out += buf;
  }
  return out;
}

void write_run_files(const fs::path& runs_dir, const Json& summary) {
  const std::string id = summary.at("id").as_string();
  write_text(runs_dir / (id + ".json"), summary.dump(1));
  write_text(runs_dir / (id + ".csv"), curves_csv(summary));
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
    run.at("id", ctx).as_string(ctx + ": id");
    const Json& curves = run.at("curves", ctx);
    const size_t epochs = curves.at("epoch", ctx).items(ctx + ": curves.epoch").size();
    for (const char* key : {"train_loss", "train_accuracy", "test_loss", "test_accuracy"})
      if (curves.at(key, ctx).items(ctx + ": curves").size() != epochs)
        throw InputError(ctx + ": curves." + key + " has a different length than curves.epoch (a damaged run file?)");
    runs.push_back(std::move(run));
  }
  return runs;
}

}  // namespace hqnn::cli
