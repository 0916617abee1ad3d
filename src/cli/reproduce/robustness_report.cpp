// Index of this file
//   [SECTION] Points of the map
//   [SECTION] Verdict and ablation
//   [SECTION] Accuracy tables and plots
//   [SECTION] Report
#include "robustness_report.hpp"

#include <filesystem>

#include "markdown_table.hpp"
#include "robustness_map.hpp"
#include "svg_plot.hpp"
#include "text_file.hpp"

namespace hqnn::cli {

namespace fs = std::filesystem;

// [SECTION] Points of the map ----------------------------------------------------------------------

static constexpr double kClaimGap = 0.20;    // "hybrid >= classical + 20 points"
static constexpr double kChanceBand = 0.10;  // "at chance": accuracy <= 1/classes + 10 points
static constexpr double kNanShare = 0.5;     // "NaN": the loss reached NaN/Inf in at least half of the runs

static std::vector<NoiseKind> noises_of(const ReproduceDataset& d, bool asymmetric) {
  std::vector<NoiseKind> out;
  for (NoiseKind k : d.map.noises)
    if (is_symmetric(k) != asymmetric) out.push_back(k);
  return out;
}

class RobustnessMap {
 public:
  RobustnessMap(const ReproduceProfile& profile, const GridResults& results) : profile_(profile), results_(results) {}

  MapPoint point(const ReproduceDataset& d, AttackForm form, AttackMode mode, const std::vector<NoiseKind>& noises,
                 double magnitude, const std::string& model) const {
    MapPoint p;
    int runs = 0, diverged = 0;
    for (NoiseKind noise : noises) {
      const SeedAggregate a =
          results_.aggregate("robustness", d.key, robustness_condition(form, mode, noise, magnitude), model);
      p.accuracy += a.acc_mean / static_cast<double>(noises.size());
      p.seed_sd += a.acc_seed_sd / static_cast<double>(noises.size());
      runs += a.runs;
      diverged += a.diverged;
    }
    p.nan_fraction = runs > 0 ? static_cast<double>(diverged) / runs : 0;
    return p;
  }

  // The five models of robustness_models(), in its order: plain, residual, dense, leaky, rot.
  std::vector<MapPoint> points(const ReproduceDataset& d, AttackForm form, AttackMode mode,
                               const std::vector<NoiseKind>& noises, double magnitude) const {
    std::vector<MapPoint> out;
    for (const auto& m : robustness_models(d.key)) out.push_back(point(d, form, mode, noises, magnitude, m));
    return out;
  }

  double chance(const ReproduceDataset& d) const {
    const auto& g = d.map;
    const Json* run = results_
                          .runs("robustness", d.key,
                                robustness_condition(g.forms.front(), g.modes.front(), g.noises.front(),
                                                     profile_.map_magnitudes.front()),
                                robustness_models(d.key).front())
                          .front();
    return 1.0 / static_cast<double>(run_statistics_from_json(run->at("statistics")).per_class.size());
  }

 private:
  const ReproduceProfile& profile_;
  const GridResults& results_;
};

// [SECTION] Verdict and ablation ------------------------------------------------------------------

static bool collapsed(const MapPoint& p, double chance) {
  return p.accuracy <= chance + kChanceBand || p.nan_fraction >= kNanShare;
}

// A hybrid's `accuracy` against the classical pair (points 3 and 4), by the claim's definition.
static bool beats_collapsed_classical(const std::vector<MapPoint>& p, double accuracy, double chance) {
  const double classical = (p[3].accuracy + p[4].accuracy) / 2;
  return accuracy >= classical + kClaimGap && collapsed(p[3], chance) && collapsed(p[4], chance);
}

Verdict robustness_verdict(const std::vector<MapPoint>& p, double chance) {
  const double hybrid = (p[1].accuracy + p[2].accuracy) / 2, classical = (p[3].accuracy + p[4].accuracy) / 2;
  if (beats_collapsed_classical(p, hybrid, chance)) return Verdict::claim_holds;
  if (classical >= hybrid + kClaimGap && collapsed(p[1], chance) && collapsed(p[2], chance)) return Verdict::reverse_holds;
  return Verdict::no_difference;
}

// "0.001–0.0316, 3.16" for the magnitudes where `in` is true; "—" for none.
static std::string magnitude_ranges(const std::vector<double>& m, const std::vector<bool>& in) {
  std::string s;
  for (size_t i = 0; i < m.size(); ++i) {
    if (!in[i] || (i > 0 && in[i - 1])) continue;
    size_t j = i;
    while (j + 1 < m.size() && in[j + 1]) ++j;
    s += (s.empty() ? "" : ", ") + magnitude_label(m[i]) + (j > i ? "–" + magnitude_label(m[j]) : "");
  }
  return s.empty() ? "—" : s;
}

static std::string form_symbol(AttackForm form) { return enum_row(form).symbol; }

// Calls cell(d, form, mode, asymmetric, noises) for each row of the verdict and ablation tables: every
// (data set, form, mode, noise symmetry) the profile ran.
template <typename Cell>
static void for_each_map_row(const ReproduceProfile& profile, Cell cell) {
  for (const auto& d : profile.datasets)
    for (AttackForm form : d.map.forms)
      for (AttackMode mode : d.map.modes)
        for (bool asym : {true, false}) {
          const std::vector<NoiseKind> noises = noises_of(d, asym);
          if (!noises.empty()) cell(d, form, mode, asym, noises);
        }
}

static std::string verdict_section(const ReproduceProfile& profile, const RobustnessMap& map) {
  std::string s = "## Verdict: where the paper's claim holds\n\n";
  s += "At magnitude m the claim *holds* when the residual and dense hybrids average at least " +
       format_number("%.0f", 100 * kClaimGap) + " points of average test accuracy above the two classical baselines "
       "and both baselines are at chance (at most " + format_number("%.0f", 100 * kChanceBand) +
       " points above 1/classes) or NaN (the loss reached NaN/Inf in at least half of their runs). The *reverse* "
       "holds with the roles swapped; elsewhere there is *no difference* by this definition. Noises are pooled by "
       "symmetry (the mean over the symmetric or the asymmetric kinds the data set ran).\n\n";
  s += table_head({"data set", "form", "mode", "noise", "claim holds at m =", "reverse holds at m =", "no difference at m ="});
  const auto& mags = profile.map_magnitudes;
  for_each_map_row(profile, [&](const ReproduceDataset& d, AttackForm form, AttackMode mode, bool asym,
                                const std::vector<NoiseKind>& noises) {
    std::vector<bool> holds, reverse, none;
    for (double m : mags) {
      const Verdict v = robustness_verdict(map.points(d, form, mode, noises, m), map.chance(d));
      holds.push_back(v == Verdict::claim_holds);
      reverse.push_back(v == Verdict::reverse_holds);
      none.push_back(v == Verdict::no_difference);
    }
    s += table_row({d.key, form_symbol(form), enum_name(mode), asym ? "asymmetric" : "symmetric",
                    magnitude_ranges(mags, holds), magnitude_ranges(mags, reverse), magnitude_ranges(mags, none)});
  });
  return s + "\n";
}

static std::string ablation_section(const ReproduceProfile& profile, const RobustnessMap& map) {
  const std::string plain = model_display_name(robustness_models("iris")[0]) + " / " +
                            model_display_name(robustness_models("mnist")[0]);
  std::string s = "## Ablation inside the map: do the skips or the sin/cos carry the robustness?\n\n";
  s += "The plain hybrid (" + plain + ") has the same sin/cos gates as the residual and dense ones but no skip "
       "connections. For each magnitude where the claim holds for the residual and dense hybrids, the plain hybrid is "
       "put to the same test (at least " + format_number("%.0f", 100 * kClaimGap) +
       " points above the classical pair, which is at chance or NaN). Where it passes too, the sin/cos gates suffice; "
       "where only the residual and dense hybrids pass, the skips carry the robustness.\n\n";
  s += table_head({"data set", "form", "mode", "noise", "residual + dense hold at m =", "plain holds too at m =",
                   "only with skips at m ="});
  const auto& mags = profile.map_magnitudes;
  for_each_map_row(profile, [&](const ReproduceDataset& d, AttackForm form, AttackMode mode, bool asym,
                                const std::vector<NoiseKind>& noises) {
    std::vector<bool> skipped, plain_too, skips_only;
    for (double m : mags) {
      const auto p = map.points(d, form, mode, noises, m);
      const bool both = robustness_verdict(p, map.chance(d)) == Verdict::claim_holds;
      const bool tq = beats_collapsed_classical(p, p[0].accuracy, map.chance(d));
      skipped.push_back(both);
      plain_too.push_back(both && tq);
      skips_only.push_back(both && !tq);
    }
    s += table_row({d.key, form_symbol(form), enum_name(mode), asym ? "asymmetric" : "symmetric",
                    magnitude_ranges(mags, skipped), magnitude_ranges(mags, plain_too),
                    magnitude_ranges(mags, skips_only)});
  });
  return s + "\n";
}

// [SECTION] Accuracy tables and plots -------------------------------------------------------------

static std::string plot_file(const ReproduceDataset& d, AttackForm form, AttackMode mode) {
  return "robustness-" + d.key + "-" + enum_row(form).label + "-" + enum_name(mode) + ".svg";
}

static std::string accuracy_section(const ReproduceProfile& profile, const RobustnessMap& map) {
  std::string s = "## Average test accuracy (%) against the attack magnitude\n\n";
  s += "`†`: the loss reached NaN/Inf in at least half of the runs. Each cell is the mean over the seeds and over the "
       "noises of the symmetry group. The plots show the asymmetric noises, one line per model; `†m` in a legend: the "
       "smallest magnitude m at which the loss is NaN/Inf in at least half of the runs.\n\n";
  const auto& mags = profile.map_magnitudes;
  for (const auto& d : profile.datasets)
    for (AttackForm form : d.map.forms)
      for (AttackMode mode : d.map.modes) {
        s += "### " + d.key + ", form " + form_symbol(form) + ", " + enum_name(mode) + "\n\n";
        for (bool asym : {true, false}) {
          const auto noises = noises_of(d, asym);
          if (noises.empty()) continue;
          std::string kinds;
          for (NoiseKind k : noises) kinds += (kinds.empty() ? "" : ", ") + std::string(enum_name(k));
          std::vector<std::string> head = {std::string(asym ? "asymmetric" : "symmetric") + " (" + kinds + ")"};
          for (double m : mags) head.push_back("m=" + magnitude_label(m));
          s += table_head(head);
          for (const auto& model : robustness_models(d.key)) {
            std::vector<std::string> cells = {model_display_name(model)};
            for (double m : mags) {
              const MapPoint p = map.point(d, form, mode, noises, m, model);
              cells.push_back(format_number("%.1f", 100 * p.accuracy) + (p.nan_fraction >= kNanShare ? "†" : ""));
            }
            s += table_row(cells);
          }
          s += "\n";
        }
        s += "![" + d.key + " " + form_symbol(form) + " " + enum_name(mode) + "](plots/" +
             plot_file(d, form, mode) + ")\n\n";
      }
  return s;
}

static void write_plots(const fs::path& dir, const ReproduceProfile& profile, const RobustnessMap& map) {
  fs::create_directories(dir);
  const auto& mags = profile.map_magnitudes;
  for (const auto& d : profile.datasets) {
    const auto noises = noises_of(d, true);
    if (noises.empty()) continue;
    for (AttackForm form : d.map.forms)
      for (AttackMode mode : d.map.modes) {
        std::vector<PlotSeries> series;
        for (const auto& model : robustness_models(d.key)) {
          PlotSeries line;
          line.name = model_display_name(model);
          std::string first_nan;
          for (double m : mags) {
            const MapPoint p = map.point(d, form, mode, noises, m, model);
            line.x.push_back(std::log10(m));
            line.y.push_back(p.accuracy);
            line.y_low.push_back(p.accuracy - p.seed_sd);
            line.y_high.push_back(p.accuracy + p.seed_sd);
            line.marked.push_back(p.nan_fraction >= kNanShare);
            if (first_nan.empty() && p.nan_fraction >= kNanShare) first_nan = magnitude_label(m);
          }
          if (!first_nan.empty()) line.name += " †" + first_nan;
          series.push_back(line);
        }
        PlotOptions o;
        o.title = d.key + ", form " + (form == AttackForm::inside ? "1" : "2") + ", " + enum_name(mode) +
                  ", asymmetric attacks (†m: first m with NaN loss)";
        o.x_label = "log10(attack magnitude)";
        o.y_label = "average test accuracy (band: ± population sd over seeds)";
        o.y_from_zero = true;
        o.reference_y = map.chance(d);
        o.reference_label = "chance";
        o.marker_label = "NaN loss in >= half the runs";
        write_text(dir / plot_file(d, form, mode), svg_line_plot(series, o));
      }
  }
}

// [SECTION] Report --------------------------------------------------------------------------------

static std::string header(const ReproduceProfile& profile, const GridResults& results) {
  std::string s = "# Robustness map (profile `" + profile.name + "`)\n\n";
  s += "Generated by `hqnn reproduce`. The paper (Sec. 5.2, Fig. 6-8) reports that under asymmetric parameter "
       "attacks the hybrids keep 74-93 % while the classical models fall to chance with a NaN loss, but gives neither "
       "the attack magnitude nor when ε is drawn. This map measures the claim over both: magnitudes m = ";
  for (size_t i = 0; i < profile.map_magnitudes.size(); ++i)
    s += (i ? ", " : "") + magnitude_label(profile.map_magnitudes[i]);
  s += " (log-spaced); modes *persistent* (ε added into the parameters or offsets after every step, D11), "
       "*transient* (redrawn at every forward pass) and *fixed* (drawn once when the attack starts, held); forms ① "
       "σ(θ+ε) and ② σ(θ)+ε; one randomly chosen attackable layer of L = 2. Accuracy is the D12 average test "
       "accuracy of a run (the mean of its test-accuracy curve), then the mean over seeds.\n\n";
  s += "**Softmax.** The loss is the stable softmax cross-entropy log Σ exp(z − max z) − (z_y − max z): a finite "
       "logit, however large, gives a finite loss. It is NaN/Inf only when a logit is itself NaN or ±Inf, that is when "
       "parameters or activations overflowed float32. A naive exp(z) / Σ exp(z) overflows from z ≈ 88 in float32 and "
       "returns inf/inf = NaN with finite logits, so the paper's NaN losses may come from the softmax, not from the "
       "model.\n\n";
  s += table_head({"data set", "source", "train / test samples", "epochs", "batch", "lr", "seeds", "modes", "noises"});
  for (const auto& d : profile.datasets) {
    const auto& n = results.samples(d.key);
    std::string modes, noises;
    for (AttackMode m : d.map.modes) modes += (modes.empty() ? "" : ", ") + std::string(enum_name(m));
    for (NoiseKind k : d.map.noises) noises += (noises.empty() ? "" : ", ") + std::string(enum_name(k));
    s += table_row({d.key, "`" + results.data_source(d.key) + "`",
                    std::to_string(n.first) + " / " + std::to_string(n.second), std::to_string(d.epochs),
                    std::to_string(d.batch()), format_number("%g", d.lr()),
                    std::to_string(d.map.seeds > 0 ? d.map.seeds : profile.seeds), modes, noises});
  }
  return s + "\n";
}

void write_robustness_report(const std::string& out_dir, const ReproduceProfile& profile, const GridResults& results) {
  const RobustnessMap map(profile, results);
  fs::create_directories(out_dir);
  const std::string md = header(profile, results) + verdict_section(profile, map) + ablation_section(profile, map) +
                         accuracy_section(profile, map);
  write_text(fs::path(out_dir) / "report.md", md);
  write_plots(fs::path(out_dir) / "plots", profile, map);
}

}  // namespace hqnn::cli
