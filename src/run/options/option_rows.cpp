#include "option_rows.hpp"

#include <stdexcept>

#include "core/input_error.hpp"
#include "core/model_fields.hpp"
#include "core/settings/field_codecs.hpp"
#include "data/csv_loader.hpp"
#include "data/data_set_names.hpp"

namespace hqnn::run {

// Index of this file
//   [SECTION] Scopes
//   [SECTION] Row helpers
//   [SECTION] The rows
//   [SECTION] Look-up

// [SECTION] Scopes -------------------------------------------------------------------------------

static bool is_csv(const RunSpec& s) { return s.data_kind() == DataKind::tabular && s.data.name != "iris"; }
static bool uses_leaky_relu(ModelKind k) {
  return enum_row(k).reads_leaky_slope();
}

static std::string model_names_where(bool (*which)(ModelKind)) {
  std::string out;
  for (const auto& row : enum_rows<ModelKind>())
    if (which(row.kind)) out += (out.empty() ? "" : ", ") + std::string(row.name);
  return out;
}

bool in_scope(Scope scope, const RunSpec& s) {
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

std::string scope_requirement(Scope scope, bool cli) {
  const auto opt = [cli](const char* flag, const char* key) { return std::string(cli ? flag : key); };
  switch (scope) {
    case Scope::always: return "";
    case Scope::tabular: return "applies to tabular data only (iris or a CSV); image sets come with their own train/test split";
    case Scope::csv: return "applies to CSV files only";
    case Scope::image: return "applies to image datasets only";
    case Scope::convolutional: return "applies to convolutional models only (" + model_names_where(is_convolutional) + ")";
    case Scope::leaky: return "applies to models with leaky-relu only (" + model_names_where(uses_leaky_relu) + ")";
    case Scope::sgd: return "applies to " + opt("--optimizer sgd", "opt=sgd") + " only";
    case Scope::noise: return "needs " + opt("--noise KIND", "noise=KIND") + " (it sets dataset noise)";
    case Scope::attack:  // as --noise-magnitude needs --noise: an attack is switched on by its form only
      return "needs " + std::string(cli ? "--attack-form " : "attack=") + enum_name_list<AttackForm>("|") +
             " (it sets a parameter attack)";
    case Scope::attack_random: return "chooses K random layers; it does not go with a list of attacked layers (" +
                                      opt("--attack-layer-list", "attack_layers") + "): give one of the two";
  }
  return "";
}

void turn_on(Scope scope, RunSpec& s) {
  if ((scope == Scope::attack || scope == Scope::attack_random) && !s.attack) {
    s.attack = default_attack();
    s.attack->seed = s.seed();
  }
}

const char* command_name(Command command) {
  switch (command) {
    case kTrain: return "train";
    case kEval: return "eval";
    case kReproduce: return "reproduce";
    case kCircuit: return "circuit";
    case kPredict: return "predict";
  }
  return "";
}

// [SECTION] Row helpers --------------------------------------------------------------------------

namespace {

constexpr unsigned kData = kTrain | kEval | kCircuit;  // the data options: every command that loads data

struct Place {  // where a row shows in help, and when it applies
  const char* group;
  const char* metavar;
  Scope scope = Scope::always;
  unsigned commands = kTrain;
};

OptionRow row(const char* name, const char* hash_key, const char* json_key, ValueFormat format, Binding<RunSpec> binding,
              Place place, std::string help) {
  OptionRow r;
  static_cast<Field<RunSpec>&>(r) = field<RunSpec>(name, hash_key, json_key, std::move(format), std::move(binding), std::move(help));
  r.group = place.group, r.metavar = place.metavar, r.scope = place.scope, r.commands = place.commands;
  r.applies = [scope = place.scope](const RunSpec& s) { return in_scope(scope, s); };
  return r;
}

OptionRow following_seed(OptionRow r) {
  r.follows_seed = true;
  return r;
}

template <class... M>
Binding<RunSpec> field_of(M... path) {
  return bind_field<RunSpec>(path...);
}
template <class E, class... M>
Binding<RunSpec> enum_of(M... path) {
  return bind_enum<RunSpec, E>(path...);
}
// A model option: the core's row (core/model_fields.hpp), the model file's
// schema, with its link key and its place in help.
OptionRow model_row(const char* name, const char* hash_key, Place place) {
  const Field<RunSpec> f = lifted<RunSpec>(model_field(name), &RunSpec::model);
  return row(f.name.c_str(), hash_key, f.json_key.c_str(), f, {f.get, f.set}, place, f.help);
}
// Fields of the optional dataset noise and attack, read from their defaults while off.
DatasetNoiseOptions noise_or_default(const RunSpec& s) { return default_noise(s.data_kind()); }
AttackOptions attack_or_default(const RunSpec& s) {
  AttackOptions a = default_attack();
  a.seed = s.seed();
  return a;
}
template <class... M>
Binding<RunSpec> noise_field(M... path) {
  return bind_in(&RunSpec::noise, noise_or_default, path...);
}
template <class... M>
Binding<RunSpec> attack_field(M... path) {
  return bind_in(&RunSpec::attack, attack_or_default, path...);
}
template <class E, class... M>
Binding<RunSpec> attack_enum(M... path) {
  return bind_in_with(&RunSpec::attack, attack_or_default, EnumCodec<E>{}, path...);
}

// The words of a switch that makes an optional part: "none" (off), then E's.
template <class E>
std::vector<std::string> switch_words() {
  std::vector<std::string> out = {"none"};
  for (const std::string& w : enum_names<E>()) out.push_back(w);
  return out;
}

OptionValue word(std::string t) { return OptionValue{0, std::move(t), {}}; }

// The rows whose field is not one value: a switch that makes an optional part, a seed that others follow.
Binding<RunSpec> data_name() {
  return {[](const RunSpec& s) { return word(s.data.name); },
          [](RunSpec& s, const OptionValue& v) {
            if (v.text.empty()) throw InputError("expected a dataset name or a CSV file");
            s.data.name = v.text;
          }};
}
Binding<RunSpec> delimiter() {
  return {[](const RunSpec& s) { return word(s.data.delimiter == '\t' ? "tab" : std::string(1, s.data.delimiter)); },
          [](RunSpec& s, const OptionValue& v) {
            try {
              s.data.delimiter = csv_delimiter_from(v.text);
            } catch (const InputError& e) {  // named again by the caller, as this surface names it
              const std::string m = e.what(), own = "--delimiter: ";
              throw InputError(m.rfind(own, 0) == 0 ? m.substr(own.size()) : m);
            }
          }};
}
Binding<RunSpec> run_seed() {
  return {[](const RunSpec& s) { return OptionValue{double(s.seed()), {}, {}}; },
          [](RunSpec& s, const OptionValue& v) { set_seed(s, uint64_t(v.number)); }};
}
Binding<RunSpec> noise_switch() {
  return {[](const RunSpec& s) { return word(s.noise ? noise_kind_name(s.noise->kind) : "none"); },
          [](RunSpec& s, const OptionValue& v) {
            if (v.text == "none") return void(s.noise.reset());
            const auto kind = parse_noise_kind(v.text);
            if (!kind) throw NotAChoice{};
            if (!s.noise) s.noise = default_noise(s.data_kind());
            s.noise->kind = *kind;
          }};
}
Binding<RunSpec> noise_on() {
  return {[](const RunSpec& s) {
            const DatasetNoiseOptions n = s.noise ? *s.noise : default_noise(s.data_kind());
            return word(n.train && n.test ? "both" : n.train ? "train" : "test");
          },
          [](RunSpec& s, const OptionValue& v) {
            if (v.text != "train" && v.text != "test" && v.text != "both") throw NotAChoice{};
            s.noise->train = v.text != "test";
            s.noise->test = v.text != "train";
          }};
}
Binding<RunSpec> attack_switch() {
  return {[](const RunSpec& s) { return word(s.attack ? attack_form_name(s.attack->form) : "none"); },
          [](RunSpec& s, const OptionValue& v) {
            if (v.text == "none") return void(s.attack.reset());
            const auto form = parse_attack_form(v.text);  // also "1", "2"
            if (!form) throw NotAChoice{};
            turn_on(Scope::attack, s);
            s.attack->form = *form;
          }};
}

// [SECTION] The rows -----------------------------------------------------------------------------

std::vector<OptionRow> build_table() {
  using S = RunSpec;
  using D = DataSpec;
  using A = AttackOptions;
  using N = DatasetNoiseOptions;
  const auto opt = [](auto... path) { return field_of(&S::train, &TrainOptions::optimizer, path...); };
  const Scope tab = Scope::tabular, img = Scope::image, csv = Scope::csv, atk = Scope::attack, noise = Scope::noise;
  std::vector<OptionRow> t;
  // data -----------------------------------------------------------------------------------------
  t.push_back(row("data", "data", "data", text(), data_name(), {"data", "NAME", Scope::always, kData},
                  "iris (built in), FILE.csv, or an image set: " + name_list(image_set_names())));
  t.push_back(row("label", "label", "label_column", text(), field_of(&S::data, &D::label_column),
                  {"data", "NAME|INDEX", csv, kData}, "the label column of a CSV (a name or a 0-based index; default the last column)"));
  ValueFormat delimiters = text();
  delimiters.choices = {",", ";", "tab", "|"};
  t.push_back(row("delimiter", "delim", "delimiter", delimiters, delimiter(), {"data", "C", csv, kData},
                  "the CSV's column separator: , ; tab or | (one character)"));
  t.push_back(row("test-fraction", "test", "test_fraction", real(0.01, 0.99), field_of(&S::data, &D::test_fraction),
                  {"data", "F", tab}, "stratified test split of tabular data"));
  t.push_back(following_seed(row("split-seed", "split_seed", "split_seed", seed_number(), field_of(&S::data, &D::split_seed),
                                 {"data", "N", tab}, "seed of the train/test split")));
  t.push_back(row("scale", "scale", "scaling", enum_choice<ScalingKind>(),
                  enum_of<ScalingKind>(&S::data, &D::scaling), {"data", "KIND"},
                  "feature scaling fitted on the training split: none, standard (mean 0, sd 1), minmax ([0, 1]) or auto "
                  "(the best on a validation part of the training split)"));
  t.push_back(row("classes", "classes", "classes", int_list(0, 100000, "all"), field_of(&S::data, &D::classes),
                  {"data", "0,1,2,3|all", img, kData}, "image data: the classes kept, relabelled 0..k-1"));
  t.push_back(row("downsample", "ds", "downsample", integer(1, 64), field_of(&S::data, &D::downsample),
                  {"data", "K", img, kData}, "image data: average-pool K x K pixels"));
  t.push_back(row("train-per-class", "train_pc", "train_per_class", integer(0, 1e9), field_of(&S::data, &D::train_per_class),
                  {"data", "N", img, kData}, "image data: keep the first N training images per class (0: all)"));
  t.push_back(row("test-per-class", "test_pc", "test_per_class", integer(0, 1e9), field_of(&S::data, &D::test_per_class),
                  {"data", "N", img, kData}, "image data: the same for the test set (0: all)"));
  // model ----------------------------------------------------------------------------------------
  t.push_back(model_row("model", "model", {"model", "KIND"}));
  t.push_back(model_row("layers", "L", {"model", "L"}));
  t.push_back(model_row("width", "width", {"model", "N"}));
  t.push_back(model_row("conv-channels", "conv", {"model", "C1,C2", Scope::convolutional}));
  t.push_back(model_row("renormalize", "renorm", {"model", ""}));
  t.push_back(model_row("fixed-lambda", "fixed_lambda", {"model", ""}));
  t.push_back(model_row("lambda-init", "lambda", {"model", "X"}));
  t.push_back(model_row("dense-lambda-inverse", "lambda_inv", {"model", ""}));
  t.push_back(model_row("angle-init", "init", {"model", "KIND"}));
  t.push_back(model_row("angle-scale", "init_scale", {"model", "S"}));
  t.push_back(model_row("leaky-slope", "slope", {"model", "X", Scope::leaky}));
  // training -------------------------------------------------------------------------------------
  t.push_back(row("epochs", "epochs", "epochs", integer(1, 1000000), field_of(&S::train, &TrainOptions::epochs),
                  {"training", "E"}, "training epochs"));
  t.push_back(row("batch", "batch", "batch", integer(1, 65536), field_of(&S::train, &TrainOptions::batch),
                  {"training", "B"}, "mini-batch size (D6)"));
  t.push_back(row("lr", "lr", "lr", real(1e-12, 10), opt(&OptimizerOptions::lr), {"training", "X"}, "learning rate (D6)"));
  OptionRow threads = row("threads", "", "", integer(0, TrainOptions::kMaxThreads), field_of(&S::train, &TrainOptions::threads),
                          {"training", "N", Scope::always, kTrain | kEval},
                          "threads for training and evaluation, 0: every core; results do not depend on it");
  threads.changes_results = false;
  t.push_back(threads);
  t.push_back(row("optimizer", "opt", "optimizer", enum_choice<OptimizerKind>(),
                  enum_of<OptimizerKind>(&S::train, &TrainOptions::optimizer, &OptimizerOptions::kind),
                  {"training", "KIND"}, "adam or sgd (D6)"));
  t.push_back(row("momentum", "momentum", "momentum", real(0, 0.999999), opt(&OptimizerOptions::momentum),
                  {"training", "X", Scope::sgd}, "SGD momentum"));
  t.push_back(row("seed", "seed", "seed", seed_number(), run_seed(), {"training", "N"},
                  "seed of the initialisation and the shuffling; the default of every other seed"));
  // dataset noise --------------------------------------------------------------------------------
  t.push_back(row("noise", "noise", "noise", choice(switch_words<NoiseKind>()), noise_switch(), {"dataset noise", "KIND"},
                  "dataset noise (D10): none or one of " + noise_kind_list()));
  t.push_back(row("noise-magnitude", "noise_m", "noise_magnitude", real(0, 1e38), noise_field(&N::magnitude),
                  {"dataset noise", "M", noise}, "noise magnitude m, in the data's own units"));
  t.push_back(row("noise-fraction", "noise_f", "noise_fraction", real(0.001, 1), noise_field(&N::max_fraction),
                  {"dataset noise", "F", noise}, "largest fraction of a sample's features that get noise"));
  t.push_back(row("noise-on", "noise_on", "noise_on", choice({"train", "test", "both"}), noise_on(),
                  {"dataset noise", "SET", noise}, "train, test or both"));
  t.push_back(following_seed(row("noise-seed", "noise_seed", "noise_seed", seed_number(), field_of(&S::noise_seed),
                                 {"dataset noise", "N", noise}, "seed of the dataset noise")));
  // parameter attack -----------------------------------------------------------------------------
  t.push_back(row("attack-form", "attack", "attack_form", choice(switch_words<AttackForm>()), attack_switch(),
                  {"parameter attack", "FORM"},
                  "parameter attack (D11): none, " + enum_words(AttackForm::inside) + ": sigma(theta+eps), " +
                      enum_words(AttackForm::outside) + ": sigma(theta)+eps"));
  t.push_back(row("attack-noise", "attack_noise", "attack_noise", enum_choice<NoiseKind>(),
                  attack_enum<NoiseKind>(&A::noise), {"parameter attack", "KIND", atk},
                  "the noise of the attack's eps (one of the six noise kinds)"));
  t.push_back(row("attack-magnitude", "attack_m", "attack_magnitude", real(0, 1e38), attack_field(&A::magnitude),
                  {"parameter attack", "M", atk}, "magnitude of eps"));
  t.push_back(row("attack-mode", "attack_mode", "attack_mode", enum_choice<AttackMode>(),
                  attack_enum<AttackMode>(&A::mode), {"parameter attack", "MODE", atk},
                  "persistent (accumulated after every step), transient (redrawn at every forward pass) or fixed "
                  "(drawn once and held)"));
  t.push_back(row("attack-layer-list", "attack_layers", "attack_layers", int_list(0, 63), attack_field(&A::layer_list),
                  {"parameter attack", "0,2", atk}, "the attacked layers (0-based) instead of K at random"));
  // After the list: K means nothing once layers are listed, so giving both is refused.
  t.push_back(row("attack-layers", "attack_k", "attack_k", integer(1, 64), attack_field(&A::layers),
                  {"parameter attack", "K", Scope::attack_random}, "K attacked layers chosen at random"));
  t.push_back(following_seed(row("attack-seed", "attack_seed", "attack_seed", seed_number(), attack_field(&A::seed),
                                 {"parameter attack", "N", atk}, "seed of the attack (which layers, every eps)")));
  t.push_back(row("attack-epoch", "attack_epoch", "attack_epoch", integer(0, 1000000), field_of(&S::attack_epoch),
                  {"parameter attack", "E", atk}, "the attack starts after this many epochs (0: from the start)"));
  t.push_back(row("attack-scale", "attack_scale", "attack_scale", enum_choice<AttackScale>(),
                  attack_enum<AttackScale>(&A::scale), {"parameter attack", "SCALE", atk},
                  "absolute (eps as drawn) or relative (eps times the RMS of the attacked layer's parameters when the attack starts)"));
  // The naive softmax exists to test one explanation of the paper's NaN losses
  // (docs/reproduction.md); it is never a default.
  t.push_back(row("loss", "loss", "loss", enum_choice<SoftmaxLoss>(),
                  enum_of<SoftmaxLoss>(&S::train, &TrainOptions::loss), {"training", "LOSS"},
                  "stable (softmax cross-entropy with the max subtracted, the default) or naive (exp of the raw logits: "
                  "overflows to NaN; for the softmax experiment only)"));
  return t;
}

}  // namespace

// [SECTION] Look-up ------------------------------------------------------------------------------

const std::vector<OptionRow>& option_table() {
  static const std::vector<OptionRow> table = build_table();
  return table;
}

bool accepts(const OptionRow& row, Command command) {
  return (row.commands & (command == kPredict ? kEval : command)) != 0;
}

const OptionRow* find_option(const std::string& name) {
  for (const OptionRow& r : option_table())
    if (r.name == name) return &r;
  return nullptr;
}

const OptionRow& option_row(const std::string& name) {
  const OptionRow* r = find_option(name);
  if (!r) throw std::logic_error("no option '" + name + "' in the option table");
  return *r;
}

bool option_applies(const std::string& name, const RunSpec& spec) { return in_scope(option_row(name).scope, spec); }

}  // namespace hqnn::run
