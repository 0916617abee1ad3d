#include "grid_runner.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <mutex>
#include <thread>

#include "grid_run_files.hpp"

namespace hqnn::cli {

// Seconds of one forward + backward per training sample, measured on a few batches.
static double seconds_per_sample(const ExperimentConfig& config, const LoadedData& data) {
  Model model(model_options_for(config.model, data), data.train.feature_count(), data.train.class_count());
  const Index batch = std::min<Index>(config.train.batch, data.train.size());
  const Matrix x = data.train.features.topRows(batch);
  const std::vector<int> y(data.train.labels.begin(), data.train.labels.begin() + batch);
  Matrix grad;
  const auto t0 = std::chrono::steady_clock::now();
  int reps = 0;
  double elapsed = 0;
  do {
    softmax_cross_entropy(model.forward(x), y, &grad);
    model.backward(grad);
    ++reps;
    elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  } while (elapsed < 0.02 && reps < 50);
  return elapsed / reps / static_cast<double>(batch);
}

// Training plus the evaluations of each epoch (train once, test twice; a forward is ~1/3 of a step).
double estimate_grid_seconds(const std::vector<const GridRun*>& runs, const GridData& data) {
  std::map<std::string, double> cost;
  double total = 0;
  for (const GridRun* run : runs) {
    const LoadedData& d = *data.at(run->dataset);
    const std::string k = run->dataset + "/" + run->model;
    if (!cost.count(k)) cost[k] = seconds_per_sample(run->config, d);
    const double per_epoch = cost[k] * (static_cast<double>(d.train.size()) * (1 + 1.0 / 3) +
                                        static_cast<double>(d.test.size()) * 2.0 / 3);
    total += per_epoch * run->config.train.epochs;
  }
  return total;
}

std::vector<Json> run_grid(const std::vector<const GridRun*>& runs, const GridData& data, int threads,
                           const std::filesystem::path& runs_dir, bool quiet) {
  std::vector<Json> results(runs.size());
  std::atomic<size_t> next{0};
  std::atomic<int> finished{0};
  std::mutex print_mutex;
  std::string failure;
  const int workers = std::min<int>(threads, static_cast<int>(std::max<size_t>(1, runs.size())));
  auto worker = [&] {
    for (size_t i = next++; i < runs.size(); i = next++) {
      const GridRun& run = *runs[i];
      try {
        const LoadedData& d = *data.at(run.dataset);
        // One training thread per run while runs outnumber the workers; the
        // last runs share the cores that are freed (results do not depend on it).
        ExperimentConfig config = run.config;
        config.train.threads = std::max(1, threads / std::min<int>(workers, static_cast<int>(runs.size() - i)));
        run::RunLoop loop(config, prepare_experiment_data(config, d));
        const ExperimentResult r = drive_run(loop, {}, {});
        results[i] = grid_run_json(run, loop.spec(), loop.data(), r);
        write_run_files(runs_dir, results[i]);
        const int done = ++finished;
        if (!quiet) {
          std::lock_guard<std::mutex> lock(print_mutex);
          std::fprintf(stderr, "[%d/%zu] %-52s acc %.4f%s  %.1f s\n", done, runs.size(), run.id.c_str(),
                       r.stats.accuracy_mean, r.divergence.diverged ? "  diverged" : "", r.seconds);
        }
      } catch (const std::exception& e) {
        std::lock_guard<std::mutex> lock(print_mutex);
        if (failure.empty()) failure = run.id + ": " + e.what();
        next = runs.size();  // hand out no more runs: the grid cannot complete
      }
    }
  };
  std::vector<std::thread> pool;
  for (int t = 0; t < workers; ++t) pool.emplace_back(worker);
  for (auto& t : pool) t.join();
  if (!failure.empty())
    throw InputError("run " + failure + " (the remaining runs were not started; the " + std::to_string(finished.load()) +
                     " finished ones are in " + runs_dir.string() + ")");
  return results;
}

}  // namespace hqnn::cli
