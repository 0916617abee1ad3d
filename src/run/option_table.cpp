#include "option_table.hpp"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>

#include "core/input_error.hpp"
#include "data/csv_loader.hpp"

namespace hqnn::run {

// Index of this file
//   [SECTION] Scopes
//   [SECTION] The table
//   [SECTION] Text form of values
//   [SECTION] Command line and help
//   [SECTION] Links
//   [SECTION] JSON
//   [SECTION] Equality

// [SECTION] Scopes ---------------------------------------------------------------------------

static bool is_csv(const RunSpec& s) { return s.data_kind() == DataKind::tabular && s.data.name != "iris"; }
static bool uses_leaky_relu(ModelKind k) {
  return enum_row(k).reads_leaky_slope();
}

static bool in_scope(Scope scope, const RunSpec& s) {
  switch (scope) {
    case Scope::always: return true;
    case Scope::tabular: return s.data_kind() == DataKind::tabular;
    case Scope::csv: return is_csv(s);
    case Scope::image: return s.data_kind() == DataKind::image;
    case Scope::convolutional: return is_convolutional(s.model.kind);
    case Scope::leaky: return uses_leaky_relu(s.model.kind);
    case Scope::sgd: return s.train.optimizer.kind == OptimizerKind::sgd;
    case Scope::noise: return s.noise.has_value();
    case Scope::attack: return s.attack.has_value();
    case Scope::attack_random: return s.attack.has_value() && s.attack->layer_list.empty();
  }
  return false;
}

// Why an option does not apply, as a message tail ("--momentum applies to ...").
static std::string scope_requirement(Scope scope, bool cli) {
  const auto opt = [cli](const char* flag, const char* key) { return std::string(cli ? flag : key); };
  switch (scope) {
    case Scope::always: return "";
    case Scope::tabular: return "applies to tabular data only (iris or a CSV); image sets come with their own train/test split";
    case Scope::csv: return "applies to CSV files only";
    case Scope::image: return "applies to image datasets only";
    case Scope::convolutional: return "applies to convolutional models only (tqcnn, qrcnn, qdcnn, cnn-leaky, cnn-rot)";
    case Scope::leaky: return "applies to models with leaky-relu only (mlp-leaky, the -leaky controls and the convolutional models)";
    case Scope::sgd: return "applies to " + opt("--optimizer sgd", "opt=sgd") + " only";
    case Scope::noise: return "needs " + opt("--noise KIND", "noise=KIND") + " (it sets dataset noise)";
    case Scope::attack:  // as --noise-magnitude needs --noise: an attack is switched on by its form only
      return "needs " + opt("--attack-form 1|2", "attack=inside|outside") + " (it sets a parameter attack)";
    case Scope::attack_random: return "chooses K random layers; it does not go with a list of attacked layers (" +
                                      opt("--attack-layer-list", "attack_layers") + "): give one of the two";
  }
  return "";
}

static void turn_on(Scope scope, RunSpec& s) {
  if ((scope == Scope::attack || scope == Scope::attack_random) && !s.attack) {
    s.attack = default_attack();
    s.attack->seed = s.seed();
  }
}

// [SECTION] The table ------------------------------------------------------------------------

namespace {

OptionValue num(double v) { return OptionValue{v, {}, {}}; }
OptionValue word(std::string t) { return OptionValue{0, std::move(t), {}}; }
OptionValue ints(std::vector<int> l) { return OptionValue{0, {}, std::move(l)}; }

std::vector<std::string> model_kind_words() {
  std::vector<std::string> out;
  for (const ModelKindInfo& k : model_kinds()) out.push_back(k.name);
  return out;
}

std::vector<std::string> noise_kind_words() {
  std::vector<std::string> out;
  for (const NoiseKindInfo& k : noise_kinds()) out.push_back(k.name);
  return out;
}

NoiseKind noise_kind_of(const std::string& text) {
  const auto k = parse_noise_kind(text);
  if (!k) throw InputError("expected one of " + noise_kind_list() + ", got '" + text + "'");
  return *k;
}

// The attack modes' names, from core's one table.
std::vector<std::string> attack_mode_words() {
  std::vector<std::string> words;
  for (AttackMode m : attack_modes()) words.push_back(attack_mode_name(m));
  return words;
}

// A row with the common parts filled in.
OptionRow row(std::string name, std::string hash, std::string json, OptionType type, std::string group,
              std::string metavar, std::string help) {
  OptionRow r;
  r.name = std::move(name);
  r.hash_key = std::move(hash);
  r.json_key = std::move(json);
  r.type = type;
  r.group = std::move(group);
  r.metavar = std::move(metavar);
  r.help = std::move(help);
  if (type == OptionType::seed) r.min = 0, r.max = 9007199254740991.0;  // 2^53 - 1: exact in JSON and links
  return r;
}

OptionRow ranged(OptionRow r, double lo, double hi) {
  r.min = lo;
  r.max = hi;
  return r;
}

OptionRow chosen(OptionRow r, std::vector<std::string> words) {
  r.choices = std::move(words);
  return r;
}

OptionRow scoped(OptionRow r, Scope scope, unsigned commands = kTrain) {
  r.scope = scope;
  r.commands = commands;
  return r;
}

template <class Get, class Set>
OptionRow with(OptionRow r, Get get, Set set) {
  r.get = get;
  r.set = set;
  return r;
}

std::vector<OptionRow> build_table() {
  using T = OptionType;
  std::vector<OptionRow> t;
  // data ---------------------------------------------------------------------------------------
  t.push_back(with(scoped(row("data", "data", "data", T::text, "data", "NAME",
                              "iris (built in), FILE.csv, or an image set: fashion-mnist, fashion-mnist-subset, "
                              "mnist, mnist-subset, cifar10:DIR, cifar100:DIR"),
                          Scope::always, kTrain | kEval | kCircuit),
                   [](const RunSpec& s) { return word(s.data.name); },
                   [](RunSpec& s, const OptionValue& v) {
                     if (v.text.empty()) throw InputError("expected a dataset name or a CSV file");
                     s.data.name = v.text;
                   }));
  t.push_back(with(scoped(row("label", "label", "label_column", T::text, "data", "NAME|INDEX",
                              "the label column of a CSV (a name or a 0-based index; default the last column)"),
                          Scope::csv, kTrain | kEval | kCircuit),
                   [](const RunSpec& s) { return word(s.data.label_column); },
                   [](RunSpec& s, const OptionValue& v) { s.data.label_column = v.text; }));
  t.push_back(with(scoped(chosen(row("delimiter", "delim", "delimiter", T::text, "data", "C",
                                     "the CSV's column separator: , ; tab or | (one character)"),
                                 {",", ";", "tab", "|"}),
                          Scope::csv, kTrain | kEval | kCircuit),
                   [](const RunSpec& s) { return word(s.data.delimiter == '\t' ? "tab" : std::string(1, s.data.delimiter)); },
                   [](RunSpec& s, const OptionValue& v) {
                     try {
                       s.data.delimiter = csv_delimiter_from(v.text);
                     } catch (const InputError& e) {  // named again by the caller, as this surface names it
                       const std::string m = e.what(), own = "--delimiter: ";
                       throw InputError(m.rfind(own, 0) == 0 ? m.substr(own.size()) : m);
                     }
                   }));
  t.push_back(with(scoped(ranged(row("test-fraction", "test", "test_fraction", T::real, "data", "F",
                                     "stratified test split of tabular data"),
                                 0.01, 0.99),
                          Scope::tabular),
                   [](const RunSpec& s) { return num(s.data.test_fraction); },
                   [](RunSpec& s, const OptionValue& v) { s.data.test_fraction = v.number; }));
  {
    OptionRow r = with(scoped(row("split-seed", "split_seed", "split_seed", T::seed, "data", "N",
                                  "seed of the train/test split"),
                              Scope::tabular),
                       [](const RunSpec& s) { return num(double(s.data.split_seed)); },
                       [](RunSpec& s, const OptionValue& v) { s.data.split_seed = uint64_t(v.number); });
    r.follows_seed = true;
    t.push_back(r);
  }
  t.push_back(with(chosen(row("scale", "scale", "scaling", T::choice, "data", "KIND",
                              "feature scaling fitted on the training split: none, standard (mean 0, sd 1), "
                              "minmax ([0, 1]) or auto (the best on a validation part of the training split)"),
                          {"none", "standard", "minmax", "auto"}),
                   [](const RunSpec& s) { return word(scaling_kind_name(s.data.scaling)); },
                   [](RunSpec& s, const OptionValue& v) {
                     const auto k = parse_scaling_kind(v.text);
                     if (!k) throw InputError("expected none, standard, minmax or auto, got '" + v.text + "'");
                     s.data.scaling = *k;
                   }));
  {
    OptionRow r = with(scoped(ranged(row("classes", "classes", "classes", T::int_list, "data", "0,1,2,3|all",
                                         "image data: the classes kept, relabelled 0..k-1"),
                                     0, 100000),
                              Scope::image, kTrain | kEval | kCircuit),
                       [](const RunSpec& s) { return ints(s.data.classes); },
                       [](RunSpec& s, const OptionValue& v) { s.data.classes = v.list; });
    r.empty_word = "all";
    t.push_back(r);
  }
  t.push_back(with(scoped(ranged(row("downsample", "ds", "downsample", T::integer, "data", "K",
                                     "image data: average-pool K x K pixels"),
                                 1, 64),
                          Scope::image, kTrain | kEval | kCircuit),
                   [](const RunSpec& s) { return num(s.data.downsample); },
                   [](RunSpec& s, const OptionValue& v) { s.data.downsample = int(v.number); }));
  t.push_back(with(scoped(ranged(row("train-per-class", "train_pc", "train_per_class", T::integer, "data", "N",
                                     "image data: keep the first N training images per class (0: all)"),
                                 0, 1e9),
                          Scope::image, kTrain | kEval | kCircuit),
                   [](const RunSpec& s) { return num(double(s.data.train_per_class)); },
                   [](RunSpec& s, const OptionValue& v) { s.data.train_per_class = size_t(std::max(0.0, v.number)); }));
  t.push_back(with(scoped(ranged(row("test-per-class", "test_pc", "test_per_class", T::integer, "data", "N",
                                     "image data: the same for the test set (0: all)"),
                                 0, 1e9),
                          Scope::image, kTrain | kEval | kCircuit),
                   [](const RunSpec& s) { return num(double(s.data.test_per_class)); },
                   [](RunSpec& s, const OptionValue& v) { s.data.test_per_class = size_t(std::max(0.0, v.number)); }));
  // model --------------------------------------------------------------------------------------
  t.push_back(with(chosen(row("model", "model", "model", T::choice, "model", "KIND",
                              "one of " + model_kind_list() + " (the convolutional ones need image data)"),
                          model_kind_words()),
                   [](const RunSpec& s) { return word(model_kind_name(s.model.kind)); },
                   [](RunSpec& s, const OptionValue& v) {
                     const auto k = parse_model_kind(v.text);
                     if (!k) throw InputError(std::string("expected one of ") + model_kind_list() + ", got '" + v.text + "'");
                     s.model.kind = *k;
                   }));
  t.push_back(with(ranged(row("layers", "L", "layers", T::integer, "model", "L",
                              "quantum-inspired layers, or hidden layers of a classical model"),
                          1, 64),
                   [](const RunSpec& s) { return num(s.model.layers); },
                   [](RunSpec& s, const OptionValue& v) { s.model.layers = int(v.number); }));
  t.push_back(with(ranged(row("width", "width", "width", T::integer, "model", "N",
                              "state width n / hidden width (0: the number of features; 64 for CNN models, D9)"),
                          0, 16384),
                   [](const RunSpec& s) { return num(s.model.width); },
                   [](RunSpec& s, const OptionValue& v) { s.model.width = int(v.number); }));
  {
    OptionRow r = with(scoped(ranged(row("conv-channels", "conv", "conv_channels", T::int_list, "model", "C1,C2",
                                         "channels of the two convolutions of the CNN front end (D9)"),
                                     1, 256),
                              Scope::convolutional),
                       [](const RunSpec& s) { return ints({s.model.conv1_channels, s.model.conv2_channels}); },
                       [](RunSpec& s, const OptionValue& v) {
                         s.model.conv1_channels = v.list[0];
                         s.model.conv2_channels = v.list[1];
                       });
    r.list_size = 2;
    t.push_back(r);
  }
  t.push_back(with(row("renormalize", "renorm", "renormalize", T::flag, "model", "",
                       "renormalise the state after each quantum-inspired layer (D2)"),
                   [](const RunSpec& s) { return num(s.model.renormalize); },
                   [](RunSpec& s, const OptionValue& v) { s.model.renormalize = v.number != 0; }));
  t.push_back(with(row("fixed-lambda", "fixed_lambda", "fixed_lambda", T::flag, "model", "",
                       "do not train the residual / dense lambdas (D3)"),
                   [](const RunSpec& s) { return num(!s.model.train_lambda); },
                   [](RunSpec& s, const OptionValue& v) { s.model.train_lambda = v.number == 0; }));
  {
    OptionRow r = with(ranged(row("lambda-init", "lambda", "lambda_init", T::real, "model", "X", "initial lambda (D3)"),
                              -100, 100),
                       [](const RunSpec& s) { return num(s.model.lambda_init); },
                       [](RunSpec& s, const OptionValue& v) { s.model.lambda_init = Real(v.number); });
    r.single_precision = true;
    t.push_back(r);
  }
  t.push_back(with(row("dense-lambda-inverse", "lambda_inv", "dense_lambda_inverse", T::flag, "model", "",
                       "dense lambda_{l,j} start at lambda-init / l (D3)"),
                   [](const RunSpec& s) { return num(s.model.dense_lambda_inverse); },
                   [](RunSpec& s, const OptionValue& v) { s.model.dense_lambda_inverse = v.number != 0; }));
  t.push_back(with(chosen(row("angle-init", "init", "angle_init", T::choice, "model", "KIND",
                              "angles ~ U(-s, s) (uniform) or N(0, s^2) (normal) (D4)"),
                          {"uniform", "normal"}),
                   [](const RunSpec& s) { return word(s.model.angle_init_normal ? "normal" : "uniform"); },
                   [](RunSpec& s, const OptionValue& v) {
                     if (v.text != "uniform" && v.text != "normal")
                       throw InputError("expected uniform or normal, got '" + v.text + "'");
                     s.model.angle_init_normal = v.text == "normal";
                   }));
  {
    OptionRow r = with(ranged(row("angle-scale", "init_scale", "angle_scale", T::real, "model", "S",
                                  "s of the angle initialisation (D4)"),
                              0, 100),
                       [](const RunSpec& s) { return num(s.model.angle_init_scale); },
                       [](RunSpec& s, const OptionValue& v) { s.model.angle_init_scale = Real(v.number); });
    r.single_precision = true;
    t.push_back(r);
  }
  {
    OptionRow r = with(scoped(ranged(row("leaky-slope", "slope", "leaky_slope", T::real, "model", "X",
                                         "leaky-relu slope (MLP leaky and every CNN front end)"),
                                     0, 1),
                              Scope::leaky),
                       [](const RunSpec& s) { return num(s.model.leaky_slope); },
                       [](RunSpec& s, const OptionValue& v) { s.model.leaky_slope = Real(v.number); });
    r.single_precision = true;
    t.push_back(r);
  }
  // training -----------------------------------------------------------------------------------
  t.push_back(with(ranged(row("epochs", "epochs", "epochs", T::integer, "training", "E", "training epochs"), 1, 1000000),
                   [](const RunSpec& s) { return num(s.train.epochs); },
                   [](RunSpec& s, const OptionValue& v) { s.train.epochs = int(v.number); }));
  t.push_back(with(ranged(row("batch", "batch", "batch", T::integer, "training", "B", "mini-batch size (D6)"), 1, 65536),
                   [](const RunSpec& s) { return num(s.train.batch); },
                   [](RunSpec& s, const OptionValue& v) { s.train.batch = int(v.number); }));
  t.push_back(with(ranged(row("lr", "lr", "lr", T::real, "training", "X", "learning rate (D6)"), 1e-12, 10),
                   [](const RunSpec& s) { return num(s.train.optimizer.lr); },
                   [](RunSpec& s, const OptionValue& v) { s.train.optimizer.lr = v.number; }));
  {
    OptionRow threads = ranged(row("threads", "", "", T::integer, "training", "N",
                                   "threads for training and evaluation, 0: every core; results do not depend on it"),
                               0, TrainOptions::kMaxThreads);
    threads.changes_results = false;
    threads.commands = kTrain | kEval;
    t.push_back(with(std::move(threads), [](const RunSpec& s) { return num(s.train.threads); },
                     [](RunSpec& s, const OptionValue& v) { s.train.threads = int(v.number); }));
  }
  t.push_back(with(chosen(row("optimizer", "opt", "optimizer", T::choice, "training", "KIND", "adam or sgd (D6)"),
                          {"adam", "sgd"}),
                   [](const RunSpec& s) { return word(optimizer_kind_name(s.train.optimizer.kind)); },
                   [](RunSpec& s, const OptionValue& v) {
                     const auto k = parse_optimizer_kind(v.text);
                     if (!k) throw InputError("expected adam or sgd, got '" + v.text + "'");
                     s.train.optimizer.kind = *k;
                   }));
  t.push_back(with(scoped(ranged(row("momentum", "momentum", "momentum", T::real, "training", "X", "SGD momentum"),
                                 0, 0.999999),
                          Scope::sgd),
                   [](const RunSpec& s) { return num(s.train.optimizer.momentum); },
                   [](RunSpec& s, const OptionValue& v) { s.train.optimizer.momentum = v.number; }));
  t.push_back(with(row("seed", "seed", "seed", T::seed, "training", "N",
                       "seed of the initialisation and the shuffling; the default of every other seed"),
                   [](const RunSpec& s) { return num(double(s.seed())); },
                   [](RunSpec& s, const OptionValue& v) { set_seed(s, uint64_t(v.number)); }));
  // dataset noise ------------------------------------------------------------------------------
  {
    std::vector<std::string> words{"none"};
    for (const auto& w : noise_kind_words()) words.push_back(w);
    t.push_back(with(chosen(row("noise", "noise", "noise", T::choice, "dataset noise", "KIND",
                                "dataset noise (D10): none or one of " + noise_kind_list()),
                            words),
                     [](const RunSpec& s) { return word(s.noise ? noise_kind_name(s.noise->kind) : "none"); },
                     [](RunSpec& s, const OptionValue& v) {
                       if (v.text == "none") return void(s.noise.reset());
                       const NoiseKind kind = noise_kind_of(v.text);
                       if (!s.noise) s.noise = default_noise(s.data_kind());
                       s.noise->kind = kind;
                     }));
  }
  t.push_back(with(scoped(ranged(row("noise-magnitude", "noise_m", "noise_magnitude", T::real, "dataset noise", "M",
                                     "noise magnitude m, in the data's own units"),
                                 0, 1e38),
                          Scope::noise),
                   [](const RunSpec& s) { return num(s.noise ? s.noise->magnitude : default_noise(s.data_kind()).magnitude); },
                   [](RunSpec& s, const OptionValue& v) { s.noise->magnitude = v.number; }));
  t.push_back(with(scoped(ranged(row("noise-fraction", "noise_f", "noise_fraction", T::real, "dataset noise", "F",
                                     "largest fraction of a sample's features that get noise"),
                                 0.001, 1),
                          Scope::noise),
                   [](const RunSpec& s) { return num(s.noise ? s.noise->max_fraction : default_noise(s.data_kind()).max_fraction); },
                   [](RunSpec& s, const OptionValue& v) { s.noise->max_fraction = v.number; }));
  t.push_back(with(scoped(chosen(row("noise-on", "noise_on", "noise_on", T::choice, "dataset noise", "SET",
                                     "train, test or both"),
                                 {"train", "test", "both"}),
                          Scope::noise),
                   [](const RunSpec& s) {
                     const DatasetNoiseOptions n = s.noise ? *s.noise : default_noise(s.data_kind());
                     return word(n.train && n.test ? "both" : n.train ? "train" : "test");
                   },
                   [](RunSpec& s, const OptionValue& v) {
                     if (v.text != "train" && v.text != "test" && v.text != "both")
                       throw InputError("expected train, test or both, got '" + v.text + "'");
                     s.noise->train = v.text != "test";
                     s.noise->test = v.text != "train";
                   }));
  {
    OptionRow r = with(scoped(row("noise-seed", "noise_seed", "noise_seed", T::seed, "dataset noise", "N",
                                  "seed of the dataset noise"),
                              Scope::noise),
                       [](const RunSpec& s) { return num(double(s.noise_seed)); },
                       [](RunSpec& s, const OptionValue& v) { s.noise_seed = uint64_t(v.number); });
    r.follows_seed = true;
    t.push_back(r);
  }
  // parameter attack ---------------------------------------------------------------------------
  t.push_back(with(chosen(row("attack-form", "attack", "attack_form", T::choice, "parameter attack", "FORM",
                              "parameter attack (D11): none, 1 or inside: sigma(theta+eps), 2 or outside: "
                              "sigma(theta)+eps"),
                          {"none", "inside", "outside"}),
                   [](const RunSpec& s) { return word(s.attack ? attack_form_name(s.attack->form) : "none"); },
                   [](RunSpec& s, const OptionValue& v) {
                     if (v.text == "none") return void(s.attack.reset());
                     const auto form = parse_attack_form(v.text);
                     if (!form) throw InputError("expected none, 1 (inside) or 2 (outside), got '" + v.text + "'");
                     turn_on(Scope::attack, s);
                     s.attack->form = *form;
                   }));
  const auto attack_row = [](OptionRow r) { return scoped(std::move(r), Scope::attack); };
  t.push_back(with(attack_row(chosen(row("attack-noise", "attack_noise", "attack_noise", T::choice, "parameter attack",
                                         "KIND", "the noise of the attack's eps (one of the six noise kinds)"),
                                     noise_kind_words())),
                   [](const RunSpec& s) { return word(noise_kind_name(s.attack ? s.attack->noise : default_attack().noise)); },
                   [](RunSpec& s, const OptionValue& v) { s.attack->noise = noise_kind_of(v.text); }));
  t.push_back(with(attack_row(ranged(row("attack-magnitude", "attack_m", "attack_magnitude", T::real, "parameter attack",
                                         "M", "magnitude of eps"),
                                     0, 1e38)),
                   [](const RunSpec& s) { return num(s.attack ? s.attack->magnitude : default_attack().magnitude); },
                   [](RunSpec& s, const OptionValue& v) { s.attack->magnitude = v.number; }));
  t.push_back(with(attack_row(chosen(row("attack-mode", "attack_mode", "attack_mode", T::choice, "parameter attack",
                                         "MODE", "persistent (accumulated after every step), transient (redrawn "
                                                 "at every forward pass) or fixed (drawn once and held)"),
                                     attack_mode_words())),
                   [](const RunSpec& s) { return word(attack_mode_name(s.attack ? s.attack->mode : default_attack().mode)); },
                   [](RunSpec& s, const OptionValue& v) {
                     const auto mode = parse_attack_mode(v.text);
                     if (!mode) throw InputError("expected " + attack_mode_choices() + ", got '" + v.text + "'");
                     s.attack->mode = *mode;
                   }));
  t.push_back(with(attack_row(ranged(row("attack-layer-list", "attack_layers", "attack_layer_list", T::int_list,
                                         "parameter attack", "0,2", "the attacked layers (0-based) instead of K at random"),
                                     0, 63)),
                   [](const RunSpec& s) { return ints(s.attack ? s.attack->layer_list : std::vector<int>{}); },
                   [](RunSpec& s, const OptionValue& v) { s.attack->layer_list = v.list; }));
  {
    // After the list: K means nothing once layers are listed, so giving both is refused.
    OptionRow r = with(attack_row(ranged(row("attack-layers", "attack_k", "attack_layers", T::integer, "parameter attack",
                                             "K", "K attacked layers chosen at random"),
                                         1, 64)),
                       [](const RunSpec& s) { return num(s.attack ? s.attack->layers : default_attack().layers); },
                       [](RunSpec& s, const OptionValue& v) { s.attack->layers = int(v.number); });
    r.scope = Scope::attack_random;
    t.push_back(r);
  }
  {
    OptionRow r = with(attack_row(row("attack-seed", "attack_seed", "attack_seed", T::seed, "parameter attack", "N",
                                      "seed of the attack (which layers, every eps)")),
                       [](const RunSpec& s) { return num(double(s.attack ? s.attack->seed : s.seed())); },
                       [](RunSpec& s, const OptionValue& v) { s.attack->seed = uint64_t(v.number); });
    r.follows_seed = true;
    t.push_back(r);
  }
  t.push_back(with(attack_row(ranged(row("attack-epoch", "attack_epoch", "attack_epoch", T::integer, "parameter attack",
                                         "E", "the attack starts after this many epochs (0: from the start)"),
                                     0, 1000000)),
                   [](const RunSpec& s) { return num(s.attack_epoch); },
                   [](RunSpec& s, const OptionValue& v) { s.attack_epoch = int(v.number); }));
  t.push_back(with(attack_row(chosen(row("attack-scale", "attack_scale", "attack_scale", T::choice, "parameter attack",
                                         "SCALE", "absolute (eps as drawn) or relative (eps times the RMS of the "
                                                  "attacked layer's parameters when the attack starts)"),
                                     {"absolute", "relative"})),
                   [](const RunSpec& s) {
                     return word(attack_scale_name(s.attack ? s.attack->scale : default_attack().scale));
                   },
                   [](RunSpec& s, const OptionValue& v) {
                     const auto scale = parse_attack_scale(v.text);
                     if (!scale) throw InputError("expected absolute or relative, got '" + v.text + "'");
                     s.attack->scale = *scale;
                   }));
  // The naive softmax exists to test one explanation of the paper's NaN losses
  // (docs/reproduction.md); it is never a default.
  t.push_back(with(chosen(row("loss", "loss", "loss", T::choice, "training", "LOSS",
                              "stable (softmax cross-entropy with the max subtracted, the default) or naive "
                              "(exp of the raw logits: overflows to NaN; for the softmax experiment only)"),
                          {"stable", "naive"}),
                   [](const RunSpec& s) { return word(softmax_loss_name(s.train.loss)); },
                   [](RunSpec& s, const OptionValue& v) {
                     const auto loss = parse_softmax_loss(v.text);
                     if (!loss) throw InputError("expected stable or naive, got '" + v.text + "'");
                     s.train.loss = *loss;
                   }));
  return t;
}

}  // namespace

const std::vector<OptionRow>& option_table() {
  static const std::vector<OptionRow> table = build_table();
  return table;
}

bool accepts(const OptionRow& row, Command command) {
  return (row.commands & (command == kPredict ? kEval : command)) != 0;
}

// By name; nullptr when unknown.
static const OptionRow* find_option(const std::string& name) {
  for (const OptionRow& r : option_table())
    if (r.name == name) return &r;
  return nullptr;
}

const OptionRow& option_row(const std::string& name) {
  const OptionRow* r = find_option(name);
  if (!r) throw std::logic_error("no option '" + name + "' in the option table");
  return *r;
}

// [SECTION] Text form of values ----------------------------------------------------------------

// The shortest decimal that reads back as the same value ("0.01", not
// "0.010000000000000000208"), without the exponent's '+' (links pass through
// tools that read '+' as a space).
static std::string shortest(double value, bool single) {
  char buf[40];
  if (value == std::floor(value) && std::fabs(value) < 1e15) {  // whole numbers as such: 100, not 1e02
    std::snprintf(buf, sizeof buf, "%.0f", value);
    return buf;
  }
  for (int precision = 1; precision <= 17; ++precision) {
    std::snprintf(buf, sizeof buf, "%.*g", precision, value);
    if (single ? std::strtof(buf, nullptr) == static_cast<float>(value) : std::strtod(buf, nullptr) == value) break;
  }
  std::string out;
  for (const char* c = buf; *c; ++c)
    if (*c != '+') out += *c;
  return out;
}

static std::string list_text(const OptionRow& row, const std::vector<int>& list) {
  if (list.empty()) return row.empty_word;
  std::string out;
  for (size_t i = 0; i < list.size(); ++i) out += (i ? "," : "") + std::to_string(list[i]);
  return out;
}

std::string option_text(const OptionRow& row, const RunSpec& spec) {
  const OptionValue v = row.get(spec);
  switch (row.type) {
    case OptionType::integer:
    case OptionType::seed: return shortest(v.number, false);
    case OptionType::real: return shortest(v.number, row.single_precision);
    case OptionType::flag: return v.number != 0 ? "1" : "0";
    case OptionType::choice:
    case OptionType::text: return v.text;
    case OptionType::int_list: return list_text(row, v.list);
  }
  return "";
}

static std::string range_text(const OptionRow& row) {
  return "[" + shortest(row.min, false) + ", " + shortest(row.max, false) + "]";
}

static std::string expected_number(const OptionRow& row) {
  return std::string("expected ") + (row.type == OptionType::real ? "a number" : "a whole number") + " in " + range_text(row);
}

// Plain decimal notation only: digits, one sign, a point, an exponent ("1e-3").
// No hex ("0x10"), no spaces, no "inf" or "nan", which strtod would take.
static bool decimal_text(const std::string& text) {
  if (text.empty()) return false;
  for (char c : text)
    if (!std::isdigit(static_cast<unsigned char>(c)) && c != '-' && c != '+' && c != '.' && c != 'e' && c != 'E')
      return false;
  return std::isdigit(static_cast<unsigned char>(text[0])) || text[0] == '-' || text[0] == '+' || text[0] == '.';
}

// A number of the row's type; its range is checked after the core's own checks (set_checked).
static double number_of(const OptionRow& row, const std::string& text) {
  char* end = nullptr;
  errno = 0;
  const double v = std::strtod(text.c_str(), &end);
  const bool ok = decimal_text(text) && *end == '\0' && errno != ERANGE && std::isfinite(v) &&
                  (row.type == OptionType::real || v == std::floor(v));
  if (!ok) throw InputError(expected_number(row) + ", got '" + text + "'");
  return v;
}

static bool flag_of(const std::string& text) {
  if (text == "1" || text == "true" || text == "on") return true;
  if (text == "0" || text == "false" || text == "off") return false;
  throw InputError("expected 1 or 0, got '" + text + "'");
}

static std::vector<int> list_of(const OptionRow& row, const std::string& text) {
  std::vector<int> out;
  if (!row.empty_word.empty() && text == row.empty_word) return out;
  size_t pos = 0;
  while (pos <= text.size()) {
    const size_t comma = std::min(text.find(',', pos), text.size());
    const std::string item = text.substr(pos, comma - pos);
    char* end = nullptr;
    errno = 0;
    const long v = std::strtol(item.c_str(), &end, 10);
    const bool digits = !item.empty() && (std::isdigit(static_cast<unsigned char>(item[0])) || item[0] == '-');
    if (!digits || *end != '\0' || errno == ERANGE || v < row.min || v > row.max)
      throw InputError("expected a comma-separated list of whole numbers in " + range_text(row) +
                       (row.empty_word.empty() ? "" : " or " + row.empty_word) + ", got '" + text + "'");
    out.push_back(static_cast<int>(v));
    pos = comma + 1;
  }
  if (row.list_size && out.size() != row.list_size)
    throw InputError("expected " + std::to_string(row.list_size) + " numbers, e.g. 8,16, got '" + text + "'");
  return out;
}

// Whether the row's setter converts `v` without leaving the target type: ints
// for whole numbers, uint64_t for seeds, float for single-precision reals.
static bool converts_safely(const OptionRow& row, double v) {
  switch (row.type) {
    case OptionType::integer: return v >= -2147483648.0 && v <= 2147483647.0;
    case OptionType::seed: return false;  // only [0, 2^53) is accepted: nothing outside it is set
    case OptionType::real: return std::isfinite(v) && (!row.single_precision || std::fabs(v) <= 3.4e38);
    default: return true;
  }
}

// Checks the scope, then the value's type and range, then lets the row set it;
// every message starts with how the option was named.
// Checks the scope and the value's type, lets the row set it, then the core's
// checks (validate(), whose messages every surface shares: "layers (L) must be
// at least 1, got 0"), then the row's range. Messages about the option itself
// start with how it was named ("--lr", "lr").
static std::string closest_option(const std::string& given, const std::vector<std::string>& accepted);

std::string closest_word(const std::string& given, const std::vector<std::string>& words) {
  std::string lower = given;
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  const std::string exact = closest_option(given, words);
  return exact.empty() ? closest_option(lower, words) : exact;
}

static void set_checked(RunSpec& spec, const OptionRow& row, const std::string& shown, bool cli,
                        const std::function<OptionValue()>& value) {
  RunSpec trial = spec;
  if (row.turns_on_scope) turn_on(row.scope, trial);
  if (!in_scope(row.scope, trial)) {
    const Scope missing = row.scope == Scope::attack_random && !trial.attack ? Scope::attack : row.scope;
    throw InputError(shown + " " + scope_requirement(missing, cli));
  }
  const bool numeric = row.type == OptionType::integer || row.type == OptionType::real || row.type == OptionType::seed;
  OptionValue v;
  try {
    v = value();
  } catch (const InputError& e) {
    throw InputError(shown + ": " + e.what());
  }
  // The range is checked before the row converts the number (to int, float,
  // uint64_t), where a value out of the target type's range would be undefined
  // behaviour. Values the target type holds go on to the core's own checks
  // first (their messages are shared by every surface), then the row's range.
  if (numeric && !(v.number >= row.min && v.number <= row.max) && !converts_safely(row, v.number))
    throw InputError(shown + ": " + expected_number(row) + ", got '" + shortest(v.number, false) + "'");
  try {
    row.set(trial, v);
  } catch (const InputError& e) {
    std::string message = e.what();
    if (row.type == OptionType::choice) {  // a misspelt word: "did you mean"
      const std::string guess = closest_word(v.text, row.choices);
      if (!guess.empty() && guess != v.text) message += "; did you mean " + guess + "?";
    }
    throw InputError(shown + ": " + message);
  }
  validate(trial);
  if (numeric && !(v.number >= row.min && v.number <= row.max))
    throw InputError(shown + ": " + expected_number(row) + ", got '" + shortest(v.number, false) + "'");
  spec = std::move(trial);
}

static OptionValue value_of_text(const OptionRow& row, const std::string& text) {
  OptionValue v;
  switch (row.type) {
    case OptionType::integer:
    case OptionType::real:
    case OptionType::seed: v.number = number_of(row, text); break;
    case OptionType::flag: v.number = flag_of(text); break;
    case OptionType::choice:
    case OptionType::text: v.text = text; break;
    case OptionType::int_list: v.list = list_of(row, text); break;
  }
  return v;
}

void set_option_text(RunSpec& spec, const OptionRow& row, const std::string& text, const std::string& shown) {
  set_checked(spec, row, shown, shown.rfind("--", 0) == 0, [&] { return value_of_text(row, text); });
}

// Options are applied `data` first, then `seed`, then in table order.
template <class Given>
static RunSpec apply_in_order(RunSpec spec, const Given& given) {
  const auto apply = [&](const OptionRow& r) {
    if (given.count(r.name)) given.at(r.name)(spec, r);
  };
  const OptionRow& data = option_row("data");
  const OptionRow& seed = option_row("seed");
  apply(data);
  apply(seed);
  for (const OptionRow& r : option_table())
    if (&r != &data && &r != &seed) apply(r);
  return spec;
}

using Setter = std::function<void(RunSpec&, const OptionRow&)>;

// The starting point: `base`, or the defaults for the data named (if any).
static RunSpec start_spec(const RunSpec* base, const std::string* data_name) {
  if (base) {
    RunSpec s = *base;
    if (data_name && data_kind_of(*data_name) != s.data_kind()) {  // another kind of data: its defaults
      RunSpec d = default_spec(data_kind_of(*data_name));
      set_seed(d, s.seed());
      return d;
    }
    return s;
  }
  return default_spec(data_name ? data_kind_of(*data_name) : DataKind::tabular);
}

// [SECTION] Command line and help ---------------------------------------------------------------

static const char* command_name(Command command) {  // "train", ...
  switch (command) {
    case kTrain: return "train";
    case kEval: return "eval";
    case kReproduce: return "reproduce";
    case kCircuit: return "circuit";
    case kPredict: return "predict";
  }
  return "";
}

std::string CommandLine::str(const std::string& extra_name, const std::string& fallback) const {
  const auto it = extra.find(extra_name);
  return it == extra.end() ? fallback : it->second;
}

static size_t edit_distance(const std::string& a, const std::string& b) {
  std::vector<size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (size_t j = 1; j <= b.size(); ++j)
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

// The closest accepted option to a misspelt one ("" when none is close).
static std::string closest_option(const std::string& given, const std::vector<std::string>& accepted) {
  std::string best;
  size_t best_distance = std::string::npos;
  for (const std::string& a : accepted) {
    const bool prefix = given.size() >= 3 && a.rfind(given, 0) == 0;
    const size_t d = prefix ? 1 : edit_distance(given, a);
    if (d < best_distance) best = a, best_distance = d;
  }
  // close enough to be a typo: at most a third of the letters differ
  return best_distance != std::string::npos && best_distance <= std::max<size_t>(2, given.size() / 3) ? best : "";
}

// Spellings the command line keeps for options that became values of another.
static const std::map<std::string, std::pair<std::string, std::string>>& cli_aliases() {
  static const std::map<std::string, std::pair<std::string, std::string>> aliases = {
      {"standardize", {"scale", "standard"}}};
  return aliases;
}

CommandLine parse_command_line(const std::vector<std::string>& argv, Command command,
                               const std::vector<CommandOption>& extra, const RunSpec* base) {
  CommandLine out;
  std::vector<std::string> accepted;
  for (const CommandOption& o : extra) accepted.push_back(o.name);
  for (const OptionRow& r : option_table())
    if (accepts(r, command)) accepted.push_back(r.name);
  std::map<std::string, std::string> run_values;  // row name -> text
  for (size_t i = 0; i < argv.size(); ++i) {
    const std::string& a = argv[i];
    if (a.rfind("--", 0) != 0) throw InputError("unexpected argument '" + a + "' (options start with --; see --help)");
    std::string key = a.substr(2), value;
    bool inline_value = false;
    if (const size_t eq = key.find('='); eq != std::string::npos) {
      value = key.substr(eq + 1);
      key = key.substr(0, eq);
      inline_value = true;
    }
    const auto take_value = [&]() {
      if (inline_value) return value;
      if (i + 1 >= argv.size()) throw InputError("--" + key + " needs a value");
      return argv[++i];
    };
    const auto extra_it = std::find_if(extra.begin(), extra.end(), [&](const CommandOption& o) { return o.name == key; });
    const OptionRow* row = find_option(key);
    if (extra_it != extra.end()) {
      if (extra_it->takes_value) {
        out.extra[key] = take_value();
      } else {
        if (inline_value) throw InputError("--" + key + " takes no value");
        out.extra_flags.insert(key);
      }
    } else if (row && accepts(*row, command)) {
      if (row->type == OptionType::flag && !inline_value) {
        run_values[key] = "1";
      } else {
        run_values[key] = take_value();
      }
    } else if (cli_aliases().count(key) && accepts(option_row(cli_aliases().at(key).first), command)) {
      if (inline_value) throw InputError("--" + key + " takes no value");
      run_values[cli_aliases().at(key).first] = cli_aliases().at(key).second;
    } else {
      const std::string cmd = command_name(command);
      if (row) throw InputError("--" + key + " is not an option of hqnn " + cmd + " (see hqnn " + cmd + " --help)");
      const std::string guess = closest_option(key, accepted);
      throw InputError("unknown option --" + key + (guess.empty() ? "" : "; did you mean --" + guess + "?") +
                       " (see hqnn " + cmd + " --help)");
    }
  }
  const std::string* data_name = run_values.count("data") ? &run_values.at("data") : nullptr;
  std::map<std::string, Setter> setters;
  for (const auto& [name, text] : run_values) {
    out.given.insert(name);
    setters[name] = [text = text](RunSpec& s, const OptionRow& r) { set_option_text(s, r, text, "--" + r.name); };
  }
  out.spec = apply_in_order(start_spec(base, data_name), setters);
  validate(out.spec);
  return out;
}

static std::string default_text(const OptionRow& row, DataKind kind) {
  if (row.follows_seed) return "the --seed value";
  RunSpec s = default_spec(kind);
  if (!in_scope(row.scope, s)) {  // its default once its scope is on
    s.noise = default_noise(kind);
    turn_on(Scope::attack, s);
    s.train.optimizer.kind = OptimizerKind::sgd;
  }
  if (row.type == OptionType::flag) return option_text(row, s) == "1" ? "on" : "";
  const std::string text = option_text(row, s);
  if (row.type == OptionType::text && text.empty()) return "";
  return text;
}

std::string command_help(Command command, const std::string& usage, const std::vector<CommandOption>& extra,
                         const std::string& examples) {
  std::string out = usage;
  // "  --name ARG   help words wrapped at 100 columns  [default]"
  const auto line = [&](const std::string& left, const std::string& help, const std::string& def) {
    constexpr size_t kIndent = 26, kWidth = 100;
    std::string l = "  " + left;
    l += std::string(l.size() < kIndent ? kIndent - l.size() : 1, ' ');
    size_t column = l.size();
    std::string text = help + (def.empty() ? "" : "  [" + def + "]");
    for (size_t pos = 0; pos < text.size();) {
      size_t end = text.find(' ', pos + 1);
      if (end == std::string::npos) end = text.size();
      const std::string word = text.substr(pos, end - pos);  // with its leading space, if any
      if (column + word.size() > kWidth && column > kIndent) {
        while (!l.empty() && l.back() == ' ') l.pop_back();
        l += "\n" + std::string(kIndent, ' ');
        column = kIndent;
        const std::string bare = word.substr(word.find_first_not_of(' ') == std::string::npos ? 0 : word.find_first_not_of(' '));
        l += bare;
        column += bare.size();
      } else {
        l += word;
        column += word.size();
      }
      pos = end;
    }
    out += l + "\n";
  };
  std::string group;
  for (const OptionRow& r : option_table()) {
    if (!accepts(r, command)) continue;
    if (r.group != group) {
      group = r.group;
      out += "\n" + group + ":\n";
    }
    const std::string tab = default_text(r, DataKind::tabular), img = default_text(r, DataKind::image);
    std::string def = tab;
    if (r.name == "data")  // one name, not a kind
      def = command == kEval ? "the data the model was trained on" : command == kCircuit || command == kPredict ? "none" : tab;
    else if (img != tab && r.scope != Scope::image && r.scope != Scope::tabular && r.scope != Scope::csv)
      def = (tab.empty() ? "-" : tab) + "; image data " + img;
    else if (r.scope == Scope::image)
      def = img;
    line("--" + r.name + (r.metavar.empty() ? "" : " " + r.metavar), r.help, def);
  }
  if (!extra.empty()) {
    out += "\noutput and files:\n";
    for (const CommandOption& o : extra) line("--" + o.name + (o.metavar.empty() ? "" : " " + o.metavar), o.help, "");
  }
  return out + examples;
}

// What the options of a switched-on scope default to: the data kind's defaults
// with this spec's data, model, optimiser, noise kind and attack form (the
// unscoped rows that switch scopes on), so that e.g. --noise-fraction is left
// out while it has the value --noise gives it.
static RunSpec scoped_defaults(const RunSpec& spec) {
  RunSpec d = default_spec(spec.data_kind());
  d.data.name = spec.data.name;
  d.model.kind = spec.model.kind;
  d.train.optimizer.kind = spec.train.optimizer.kind;
  if (spec.noise) {
    d.noise = default_noise(spec.data_kind());
    d.noise->kind = spec.noise->kind;
  }
  if (spec.attack) {
    d.attack = default_attack();
    d.attack->form = spec.attack->form;
  }
  return d;
}

std::vector<std::string> to_command_line(const RunSpec& spec) {
  const RunSpec defaults = default_spec(spec.data_kind()), scoped = scoped_defaults(spec);
  std::vector<std::string> out;
  for (const OptionRow& r : option_table()) {
    if (!(r.commands & kTrain) || !r.changes_results || !in_scope(r.scope, spec)) continue;
    const std::string text = option_text(r, spec);
    // The data always: it picks the defaults. A seed that follows --seed is left out.
    const RunSpec& base = r.scope == Scope::always ? defaults : scoped;
    const bool is_default = r.follows_seed ? r.get(spec).number == double(spec.seed())
                                           : in_scope(r.scope, base) && option_text(r, base) == text;
    if (r.name != "data" && is_default) continue;
    if (text.empty()) continue;  // an empty list or name: not given
    if (r.type == OptionType::flag)
      out.push_back("--" + r.name + (text == "1" ? "" : "=0"));
    else
      out.push_back("--" + r.name + "=" + text);
  }
  return out;
}

// [SECTION] Links -----------------------------------------------------------------------------

const std::vector<std::string>& link_view_keys() {
  static const std::vector<std::string> keys = {"fx",          "fy",           "sample",        "play",     "embed",
                                                  "panels",      "arena",        "arena_model",   "lesson",   "map",
                                                  "map_hybrid",  "map_classical", "map_form",     "map_mode", "map_noise",
                                                  "map_lo",      "map_hi",       "map_points",    "map_seeds"};
  return keys;
}

static std::string url_decode(const std::string& text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size()) {
      const std::string hex = text.substr(i + 1, 2);
      char* end = nullptr;
      const long v = std::strtol(hex.c_str(), &end, 16);
      if (*end == '\0') {
        out += static_cast<char>(v);
        i += 2;
        continue;
      }
    }
    out += text[i];  // '+' stays '+': a fragment is not a form, and 1e+06 is a number
  }
  return out;
}

static std::string url_encode(const std::string& text) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~' || c == ',' || c == ':' || c == '/' || c == ';' ||
        c == '|')
      out += static_cast<char>(c);
    else
      out += {'%', hex[c >> 4], hex[c & 15]};
  }
  return out;
}

// Links written before the table used these keys.
static const std::map<std::string, std::string>& legacy_link_keys() {
  static const std::map<std::string, std::string> keys = {{"std", "scale"}};
  return keys;
}

// Keys of older playgrounds whose values do not carry over one to one: the
// link reports the key that replaced each, named from the table.
static std::string retired_link_key_error(const std::string& key) {
  auto use = [&](const char* option, const std::string& how) {
    return key + ": an old key; use " + option_row(option).hash_key + how;
  };
  if (key == "lambda_train") return use("fixed-lambda", "=1 for lambda_train=0 (trained lambdas are the default)");
  if (key == "c1" || key == "c2") return use("conv-channels", "=C1,C2 (the channels of both convolutions)");
  if (key == "noise_train" || key == "noise_test") return use("noise-on", "=train, test or both");
  return "";
}

ParsedLink parse_link(const std::string& link) {
  ParsedLink out;
  std::string body = link;
  if (const size_t hash = body.find('#'); hash != std::string::npos)
    body = body.substr(hash + 1);
  else if (body.find("://") != std::string::npos)
    throw InputError("the link has no '#...' part with the run's settings (copy the whole address of the playground)");
  std::vector<std::pair<std::string, std::string>> items;
  size_t start = 0;
  while (start <= body.size()) {
    const size_t end = std::min(body.find('&', start), body.size());
    const std::string item = body.substr(start, end - start);
    if (!item.empty()) {
      const size_t eq = item.find('=');
      items.emplace_back(url_decode(item.substr(0, eq)), eq == std::string::npos ? "" : url_decode(item.substr(eq + 1)));
    }
    start = end + 1;
  }
  std::map<std::string, Setter> setters;
  const std::string* data_name = nullptr;
  for (const auto& [key, raw_value] : items) {
    std::string name, value = raw_value;
    if (legacy_link_keys().count(key)) {
      name = legacy_link_keys().at(key);
      value = raw_value == "1" ? "standard" : "none";
    } else {
      for (const OptionRow& r : option_table())
        if (!r.hash_key.empty() && r.hash_key == key) name = r.name;
    }
    if (name.empty()) {
      const std::string retired = retired_link_key_error(key);
      if (retired.empty())
        out.other.emplace_back(key, raw_value);
      else
        out.errors.push_back(retired);
      continue;
    }
    if (name == "data") data_name = &raw_value;
    setters[name] = [value, key = key, &out](RunSpec& s, const OptionRow& r) {
      try {
        if (r.type == OptionType::flag && value.empty()) set_option_text(s, r, "1", key);
        else set_option_text(s, r, value, key);
      } catch (const InputError& e) {
        out.errors.push_back(e.what());
      }
    };
  }
  out.spec = apply_in_order(start_spec(nullptr, data_name), setters);
  return out;
}

std::string to_link(const RunSpec& spec) {
  std::string out;
  for (const OptionRow& r : option_table()) {
    if (r.hash_key.empty() || !in_scope(r.scope, spec)) continue;
    if (r.follows_seed && r.get(spec).number == double(spec.seed())) continue;
    const std::string text = option_text(r, spec);
    if (r.type == OptionType::int_list && text.empty()) continue;  // no list: the default
    if (r.type == OptionType::text && text.empty()) continue;
    out += (out.empty() ? "#" : "&") + r.hash_key + "=" + url_encode(text);
  }
  return out;
}

// [SECTION] JSON --------------------------------------------------------------------------------

Json spec_to_json(const RunSpec& spec) {
  Json j = Json::object();
  for (const OptionRow& r : option_table()) {
    if (!r.changes_results || !in_scope(r.scope, spec)) continue;
    const OptionValue v = r.get(spec);
    switch (r.type) {
      case OptionType::integer:
      case OptionType::seed: j.set(r.json_key, static_cast<long long>(v.number)); break;
      case OptionType::real: j.set(r.json_key, r.single_precision ? Json(static_cast<float>(v.number)) : Json(v.number)); break;
      case OptionType::flag: j.set(r.json_key, v.number != 0); break;
      case OptionType::choice:
      case OptionType::text: j.set(r.json_key, v.text); break;
      case OptionType::int_list: {
        Json a = Json::array();
        for (int x : v.list) a.push(x);
        j.set(r.json_key, a);
        break;
      }
    }
  }
  return j;
}

static OptionValue value_of_json(const OptionRow& r, const Json& v, const std::string& what) {
  switch (r.type) {
    case OptionType::integer:
    case OptionType::real:
    case OptionType::seed: {
      const double x = v.as_number(what);
      return value_of_text(r, shortest(x, false));
    }
    case OptionType::flag: return num(v.as_bool(what));
    case OptionType::choice:
    case OptionType::text: return word(v.as_string(what));
    case OptionType::int_list: {
      std::string text;
      for (const Json& x : v.items(what)) text += (text.empty() ? "" : ",") + shortest(x.as_number(what), false);
      if (text.empty()) return ints({});
      return value_of_text(r, text);
    }
  }
  return {};
}

RunSpec spec_from_json(const Json& json, const std::string& context) {
  const auto& members = json.members(context);
  std::map<std::string, Setter> setters;
  const std::string* data_name = nullptr;
  for (const auto& member : members) {
    const std::string& key = member.first;
    const Json& value = member.second;
    const OptionRow* row = nullptr;
    for (const OptionRow& r : option_table())
      if (r.json_key == key) row = &r;
    if (!row) throw InputError(context + ": unknown option '" + key + "'");
    if (row->name == "data") data_name = &value.as_string(context + ".data");
    setters[row->name] = [&value, context, key](RunSpec& s, const OptionRow& r) {
      set_checked(s, r, context + "." + key, false, [&] { return value_of_json(r, value, context + "." + key); });
    };
  }
  RunSpec spec = apply_in_order(start_spec(nullptr, data_name), setters);
  validate(spec);
  return spec;
}

// [SECTION] Equality ----------------------------------------------------------------------------

std::vector<std::string> run_differences(const RunSpec& a, const RunSpec& b) {
  std::vector<std::string> out;
  for (const OptionRow& r : option_table()) {
    if (!r.changes_results) continue;
    const bool in_a = in_scope(r.scope, a), in_b = in_scope(r.scope, b);
    if (in_a != in_b || (in_a && option_text(r, a) != option_text(r, b))) out.push_back(r.name);
  }
  return out;
}

bool same_run(const RunSpec& a, const RunSpec& b) { return run_differences(a, b).empty(); }

}  // namespace hqnn::run
