// Index of this file
//   [SECTION] Profiles and the grid
//   [SECTION] The paper's numbers (spec.md section 10)
//   [SECTION] Running one grid entry
//   [SECTION] Aggregation over seeds
//   [SECTION] Report
//   [SECTION] Run-time estimate
//   [SECTION] Command
#include "reproduce.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <limits>
#include <map>
#include <mutex>
#include <sstream>
#include <thread>

#include "complexity.hpp"
#include "report.hpp"
#include "svg_plot.hpp"

namespace hqnn::cli {

namespace fs = std::filesystem;
static constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// [SECTION] Profiles and the grid ------------------------------------------------------------

static const NoiseKind kAllNoises[] = {NoiseKind::gaussian_sym, NoiseKind::gaussian_asym, NoiseKind::uniform_sym,
                                       NoiseKind::uniform_asym, NoiseKind::mixed_sym,    NoiseKind::mixed_asym};
// Fig. 6-8 use mixed and Gaussian asymmetric attacks; their symmetric twins are the control.
static const NoiseKind kAttackNoises[] = {NoiseKind::gaussian_sym, NoiseKind::mixed_sym, NoiseKind::gaussian_asym,
                                          NoiseKind::mixed_asym};

static bool image_key(const std::string& key) { return key != "iris"; }

// Column order of Fig. 5: residual hybrid, leaky baseline, dense hybrid, rot baseline.
static std::vector<std::string> comparison_models(const std::string& key) {
  if (image_key(key)) return {"qrcnn", "cnn-leaky", "qdcnn", "cnn-rot"};
  return {"qrfnn", "mlp-leaky", "qdfnn", "mlp-rot"};
}
static std::vector<std::string> ablation_models(const std::string& key) {
  if (image_key(key)) return {"tqcnn", "qrcnn", "qdcnn"};
  return {"tqfnn", "qrfnn", "qdfnn"};
}
static std::string display_name(const std::string& model) {
  static const std::map<std::string, std::string> names = {
      {"tqfnn", "TQFNN"},         {"qrfnn", "QRFNN"},         {"qdfnn", "QDFNN"},
      {"mlp-leaky", "MLP(leaky-relu)"}, {"mlp-rot", "MLP(rot-relu)"}, {"tqcnn", "TQCNN"},
      {"qrcnn", "QRCNN"},         {"qdcnn", "QDCNN"},         {"cnn-leaky", "CNN(leaky-relu)"},
      {"cnn-rot", "CNN(rot-relu)"}};
  auto it = names.find(model);
  return it == names.end() ? model : it->second;
}

ReproduceProfile reproduce_profile(const std::string& name, const std::string& cifar100_dir) {
  ReproduceProfile p;
  p.name = name;
  auto image = [](const std::string& key, const std::string& data, int epochs, size_t train_pc, size_t test_pc) {
    ReproduceDataset d;
    d.key = key;
    d.data.name = data;
    d.data.train_per_class = train_pc;
    d.data.test_per_class = test_pc;
    d.epochs = epochs;
    return d;
  };
  ReproduceDataset iris;
  iris.key = "iris";
  iris.data.name = "iris";
  if (name == "tiny") {
    iris.epochs = 2;
    p.datasets = {iris};
    p.seeds = 1;
    p.complexity = false;
  } else if (name == "quick") {
    iris.epochs = 30;
    p.datasets = {iris, image("mnist", "mnist-subset", 3, 0, 0), image("fashion-mnist", "fashion-mnist-subset", 3, 0, 0)};
    p.seeds = 2;
  } else if (name == "full") {
    iris.epochs = 100;
    p.datasets = {iris, image("mnist", "mnist", 5, 0, 0), image("fashion-mnist", "fashion-mnist", 5, 0, 0)};
    p.seeds = 3;
  } else {
    throw InputError("--profile: expected tiny, quick or full, got '" + name + "'");
  }
  if (!cifar100_dir.empty())
    p.datasets.push_back(image("cifar100", "cifar100:" + cifar100_dir, name == "full" ? 5 : name == "quick" ? 3 : 1,
                               name == "full" ? 0 : 250, name == "full" ? 0 : 100));
  for (auto& d : p.datasets) d.data.split_seed = 1;  // one split for every run of a profile
  return p;
}

static ExperimentConfig base_config(const ReproduceDataset& d, const std::string& model, int seed) {
  ExperimentConfig c;
  c.data = d.data;
  c.model.kind = *parse_model_kind(model);
  c.model.seed = static_cast<uint64_t>(seed);
  c.train.epochs = d.epochs;
  const bool image = image_key(d.key);
  c.train.batch = image ? 64 : 16;              // D6
  c.train.optimizer.lr = image ? 0.001 : 0.01;  // D6
  c.train.seed = static_cast<uint64_t>(seed);
  c.noise_seed = static_cast<uint64_t>(seed);
  return c;
}

std::vector<GridRun> reproduce_grid(const ReproduceProfile& profile) {
  std::vector<GridRun> grid;
  auto add = [&](const std::string& experiment, const ReproduceDataset& d, const std::string& condition,
                 const std::string& model, int seed, const ExperimentConfig& config) {
    GridRun r;
    r.experiment = experiment;
    r.dataset = d.key;
    r.condition = condition;
    r.model = model;
    r.seed = seed;
    r.config = config;
    r.id = experiment + "-" + d.key + "-" + (condition == "none" ? "" : condition + "-") + model + "-s" + std::to_string(seed);
    grid.push_back(std::move(r));
  };
  for (const auto& d : profile.datasets)
    for (int seed = 1; seed <= profile.seeds; ++seed) {
      for (NoiseKind noise : kAllNoises)
        for (const auto& model : comparison_models(d.key)) {
          ExperimentConfig c = base_config(d, model, seed);
          c.noise = DatasetNoiseOptions();
          c.noise->kind = noise;
          add("noise", d, noise_kind_name(noise), model, seed, c);
        }
      for (AttackForm form : {AttackForm::inside, AttackForm::outside})
        for (NoiseKind noise : kAttackNoises)
          for (const auto& model : comparison_models(d.key)) {
            ExperimentConfig c = base_config(d, model, seed);
            c.attack = AttackOptions();
            c.attack->form = form;
            c.attack->noise = noise;
            c.attack->seed = static_cast<uint64_t>(seed);
            const std::string cond = std::string(form == AttackForm::inside ? "form1-" : "form2-") + noise_kind_name(noise);
            add("attack", d, cond, model, seed, c);
          }
      for (const auto& model : ablation_models(d.key)) add("ablation", d, "none", model, seed, base_config(d, model, seed));
    }
  return grid;
}

// [SECTION] The paper's numbers (spec.md section 10) -----------------------------------------

struct PaperFig5 {  // FashionMNIST 0-3, symmetric Gaussian data noise
  double pr, roc, acc, acc_sd;
  double var[4][3], mean[4][3];  // per class: R, P, F1
};
static const std::map<std::string, PaperFig5>& paper_fig5() {
  static const std::map<std::string, PaperFig5> t = {
      {"qrcnn", {0.9730, 0.9892, 0.9284, 0.0179,
                 {{1.290e-2, 1.110e-2, 6.558e-3}, {4.551e-3, 3.872e-3, 2.385e-3}, {1.210e-2, 5.680e-3, 5.349e-3}, {1.628e-2, 7.740e-3, 7.353e-3}},
                 {{.9220, .8982, .9018}, {.9751, .9642, .9672}, {.9140, .9599, .9311}, {.8960, .9312, .9056}}}},
      {"cnn-leaky", {0.9766, 0.9911, 0.9299, 0.0177,
                     {{1.163e-2, 1.062e-2, 6.547e-3}, {6.904e-3, 3.742e-3, 3.470e-3}, {1.408e-2, 6.067e-3, 6.463e-3}, {1.320e-2, 8.798e-3, 6.443e-3}},
                     {{.9206, .9102, .9091}, {.9702, .9647, .9638}, {.9112, .9472, .9227}, {.9023, .9254, .9068}}}},
      {"qdcnn", {0.9768, 0.9910, 0.9316, 0.0175,
                 {{9.408e-3, 1.001e-2, 5.022e-3}, {3.570e-3, 3.936e-3, 2.070e-3}, {9.901e-3, 5.179e-3, 4.800e-3}, {1.363e-2, 6.703e-3, 6.118e-3}},
                 {{.9331, .9076, .9136}, {.9801, .9655, .9705}, {.9157, .9590, .9328}, {.9047, .9391, .9154}}}},
      {"cnn-rot", {0.9788, 0.9917, 0.9310, 0.0176,
                   {{1.437e-2, 1.008e-2, 7.114e-3}, {5.179e-3, 3.862e-3, 3.168e-3}, {1.254e-2, 7.347e-3, 5.819e-3}, {1.556e-2, 9.586e-3, 7.401e-3}},
                   {{.9144, .9108, .9049}, {.9805, .9657, .9703}, {.9125, .9426, .9213}, {.8930, .9234, .9003}}}}};
  return t;
}

struct PaperFig8 {
  std::string figure;
  double acc, loss;  // acc in [0, 1]; loss NaN where the paper shows nan
};
// key: dataset/condition/model
static const std::map<std::string, PaperFig8>& paper_fig8() {
  static const std::map<std::string, PaperFig8> t = [] {
    std::map<std::string, PaperFig8> m;
    auto row = [&](const std::string& fig, const std::string& ds, const std::string& cond, double rot, double qr,
                   double qr_loss, double leaky, double qd, double qd_loss) {
      m[ds + "/" + cond + "/cnn-rot"] = {fig, rot, kNaN};
      m[ds + "/" + cond + "/qrcnn"] = {fig, qr, qr_loss};
      m[ds + "/" + cond + "/cnn-leaky"] = {fig, leaky, kNaN};
      m[ds + "/" + cond + "/qdcnn"] = {fig, qd, qd_loss};
    };
    row("6a", "cifar100", "form1-mixed-asym", .2300, .7365, 0.0085, .2500, .7867, 0.0082);
    row("6b", "cifar100", "form1-gaussian-asym", .2100, .7596, 0.0063, .2500, .7610, 0.0079);
    row("7a", "fashion-mnist", "form2-mixed-asym", .2700, .9186, 0.0012, .2500, .9302, 0.0027);
    row("7b", "fashion-mnist", "form2-gaussian-asym", .2400, .8971, 0.0014, .2500, .9294, 0.0018);
    return m;
  }();
  return t;
}

static const std::map<std::string, double>& paper_fig9() {
  static const std::map<std::string, double> t = {{"iris/tqfnn", .8793},  {"iris/qrfnn", .8957},
                                                  {"iris/qdfnn", .9255},  {"fashion-mnist/tqcnn", .9019},
                                                  {"fashion-mnist/qrcnn", .9252}, {"fashion-mnist/qdcnn", .9355}};
  return t;
}

// [SECTION] Running one grid entry -------------------------------------------------------------

static Json run_summary(const GridRun& run, const LoadedData& data, const ExperimentResult& r) {
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

static void write_text(const fs::path& path, const std::string& text) {
  std::ofstream f(path, std::ios::binary);
  f << text;
  if (!f) throw InputError("cannot write " + path.string());
}

static std::string read_text(const fs::path& path) {
  std::ifstream f(path, std::ios::binary);
  if (!f) throw InputError("cannot read " + path.string());
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

// [SECTION] Aggregation over seeds -------------------------------------------------------------

// One cell of the report: the runs of one (experiment, dataset, condition, model) over the seeds.
struct Aggregate {
  int runs = 0, diverged = 0;
  double acc_mean = 0, acc_sd = 0;  // means over seeds of the D12 per-run mean and sd
  double acc_seed_sd = 0;           // sd over seeds of the per-run mean
  double loss_mean = 0;             // NaN when any run's curve has NaN
  double pr_micro = 0, pr_macro = 0, roc_micro = 0, roc_macro = 0;
  std::vector<ClassStatistics> per_class;
};

static Aggregate aggregate(const std::vector<const Json*>& runs) {
  Aggregate a;
  a.runs = static_cast<int>(runs.size());
  std::vector<double> means;
  for (const Json* r : runs) {
    const RunStatistics s = run_statistics_from_json(r->at("statistics"));
    a.diverged += r->at("divergence").at("diverged").as_bool();
    means.push_back(s.accuracy_mean);
    a.acc_sd += s.accuracy_sd / a.runs;
    a.loss_mean += s.loss_mean / a.runs;
    a.pr_micro += s.pr_auc_micro / a.runs;
    a.pr_macro += s.pr_auc_macro / a.runs;
    a.roc_micro += s.roc_auc_micro / a.runs;
    a.roc_macro += s.roc_auc_macro / a.runs;
    if (a.per_class.empty()) a.per_class.resize(s.per_class.size());
    for (size_t c = 0; c < s.per_class.size() && c < a.per_class.size(); ++c) {
      auto add = [&](MeanVariance& to, const MeanVariance& from) {
        to.mean += from.mean / a.runs;
        to.variance += from.variance / a.runs;
      };
      add(a.per_class[c].precision, s.per_class[c].precision);
      add(a.per_class[c].recall, s.per_class[c].recall);
      add(a.per_class[c].f1, s.per_class[c].f1);
    }
  }
  const MeanVariance mv = mean_variance(means);
  a.acc_mean = mv.mean;
  a.acc_seed_sd = std::sqrt(mv.variance);
  return a;
}

// [SECTION] Report -------------------------------------------------------------------------------

static std::string num(const char* f, double v) {
  if (std::isnan(v)) return "nan";
  if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
  char buf[64];
  std::snprintf(buf, sizeof buf, f, v);
  return buf;
}
static std::string signed_num(const char* f, double v) {
  if (!std::isfinite(v)) return num(f, v);
  std::string s = num(f, v);
  return v >= 0 ? "+" + s : s;
}

static std::string table_row(const std::vector<std::string>& cells) {
  std::string s = "|";
  for (const auto& c : cells) s += " " + c + " |";
  return s + "\n";
}
static std::string table_head(const std::vector<std::string>& cells) {
  std::string s = table_row(cells) + "|";
  for (size_t i = 0; i < cells.size(); ++i) s += i == 0 ? "---|" : "---:|";
  return s + "\n";
}

class ReportBuilder {
 public:
  ReportBuilder(const ReproduceProfile& profile, const std::vector<Json>& runs) : profile_(profile) {
    for (const auto& run : reproduce_grid(profile)) {
      auto it = std::find_if(runs.begin(), runs.end(), [&](const Json& j) { return j.at("id").as_string() == run.id; });
      if (it == runs.end()) throw InputError("the results have no run '" + run.id + "' (missing shard?)");
      cells_[key(run.experiment, run.dataset, run.condition, run.model)].push_back(&*it);
      sources_[run.dataset] = it->at("data_source").as_string();
      samples_[run.dataset] = {static_cast<long long>(it->at("train_samples").as_number()),
                               static_cast<long long>(it->at("test_samples").as_number())};
    }
  }

  static std::string key(const std::string& e, const std::string& d, const std::string& c, const std::string& m) {
    return e + "/" + d + "/" + c + "/" + m;
  }
  Aggregate get(const std::string& e, const std::string& d, const std::string& c, const std::string& m) const {
    return aggregate(cells_.at(key(e, d, c, m)));
  }
  const std::vector<const Json*>& runs(const std::string& e, const std::string& d, const std::string& c,
                                       const std::string& m) const {
    return cells_.at(key(e, d, c, m));
  }

  std::string header() const {
    std::string s = "# Reproduction report (profile `" + profile_.name + "`)\n\n";
    s += "Generated by `hqnn reproduce`. Every number of ours is a mean over " + std::to_string(profile_.seeds) +
         " seed(s). Per run (decision D12): accuracy is the mean ± standard deviation of the test-accuracy curve over "
         "its evaluation points (one per epoch); per-class precision / recall / F1 are the mean and (population) "
         "variance over the same points; P-R and ROC areas are one-vs-rest, of the final model, micro-averaged "
         "(macro in brackets); the loss is the mean of the test-loss curve and is `nan` when the curve reached "
         "NaN/Inf. Paper numbers are from spec.md section 10; Δ = ours − paper.\n\n";
    s += table_head({"data set", "source", "train / test samples", "epochs", "batch", "lr"});
    for (const auto& d : profile_.datasets) {
      const auto& n = samples_.at(d.key);
      const bool image = image_key(d.key);
      s += table_row({d.key, "`" + sources_.at(d.key) + "`", std::to_string(n.first) + " / " + std::to_string(n.second),
                      std::to_string(d.epochs), image ? "64" : "16", image ? "0.001" : "0.01"});
    }
    const DatasetNoiseOptions noise;
    const AttackOptions attack;
    s += "\nDataset noise: magnitude " + num("%g", noise.magnitude) + ", up to " + num("%g", noise.max_fraction) +
         " of the features per sample, on train and test. Attacks: magnitude " + num("%g", attack.magnitude) + ", " +
         attack_mode_name(attack.mode) + ", " + std::to_string(attack.layers) +
         " randomly chosen attackable layer(s) of L = 2 (library defaults).\n\n";
    return s;
  }

  // Fig. 5: one table per data set and noise.
  std::string fig5() const {
    std::string s = "## Generalisation under dataset noise (Fig. 5 layout)\n\n";
    for (const auto& d : profile_.datasets)
      for (NoiseKind noise : kAllNoises) {
        const std::string cond = noise_kind_name(noise);
        const bool paper = d.key == "fashion-mnist" && noise == NoiseKind::gaussian_sym;
        s += "### " + d.key + ", " + cond + " noise" + (paper ? " (the paper's Fig. 5)" : "") + "\n\n";
        const auto models = comparison_models(d.key);
        std::vector<std::string> head = {"metric"};
        for (const auto& m : models) {
          head.push_back(display_name(m));
          if (paper) head.push_back("paper"), head.push_back("Δ");
        }
        s += table_head(head);
        std::vector<Aggregate> agg;
        for (const auto& m : models) agg.push_back(get("noise", d.key, cond, m));
        auto diff_row = [&](const std::string& name, auto ours_text, auto ours_value, auto paper_value, const char* f) {
          std::vector<std::string> cells = {name};
          for (size_t i = 0; i < models.size(); ++i) {
            cells.push_back(ours_text(agg[i]));
            if (paper) {
              const double pv = paper_value(paper_fig5().at(models[i]));
              cells.push_back(num(f, pv));
              cells.push_back(signed_num(f, ours_value(agg[i]) - pv));
            }
          }
          s += table_row(cells);
        };
        diff_row("P-R area", [](const Aggregate& a) { return num("%.4f", a.pr_micro) + " (" + num("%.4f", a.pr_macro) + ")"; },
                 [](const Aggregate& a) { return a.pr_micro; }, [](const PaperFig5& p) { return p.pr; }, "%.4f");
        diff_row("ROC area", [](const Aggregate& a) { return num("%.4f", a.roc_micro) + " (" + num("%.4f", a.roc_macro) + ")"; },
                 [](const Aggregate& a) { return a.roc_micro; }, [](const PaperFig5& p) { return p.roc; }, "%.4f");
        diff_row("accuracy", [](const Aggregate& a) { return num("%.4f", a.acc_mean) + "±" + num("%.4f", a.acc_sd); },
                 [](const Aggregate& a) { return a.acc_mean; }, [](const PaperFig5& p) { return p.acc; }, "%.4f");
        for (int c = 0; c < 4; ++c) {
          if (static_cast<size_t>(c) >= agg[0].per_class.size()) break;
          auto triple = [&](const Aggregate& a, bool var) {
            const ClassStatistics& k = a.per_class[static_cast<size_t>(c)];
            const char* f = var ? "%.3e" : "%.4f";
            return var ? num(f, k.recall.variance) + "/" + num(f, k.precision.variance) + "/" + num(f, k.f1.variance)
                       : num(f, k.recall.mean) + "/" + num(f, k.precision.mean) + "/" + num(f, k.f1.mean);
          };
          for (bool var : {true, false}) {
            std::vector<std::string> cells = {"s" + std::to_string(c) + (var ? " var" : " mean") + " R/P/F1"};
            for (size_t i = 0; i < models.size(); ++i) {
              cells.push_back(triple(agg[i], var));
              if (paper) {
                const PaperFig5& p = paper_fig5().at(models[i]);
                const double* pv = var ? p.var[c] : p.mean[c];
                const ClassStatistics& k = agg[i].per_class[static_cast<size_t>(c)];
                const double ov[3] = {var ? k.recall.variance : k.recall.mean, var ? k.precision.variance : k.precision.mean,
                                      var ? k.f1.variance : k.f1.mean};
                const char* f = var ? "%.3e" : "%.4f";
                cells.push_back(num(f, pv[0]) + "/" + num(f, pv[1]) + "/" + num(f, pv[2]));
                cells.push_back(signed_num(f, ov[0] - pv[0]) + "/" + signed_num(f, ov[1] - pv[1]) + "/" +
                                signed_num(f, ov[2] - pv[2]));
              }
            }
            s += table_row(cells);
          }
        }
        s += "\n";
      }
    return s;
  }

  // Fig. 6-8: average accuracy and loss of the curves under attack.
  std::string fig8() const {
    std::string s = "## Parameter attacks (Fig. 6-8 layout: average test accuracy / loss of the curves)\n\n";
    s += "`[k/N div]`: k of the N seeds reached NaN/Inf. Paper cells exist for CIFAR-100 form ① (Fig. 6) and "
         "FashionMNIST form ② (Fig. 7); the other rows have none (`—`).\n\n";
    for (const auto& d : profile_.datasets) {
      s += "### " + d.key + "\n\n";
      const auto base = comparison_models(d.key);
      const std::vector<std::string> models = {base[3], base[0], base[1], base[2]};  // paper order: rot, res, leaky, dense
      std::vector<std::string> head = {"attack"};
      for (const auto& m : models) head.push_back(display_name(m)), head.push_back("paper (Δacc)");
      s += table_head(head);
      for (const char* form : {"form1", "form2"})
        for (NoiseKind noise : kAttackNoises) {
          const std::string cond = std::string(form) + "-" + noise_kind_name(noise);
          std::vector<std::string> cells = {std::string(form == std::string("form1") ? "① " : "② ") + noise_kind_name(noise)};
          for (const auto& m : models) {
            const Aggregate a = get("attack", d.key, cond, m);
            cells.push_back(num("%.2f", 100 * a.acc_mean) + "% / " + num("%.4f", a.loss_mean) + " [" +
                            std::to_string(a.diverged) + "/" + std::to_string(a.runs) + " div]");
            auto it = paper_fig8().find(d.key + "/" + cond + "/" + m);
            if (it == paper_fig8().end()) {
              cells.push_back("—");
            } else {
              cells.push_back(it->second.figure + ": " + num("%.2f", 100 * it->second.acc) + "% / " +
                              num("%.4f", it->second.loss) + " (" + signed_num("%.2f", 100 * (a.acc_mean - it->second.acc)) +
                              ")");
            }
          }
          s += table_row(cells);
        }
      s += "\n";
      for (const char* form : {"form1", "form2"})
        for (const char* noise : {"gaussian-asym", "mixed-asym"}) {
          const std::string stem = std::string("attack-") + d.key + "-" + form + "-" + noise;
          s += "![" + stem + " accuracy](plots/" + stem + "-accuracy.svg) ";
          s += "![" + stem + " loss](plots/" + stem + "-loss.svg)\n";
        }
      s += "\n";
    }
    return s;
  }

  // Fig. 9: ablation.
  std::string fig9() const {
    std::string s = "## Ablation: plain / residual / dense on noiseless data (Fig. 9 layout, average test accuracy)\n\n";
    s += "± is the standard deviation over seeds of the per-run average.\n\n";
    s += table_head({"data set", "plain", "paper (Δ)", "residual", "paper (Δ)", "dense", "paper (Δ)"});
    for (const auto& d : profile_.datasets) {
      std::vector<std::string> cells = {d.key};
      for (const auto& m : ablation_models(d.key)) {
        const Aggregate a = get("ablation", d.key, "none", m);
        cells.push_back(display_name(m) + " " + num("%.2f", 100 * a.acc_mean) + "±" + num("%.2f", 100 * a.acc_seed_sd) + "%");
        auto it = paper_fig9().find(d.key + "/" + m);
        cells.push_back(it == paper_fig9().end()
                            ? "—"
                            : num("%.2f", 100 * it->second) + "% (" + signed_num("%.2f", 100 * (a.acc_mean - it->second)) + ")");
      }
      s += table_row(cells);
    }
    return s + "\n";
  }

  void plots(const fs::path& dir) const {
    fs::create_directories(dir);
    for (const auto& d : profile_.datasets)
      for (const char* form : {"form1", "form2"})
        for (const char* noise : {"gaussian-asym", "mixed-asym"}) {
          const std::string cond = std::string(form) + "-" + noise;
          for (const char* what : {"accuracy", "loss"}) {
            std::vector<PlotSeries> series;
            for (const auto& m : comparison_models(d.key)) {
              const Json& c = runs("attack", d.key, cond, m).front()->at("curves");
              PlotSeries p;
              p.name = display_name(m);
              for (size_t i = 0; i < c.at("epoch").size(); ++i) {
                p.x.push_back(c.at("epoch")[i].as_number());
                p.y.push_back(c.at(std::string("test_") + what)[i].as_number());
              }
              series.push_back(p);
            }
            PlotOptions o;
            o.title = d.key + ", attack " + (form == std::string("form1") ? "1 " : "2 ") + noise + ", seed 1: test " + what;
            o.x_label = "epoch";
            o.y_label = std::string("test ") + what;
            o.log_y = what == std::string("loss");
            write_text(dir / ("attack-" + d.key + "-" + cond + "-" + what + ".svg"), svg_line_plot(series, o));
          }
        }
  }

 private:
  const ReproduceProfile& profile_;
  std::map<std::string, std::vector<const Json*>> cells_;
  std::map<std::string, std::string> sources_;
  std::map<std::string, std::pair<long long, long long>> samples_;
};

static std::string complexity_section(const Json& complexity) {
  std::string s = "## Complexity: time per training step of one quantum-inspired layer against n\n\n";
  s += "Forward and backward of one layer for a batch of " + num("%g", complexity.at("batch").as_number()) +
       ", one core. *V-chain kernel*: each of the 2n-3 gates updates two rows of the batch, O(n) per sample. "
       "*Dense U*: the paper's method, U built as the product of 2n-3 dense n×n matrices per batch, applied, and "
       "back-propagated through the product (prefix and suffix products), O(n⁴) per batch. The exponent is the "
       "log-log slope from the previous n.\n\n";
  s += table_head({"n", "V-chain kernel (µs)", "exponent", "dense U (ms)", "exponent", "dense / kernel"});
  double prev_n = 0, prev_k = 0, prev_d = 0;
  for (const auto& p : complexity.at("points").items()) {
    const double n = p.at("n").as_number(), k = p.at("kernel_seconds").as_number(), d = p.at("dense_seconds").as_number();
    const double ek = prev_n > 0 ? std::log(k / prev_k) / std::log(n / prev_n) : kNaN;
    const double ed = prev_n > 0 ? std::log(d / prev_d) / std::log(n / prev_n) : kNaN;
    s += table_row({num("%g", n), num("%.2f", k * 1e6), prev_n > 0 ? num("%.2f", ek) : "—",
                    std::isnan(d) ? "not run" : num("%.3f", d * 1e3), prev_n > 0 && !std::isnan(d) ? num("%.2f", ed) : "—",
                    std::isnan(d) ? "—" : num("%.0f", d / k)});
    prev_n = n, prev_k = k, prev_d = d;
  }
  return s + "\n";
}

void write_reproduction_report(const std::string& out_dir, const ReproduceProfile& profile, const std::vector<Json>& runs,
                               const Json& complexity) {
  const ReportBuilder b(profile, runs);
  fs::create_directories(out_dir);
  std::string md = b.header() + b.fig9() + b.fig8() + b.fig5();
  if (!complexity.is_null()) md += complexity_section(complexity);
  write_text(fs::path(out_dir) / "report.md", md);
  b.plots(fs::path(out_dir) / "plots");
}

// [SECTION] Run-time estimate ------------------------------------------------------------------

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
static double estimate_seconds(const std::vector<GridRun>& grid, const std::map<std::string, const LoadedData*>& data) {
  std::map<std::string, double> cost;
  double total = 0;
  for (const auto& run : grid) {
    const LoadedData& d = *data.at(run.dataset);
    const std::string k = run.dataset + "/" + run.model;
    if (!cost.count(k)) cost[k] = seconds_per_sample(run.config, d);
    const double per_epoch = cost[k] * (static_cast<double>(d.train.size()) * (1 + 1.0 / 3) +
                                        static_cast<double>(d.test.size()) * 2.0 / 3);
    total += per_epoch * run.config.train.epochs;
  }
  return total;
}

// [SECTION] Command ----------------------------------------------------------------------------

static const char* kReproduceUsage = R"(hqnn reproduce: the paper's experiment grid and a report

usage:
  hqnn reproduce [--quick | --full | --profile tiny|quick|full] [options]
  hqnn reproduce --merge DIR... [--out DIR]

  --quick                 small subsets, few epochs, 2 seeds: a few minutes on 2 cores (default)
  --full                  full data sets, 100 iris / 5 image epochs, 3 seeds (prints its run time first)
  --profile NAME          tiny (iris only, 2 epochs, 1 seed; for tests) | quick | full
  --cifar100 DIR          also run CIFAR-100 classes 0-3 (train.bin, test.bin in DIR)
  --out DIR               output directory                              [reports]
  --threads N             parallel runs (each run is single-threaded)   [all cores]
  --shard I/N             run only the I-th of N slices of the grid (1-based); writes
                          DIR/runs/*.json and DIR/shard.json, no report
  --merge DIR...          combine shard directories into one report (in --out)
  --no-complexity         leave out the complexity table
  --dry-run               print the grid size and the expected run time, run nothing
  --quiet                 no progress lines
)";

static Json complexity_json(const ReproduceProfile& profile) {
  const int batch = 16;
  const auto points = measure_complexity({4, 8, 16, 32, 64, 128}, batch, profile.complexity_dense_max_n, 0.05);
  Json j = Json::object();
  j.set("batch", batch);
  Json arr = Json::array();
  for (const auto& p : points) {
    Json k = Json::object();
    k.set("n", p.n);
    k.set("kernel_seconds", p.kernel_seconds);
    k.set("dense_seconds", p.dense_seconds);
    arr.push(k);
  }
  j.set("points", arr);
  return j;
}

static std::vector<Json> read_runs(const fs::path& dir) {
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

static int merge(const std::vector<std::string>& dirs, const std::string& out, bool complexity_wanted, bool quiet) {
  std::string profile_name, cifar;
  std::vector<Json> runs;
  for (const auto& dir : dirs) {
    const fs::path meta = fs::path(dir) / "shard.json";
    const Json j = Json::parse(read_text(meta), meta.string());
    const std::string p = j.at("profile", meta.string()).as_string();
    const std::string c = j.at("cifar100", meta.string()).as_string();
    if (!profile_name.empty() && (p != profile_name || c != cifar))
      throw InputError(dir + ": shard of profile '" + p + "', the others are '" + profile_name + "'");
    profile_name = p;
    cifar = c;
    for (auto& r : read_runs(dir)) runs.push_back(std::move(r));
  }
  const ReproduceProfile profile = reproduce_profile(profile_name, cifar);
  const Json complexity = complexity_wanted && profile.complexity ? complexity_json(profile) : Json();
  write_reproduction_report(out, profile, runs, complexity);
  fs::create_directories(fs::path(out) / "runs");
  for (const auto& r : runs) {
    const std::string id = r.at("id").as_string();
    write_text(fs::path(out) / "runs" / (id + ".json"), r.dump(1));
    write_text(fs::path(out) / "runs" / (id + ".csv"), curves_csv(r));
  }
  if (!quiet) std::fprintf(stderr, "merged %zu runs from %zu directories into %s/report.md\n", runs.size(), dirs.size(), out.c_str());
  return 0;
}

int cmd_reproduce(const std::vector<std::string>& argv_in) {
  // --merge takes every following non-option argument.
  std::vector<std::string> argv, merge_dirs;
  bool merging = false;
  for (size_t i = 0; i < argv_in.size(); ++i) {
    if (argv_in[i] == "--merge") {
      merging = true;
      while (i + 1 < argv_in.size() && argv_in[i + 1].rfind("--", 0) != 0) merge_dirs.push_back(argv_in[++i]);
    } else {
      argv.push_back(argv_in[i]);
    }
  }
  const Args args(argv, {"profile", "out", "threads", "shard", "cifar100"},
                  {"quick", "full", "tiny", "no-complexity", "quiet", "help", "dry-run"});
  if (args.flag("help")) {
    std::printf("%s", kReproduceUsage);
    return 0;
  }
  const bool quiet = args.flag("quiet");
  const std::string out = args.str("out", "reports");
  if (merging) {
    if (merge_dirs.empty()) throw InputError("--merge needs one or more shard directories");
    return merge(merge_dirs, out, !args.flag("no-complexity"), quiet);
  }
  std::string profile_name = args.str("profile", "quick");
  int chosen = args.has("profile");
  for (const char* p : {"quick", "full", "tiny"})
    if (args.flag(p)) profile_name = p, ++chosen;
  if (chosen > 1) throw InputError("choose one profile: --quick, --full or --profile NAME");
  const std::string cifar = args.str("cifar100", "");
  const ReproduceProfile profile = reproduce_profile(profile_name, cifar);

  int shard = 1, shards = 1;
  if (args.has("shard")) {
    const std::string s = args.str("shard", "");
    const size_t slash = s.find('/');
    const auto whole_number = [](const std::string& t, int& out) {  // digits only, at most 6 of them
      if (t.empty() || t.size() > 6 || !std::all_of(t.begin(), t.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return false;
      out = std::stoi(t);
      return true;
    };
    if (slash == std::string::npos || !whole_number(s.substr(0, slash), shard) ||
        !whole_number(s.substr(slash + 1), shards) || shards < 1 || shard < 1 || shard > shards)
      throw InputError("--shard: expected I/N with 1 <= I <= N, got '" + s + "'");
  }
  const int hw = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  const int threads = args.integer("threads", hw);
  if (threads < 1) throw InputError("--threads must be at least 1");

  const std::vector<GridRun> grid = reproduce_grid(profile);
  std::vector<const GridRun*> mine;
  for (size_t i = 0; i < grid.size(); ++i)
    if (static_cast<int>(i % static_cast<size_t>(shards)) == shard - 1) mine.push_back(&grid[i]);

  std::map<std::string, LoadedData> loaded;
  std::map<std::string, const LoadedData*> data;
  for (const auto& d : profile.datasets) {
    const bool needed = std::any_of(mine.begin(), mine.end(), [&](const GridRun* r) { return r->dataset == d.key; });
    if (!needed) continue;
    loaded[d.key] = load_experiment_data(d.data);
    data[d.key] = &loaded[d.key];
  }
  std::vector<GridRun> mine_copy;
  for (const GridRun* r : mine) mine_copy.push_back(*r);
  const double estimate = estimate_seconds(mine_copy, data);
  if (!quiet) {
    std::fprintf(stderr, "hqnn reproduce: profile %s, %zu of %zu runs%s, %d threads\n", profile.name.c_str(), mine.size(),
                 grid.size(), shards > 1 ? (" (shard " + std::to_string(shard) + "/" + std::to_string(shards) + ")").c_str() : "",
                 threads);
    for (const auto& [key, d] : data)
      std::fprintf(stderr, "  %s: %s, %ld train / %ld test samples\n", key.c_str(), d->source.c_str(),
                   static_cast<long>(d->train.size()), static_cast<long>(d->test.size()));
    std::fprintf(stderr, "  expected run time: about %.0f s of compute, %.1f min on %d threads\n", estimate,
                 estimate / std::min<int>(threads, static_cast<int>(std::max<size_t>(1, mine.size()))) / 60, threads);
  }

  if (args.flag("dry-run")) {
    std::printf("%zu runs, about %.0f s of compute (%.1f h on one core)\n", mine.size(), estimate, estimate / 3600);
    return 0;
  }
  const fs::path out_dir(out);
  fs::create_directories(out_dir / "runs");
  std::vector<Json> results(mine.size());
  std::atomic<size_t> next{0};
  std::atomic<int> finished{0};
  std::mutex print_mutex;
  const auto t0 = std::chrono::steady_clock::now();
  std::string failure;
  auto worker = [&] {
    for (size_t i = next++; i < mine.size(); i = next++) {
      const GridRun& run = *mine[i];
      try {
        const LoadedData& d = *data.at(run.dataset);
        const ExperimentResult r = run_experiment(run.config, d);
        results[i] = run_summary(run, d, r);
        write_text(out_dir / "runs" / (run.id + ".json"), results[i].dump(1));
        write_text(out_dir / "runs" / (run.id + ".csv"), curves_csv(results[i]));
        const int done = ++finished;
        if (!quiet) {
          std::lock_guard<std::mutex> lock(print_mutex);
          std::fprintf(stderr, "[%d/%zu] %-52s acc %.4f%s  %.1f s\n", done, mine.size(), run.id.c_str(),
                       r.stats.accuracy_mean, r.divergence.diverged ? "  diverged" : "", r.seconds);
        }
      } catch (const std::exception& e) {
        std::lock_guard<std::mutex> lock(print_mutex);
        if (failure.empty()) failure = run.id + ": " + e.what();
        next = mine.size();  // hand out no more runs: the grid cannot complete
      }
    }
  };
  std::vector<std::thread> pool;
  for (int t = 0; t < std::min<int>(threads, static_cast<int>(std::max<size_t>(1, mine.size()))); ++t) pool.emplace_back(worker);
  for (auto& t : pool) t.join();
  if (!failure.empty())
    throw InputError("run " + failure + " (the remaining runs were not started; the " + std::to_string(finished.load()) +
                     " finished ones are in " + (out_dir / "runs").string() + ")");
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();

  if (shards > 1) {
    Json meta = Json::object();
    meta.set("profile", profile.name);
    meta.set("cifar100", cifar);
    meta.set("shard", shard);
    meta.set("shards", shards);
    write_text(out_dir / "shard.json", meta.dump(2));
    if (!quiet)
      std::fprintf(stderr, "shard %d/%d: %zu runs in %.1f s written to %s/runs; combine with hqnn reproduce --merge\n",
                   shard, shards, mine.size(), seconds, out.c_str());
    return 0;
  }
  const Json complexity = !args.flag("no-complexity") && profile.complexity ? complexity_json(profile) : Json();
  write_reproduction_report(out, profile, results, complexity);
  if (!quiet)
    std::fprintf(stderr, "%zu runs in %.1f s (estimate was %.0f s of compute); report: %s/report.md\n", mine.size(),
                 seconds, estimate, out.c_str());
  return 0;
}

}  // namespace hqnn::cli
