#include "study_runner.hpp"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdio>
#include <map>
#include <mutex>
#include <thread>

#include "grid_run_files.hpp"
#include "run/run_writers.hpp"
#include "run/train_then_attack.hpp"
#include "study_profile.hpp"

namespace hqnn::cli {

static const StudyAxes& axes_of(const ReproduceProfile& profile, const std::string& dataset) {
  for (const auto& d : profile.datasets)
    if (d.key == dataset) return d.study;
  throw InputError("the study profile has no data set '" + dataset + "'");
}

// The cells of one unit share the model and seed; the clean runs differ only in the loss.
static std::string clean_key(const GridRun& cell) { return enum_name(cell.config.train.loss); }

double estimate_study_seconds(const std::vector<const GridRun*>& cells, const GridData& data,
                              const ReproduceProfile& profile) {
  std::vector<GridRun> timed;  // one per clean run, then one per cell, with the epochs each trains
  std::map<std::pair<int, std::string>, bool> seen;
  for (const GridRun* c : cells) {
    const StudyAxes& a = axes_of(profile, c->dataset);
    if (!seen[{c->unit, clean_key(*c)}]) {
      seen[{c->unit, clean_key(*c)}] = true;
      timed.push_back(*c);
      timed.back().config.train.epochs = a.clean_epochs;
    }
    timed.push_back(*c);
    timed.back().config.train.epochs = a.attack_epochs;
  }
  std::vector<const GridRun*> ptrs;
  for (const auto& r : timed) ptrs.push_back(&r);
  return estimate_grid_seconds(ptrs, data);
}

// The run summary of one cell, with the study's own fields.
static Json cell_summary(const GridRun& cell, const LoadedData& data, const run::AttackedCell& r, const StudyAxes& a) {
  Json j = run_summary_json(cell, data, r.result);
  const AttackOptions& attack = *cell.config.attack;
  j.set("unit", cell.unit);
  j.set("loss", enum_name(cell.config.train.loss));
  j.set("attack_scale", enum_name(attack.scale));
  j.set("layers_rule", cell.condition.find("-all-") != std::string::npos ? "all" : "one");
  j.set("noise_kind", enum_name(attack.noise));
  j.set("magnitude", attack.magnitude);
  j.set("clean_epochs", a.clean_epochs);
  j.set("attack_epochs", a.attack_epochs);
  j.set("clean_accuracy", r.clean_accuracy);
  j.set("attacked_accuracy", r.attacked_accuracy);
  j.set("degradation", r.degradation());
  j.set("nan", r.result.divergence.diverged || !std::isfinite(r.result.test_eval.loss));
  j.set("max_abs_logit", run::max_abs_logit(r.result.history));
  return j;
}

std::vector<Json> run_study(const std::vector<const GridRun*>& cells, const ReproduceProfile& profile, int threads,
                            const std::filesystem::path& runs_dir, bool quiet) {
  // Units in the order of their first cell; a thread takes a whole unit.
  std::vector<std::vector<size_t>> units;
  std::map<int, size_t> unit_index;
  for (size_t i = 0; i < cells.size(); ++i) {
    auto [it, fresh] = unit_index.emplace(cells[i]->unit, units.size());
    if (fresh) units.emplace_back();
    units[it->second].push_back(i);
  }
  std::vector<Json> results(cells.size());
  std::atomic<size_t> next{0};
  std::atomic<int> units_done{0}, cells_done{0};
  std::mutex print_mutex;
  std::string failure;
  const int workers = std::min<int>(threads, static_cast<int>(std::max<size_t>(1, units.size())));
  auto worker = [&] {
    for (size_t u = next++; u < units.size(); u = next++) {
      const GridRun& first = *cells[units[u].front()];
      try {
        const StudyAxes& a = axes_of(profile, first.dataset);
        // One training thread per unit while units outnumber the workers (results do not depend on it).
        const int train_threads = std::max(1, threads / std::min<int>(workers, static_cast<int>(units.size() - u)));
        std::map<std::string, std::pair<run::CleanCheckpoint, LoadedData>> clean;
        for (size_t i : units[u]) {
          const GridRun& cell = *cells[i];
          auto it = clean.find(clean_key(cell));
          if (it == clean.end()) {
            ExperimentConfig spec = cell.config;
            spec.train.threads = train_threads;
            run::CleanCheckpoint c = run::pretrain(spec, a.clean_epochs);
            LoadedData d;
            d.train = c.data.train, d.test = c.data.test, d.name = c.data.name, d.source = c.data.source;
            it = clean.emplace(clean_key(cell), std::make_pair(std::move(c), std::move(d))).first;
          }
          const run::AttackedCell r = run::attack_from(it->second.first, *cell.config.attack, a.attack_epochs);
          results[i] = cell_summary(cell, it->second.second, r, a);
          write_run_files(runs_dir, results[i]);
          ++cells_done;
        }
        const int done = ++units_done;
        if (!quiet) {
          std::lock_guard<std::mutex> lock(print_mutex);
          std::string accuracy;
          for (const auto& [loss, c] : clean) accuracy += " " + loss + " " + std::to_string(c.first.clean_accuracy);
          std::fprintf(stderr, "[unit %d/%zu, %d/%zu cells] %s %s seed %d: clean accuracy%s\n", done, units.size(),
                       cells_done.load(), cells.size(), first.dataset.c_str(), first.model.c_str(), first.seed,
                       accuracy.c_str());
        }
      } catch (const std::exception& e) {
        std::lock_guard<std::mutex> lock(print_mutex);
        if (failure.empty()) failure = first.dataset + " " + first.model + " seed " + std::to_string(first.seed) + ": " + e.what();
        next = units.size();
      }
    }
  };
  std::vector<std::thread> pool;
  for (int t = 0; t < workers; ++t) pool.emplace_back(worker);
  for (auto& t : pool) t.join();
  if (!failure.empty())
    throw InputError("study unit " + failure + " (no further unit was started; the " + std::to_string(cells_done.load()) +
                     " finished cells are in " + runs_dir.string() + ")");
  return results;
}

}  // namespace hqnn::cli
