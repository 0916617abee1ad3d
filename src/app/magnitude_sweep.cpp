#include "magnitude_sweep.hpp"

#include <chrono>
#include <cmath>
#include <cstdio>

#include <algorithm>
#include <stdexcept>

#include "core/input_error.hpp"
#include "core/settings/field_codecs.hpp"
#include "run/options/option_table.hpp"
#include "run/log_spacing.hpp"

namespace hqnn::app {

std::vector<ModelKind> sweep_classical_kinds() {
  std::vector<ModelKind> kinds;
  for (const ModelKindInfo& k : model_kinds())
    if (!k.hybrid && !k.convolutional) kinds.push_back(k.kind);
  return kinds;
}

// [SECTION] The map's rows -----------------------------------------------------------------

static std::vector<std::string> model_words(bool hybrid) {
  std::vector<std::string> words;
  for (const ModelKindInfo& k : model_kinds())
    if (k.hybrid == hybrid && !k.convolutional) words.push_back(k.name);
  return words;
}

// A model of the sweep: one of the row's words (the hybrid FNNs, or the fully connected classical models).
static Binding<SweepOptions> sweep_model(ModelKind SweepOptions::*side, std::vector<std::string> words) {
  return {[side](const SweepOptions& o) { return OptionValue{0, model_kind_name(o.*side), {}}; },
          [side, words](SweepOptions& o, const OptionValue& v) {
            const auto kind = parse_model_kind(v.text);
            if (!kind || std::find(words.begin(), words.end(), v.text) == words.end()) throw NotAChoice{};
            o.*side = *kind;
          }};
}

const std::vector<Field<SweepOptions>>& sweep_fields() {
  using O = SweepOptions;
  // magnitudes as the attack-magnitude option reads and writes them; the counts
  // wide, so that validate_sweep says what a map needs
  static const std::vector<Field<O>> rows = {
      field<O>("hybrid", "map_hybrid", "hybrid", choice(model_words(true)), sweep_model(&O::hybrid, model_words(true))),
      field<O>("classical", "map_classical", "classical", choice(model_words(false)),
               sweep_model(&O::classical, model_words(false))),
      field<O>("form", "map_form", "form", enum_choice<AttackForm>(),
               bind_enum<O, AttackForm>(&O::form)),
      field<O>("mode", "map_mode", "mode", enum_choice<AttackMode>(),
               bind_enum<O, AttackMode>(&O::mode)),
      field<O>("noise", "map_noise", "noise", enum_choice<NoiseKind>(),
               bind_enum<O, NoiseKind>(&O::noise)),
      field<O>("lo", "map_lo", "lo", run::option_row("attack-magnitude"), bind_field<O>(&O::lo)),
      field<O>("hi", "map_hi", "hi", run::option_row("attack-magnitude"), bind_field<O>(&O::hi)),
      field<O>("points", "map_points", "points", integer(-(1 << 30), 1 << 30), bind_field<O>(&O::points)),
      field<O>("seeds", "map_seeds", "seeds", integer(-(1 << 30), 1 << 30), bind_field<O>(&O::seeds)),
  };
  return rows;
}

static const Field<SweepOptions>& sweep_row(const std::string& name) {
  for (const auto& f : sweep_fields())
    if (f.name == name) return f;
  throw std::logic_error("no sweep row " + name);
}

bool SweepOptions::operator==(const SweepOptions& o) const { return same_fields(sweep_fields(), *this, o); }

SweepOptions sweep_options_for(const run::RunSpec& spec) {
  SweepOptions o;
  if (is_hybrid(spec.model.kind) && !is_convolutional(spec.model.kind)) o.hybrid = spec.model.kind;
  if (spec.attack) {
    o.form = spec.attack->form;
    o.mode = spec.attack->mode;
    o.noise = spec.attack->noise;
  }
  return o;
}

static std::string number_text(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

void validate_sweep(const SweepOptions& o, const run::RunSpec& spec) {
  if (spec.data_kind() == run::DataKind::image)
    throw InputError("map: the live map sweeps tabular data (iris or a CSV), not " + spec.data.name +
                     "; hqnn reproduce --profile robustness-quick maps the image subsets");
  for (const char* side : {"hybrid", "classical"}) {  // the rows' own check, on options set in code
    const Field<SweepOptions>& row = sweep_row(side);
    SweepOptions trial;
    try {
      set_field(row, trial, row.get(o));
    } catch (const InputError& e) {
      throw InputError(row.hash_key + ": " + e.what());
    }
  }
  if (o.points < 2 || o.points > kSweepMaxPoints)
    throw InputError(sweep_row("points").hash_key + ": a map needs 2 to " + std::to_string(kSweepMaxPoints) + " magnitudes, got " +
                     std::to_string(o.points));
  if (o.seeds < 1 || o.seeds > kSweepMaxSeeds)
    throw InputError(sweep_row("seeds").hash_key + ": expected 1 to " + std::to_string(kSweepMaxSeeds) + " seeds, got " +
                     std::to_string(o.seeds));
  if (!(o.lo > 0) || !std::isfinite(o.lo) || !std::isfinite(o.hi))
    throw InputError(sweep_row("lo").hash_key + ": the magnitudes are log-spaced, so the lowest must be a finite number above 0, got " +
                     number_text(o.lo));
  if (!(o.lo < o.hi))
    throw InputError(sweep_row("lo").hash_key + ", " + sweep_row("hi").hash_key + ": the lowest magnitude (" + number_text(o.lo) + ") must be below the highest (" +
                     number_text(o.hi) + ")");
}

std::vector<SweepRun> sweep_runs(const run::RunSpec& spec, const SweepOptions& o) {
  std::vector<SweepRun> runs;
  for (double magnitude : run::log_spaced_magnitudes(o.lo, o.hi, o.points))
    for (int repeat = 0; repeat < o.seeds; ++repeat)
      for (ModelKind model : {o.hybrid, o.classical}) {
        SweepRun r{model, magnitude, spec.seed() + static_cast<uint64_t>(repeat), spec};
        r.spec.model.kind = model;
        // As in hqnn reproduce's map: the default attack (one random layer) with the sweep's form, mode and
        // noise, from the first step on.
        r.spec.attack = run::default_attack();
        r.spec.attack->form = o.form;
        r.spec.attack->mode = o.mode;
        r.spec.attack->noise = o.noise;
        r.spec.attack->magnitude = magnitude;
        r.spec.attack_epoch = 0;
        run::set_seed(r.spec, r.seed);
        // One training thread: the sweep runs beside the main training, on the UI thread of the page (the
        // thread count never changes the numbers).
        r.spec.train.threads = 1;
        runs.push_back(std::move(r));
      }
  return runs;
}

std::vector<SweepLinePoint> sweep_line(const std::vector<SweepPoint>& points, ModelKind model, int seeds) {
  std::vector<SweepLinePoint> line;
  std::vector<int> count;
  for (const SweepPoint& p : points) {
    if (p.model != model) continue;
    if (line.empty() || line.back().magnitude != p.magnitude) {
      line.push_back({p.magnitude, 0, 0, 0});
      count.push_back(0);
    }
    SweepLinePoint& l = line.back();
    l.average_accuracy += p.average_accuracy / seeds;
    l.final_accuracy += p.final_accuracy / seeds;
    l.diverged_fraction += (p.diverged ? 1.0 : 0.0) / seeds;
    ++count.back();
  }
  if (!count.empty() && count.back() < seeds) line.pop_back();  // its other seeds are still to come
  return line;
}

MagnitudeSweep::MagnitudeSweep(const run::RunSpec& spec, const SweepOptions& options, run::SourceData source)
    : spec_(spec), options_(options), source_(std::move(source)) {
  validate_sweep(options_, spec_);
  runs_ = sweep_runs(spec_, options_);
  classes_ = static_cast<int>(source_.samples.class_count());
}

MagnitudeSweep::~MagnitudeSweep() = default;

bool MagnitudeSweep::runs_as(const run::RunSpec& spec, const SweepOptions& options) const {
  if (options != options_ || spec.data.name != spec_.data.name) return false;
  const std::vector<SweepRun> other = sweep_runs(spec, options);
  for (size_t i = 0; i < runs_.size(); ++i)
    if (!run::same_run(other[i].spec, runs_[i].spec)) return false;
  return true;
}

double MagnitudeSweep::current_run_progress() const {
  if (!loop_) return 0;
  const double steps = static_cast<double>(loop_->steps_per_epoch()) * loop_->spec().train.epochs;
  return steps > 0 ? static_cast<double>(loop_->steps()) / steps : 0;
}

bool MagnitudeSweep::advance(double budget_ms) {
  using Clock = std::chrono::steady_clock;
  const Clock::time_point start = Clock::now();
  const auto elapsed_ms = [&] { return std::chrono::duration<double, std::milli>(Clock::now() - start).count(); };
  bool finished = false;
  while (!done()) {
    if (!loop_) {
      const SweepRun& r = runs_[points_.size()];
      try {
        loop_ = std::make_unique<run::RunLoop>(r.spec, run::prepare_data(r.spec, source_));
      } catch (const std::exception& e) {
        error_ = std::string(model_kind_name(r.model)) + ": " + e.what();
        return finished;
      }
    }
    loop_->step_for(budget_ms - elapsed_ms());
    if (loop_->done()) {
      const SweepRun& r = runs_[points_.size()];
      const run::RunResult result = loop_->finish();
      points_.push_back({r.model, r.magnitude, r.seed, result.stats.accuracy_mean, result.test_eval.accuracy,
                         result.divergence.diverged});
      loop_.reset();
      finished = true;
    }
    if (elapsed_ms() >= budget_ms) break;
  }
  return finished;
}

}  // namespace hqnn::app
