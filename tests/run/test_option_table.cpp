// The option table (run/option_table.hpp): every row survives every surface
// (command line → spec → link → spec → JSON → spec), the defaults come from
// default_spec() alone, and the command line answers mistakes with help.
#include <algorithm>
#include <gtest/gtest.h>

#include "core/model_fields.hpp"
#include "core/model_io.hpp"
#include "core/rng.hpp"
#include "run/options/option_table.hpp"

using namespace hqnn;
using namespace hqnn::run;

namespace {

// A random value for `row`, as text the row accepts.
std::string random_text(const OptionRow& row, Rng& rng) {
  switch (row.type) {
    case OptionType::integer:
    case OptionType::seed: {
      const double hi = std::min(row.max, row.min + 1000.0);
      return std::to_string(static_cast<long long>(row.min) + static_cast<long long>(rng.below(uint64_t(hi - row.min) + 1)));
    }
    case OptionType::real: {
      char buf[40];
      std::snprintf(buf, sizeof buf, "%.6g", rng.uniform(row.min, std::min(row.max, row.min + 10.0)));
      return buf;
    }
    case OptionType::flag: return rng.below(2) ? "1" : "0";
    case OptionType::choice: return row.choices[rng.below(row.choices.size())];
    case OptionType::text: return row.name == "label" ? "species" : row.choices.empty() ? "x" : row.choices[rng.below(row.choices.size())];
    case OptionType::int_list: {
      const size_t n = row.list_size ? row.list_size : 1 + rng.below(3);
      std::string out;
      for (size_t i = 0; i < n; ++i)
        out += (i ? "," : "") + std::to_string(static_cast<long long>(row.min) + static_cast<long long>(rng.below(4)));
      return out;
    }
  }
  return "";
}

// A random run: a data kind, then each row in table order with probability 1/2.
RunSpec random_spec(Rng& rng) {
  const char* data[] = {"iris", "mnist-subset", "my data.csv"};
  RunSpec s = default_spec(DataKind::tabular);
  set_option_text(s, option_row("data"), data[rng.below(3)], "data");
  s = parse_link("#data=" + s.data.name).spec;
  for (const OptionRow& r : option_table()) {
    if (r.name == "data" || rng.below(2) == 0) continue;
    RunSpec candidate = s;
    try {
      set_option_text(candidate, r, random_text(r, rng), r.name);
      validate(candidate);
    } catch (const InputError&) {
      continue;  // out of scope or a combination validate() refuses
    }
    s = candidate;
  }
  return s;
}

std::vector<std::string> argv_of(const RunSpec& s) { return to_command_line(s); }

}  // namespace

TEST(OptionTable, RandomSpecsSurviveCommandLineLinkAndJson) {
  Rng rng(2024, 0);
  for (int i = 0; i < 300; ++i) {
    const RunSpec s = random_spec(rng);
    const RunSpec from_cli = parse_command_line(argv_of(s), kTrain, {}).spec;
    ASSERT_TRUE(same_run(s, from_cli)) << "command line differs in " << run_differences(s, from_cli)[0] << ": "
                                       << to_link(s);
    const ParsedLink link = parse_link(to_link(from_cli));
    ASSERT_TRUE(link.errors.empty()) << link.errors[0];
    ASSERT_TRUE(same_run(s, link.spec)) << "link differs in " << run_differences(s, link.spec)[0] << ": " << to_link(s);
    const RunSpec from_json = spec_from_json(Json::parse(spec_to_json(link.spec).dump()), "spec");
    ASSERT_TRUE(same_run(s, from_json)) << "JSON differs in " << run_differences(s, from_json)[0] << ": " << to_link(s);
  }
}

TEST(OptionTable, EveryRowChangesTheRunAndRoundTrips) {
  // For each row, a value other than the default: same_run must notice it, and
  // the link and the JSON must carry it.
  Rng rng(7, 0);
  for (const OptionRow& r : option_table()) {
    if (!r.changes_results) continue;  // threads: ThreadsChangeNoResultAndStayOutOfLinksAndFiles
    RunSpec base = parse_link(r.scope == Scope::image ? "#data=mnist-subset" : r.scope == Scope::csv ? "#data=a.csv" : "#").spec;
    if (r.scope == Scope::convolutional || r.scope == Scope::leaky) base = parse_link("#data=mnist-subset&model=qdcnn").spec;
    if (r.scope == Scope::sgd) set_option_text(base, option_row("optimizer"), "sgd", "opt");
    if (r.scope == Scope::noise) set_option_text(base, option_row("noise"), "mixed-sym", "noise");
    if (r.scope == Scope::attack || r.scope == Scope::attack_random)  // an attack is switched on by its form only
      set_option_text(base, option_row("attack-form"), "inside", "attack");
    bool changed = false;
    for (int attempt = 0; attempt < 50 && !changed; ++attempt) {
      RunSpec s = base;
      try {
        set_option_text(s, r, random_text(r, rng), r.name);
      } catch (const InputError&) {
        continue;
      }
      if (same_run(s, base)) continue;
      changed = true;
      EXPECT_TRUE(same_run(s, parse_link(to_link(s)).spec)) << r.name;
      EXPECT_TRUE(same_run(s, spec_from_json(spec_to_json(s), "spec"))) << r.name;
      EXPECT_TRUE(same_run(s, parse_command_line(to_command_line(s), kTrain, {}).spec)) << r.name;
    }
    EXPECT_TRUE(changed) << r.name << ": no value changed the run";
  }
}

// The model's options are the model file's rows (core/model_fields.hpp): the
// run's JSON and the model file's `model` section write them with the same
// keys and the same text, and read each other's.
TEST(OptionTable, ModelOptionsAreTheModelFilesRows) {
  for (const auto& f : model_fields()) {
    if (f.json_key == "image" || f.json_key == "seed") continue;  // from the data and the run's seed
    const OptionRow& r = option_row(f.name);
    EXPECT_EQ(r.json_key, f.json_key);
    EXPECT_EQ(r.type, f.type) << f.name;
    EXPECT_EQ(r.min, f.min) << f.name;
    EXPECT_EQ(r.max, f.max) << f.name;
    EXPECT_EQ(r.choices, f.choices) << f.name;
    EXPECT_EQ(r.help, f.help) << f.name;
  }
  RunSpec spec = default_spec(DataKind::image);
  spec.model.kind = ModelKind::qrcnn;
  spec.model.train_lambda = false;
  spec.model.angle_init_scale = 0.25f;
  spec.model.lambda_init = 0.7f;
  spec.model.image_channels = 1, spec.model.image_height = 7, spec.model.image_width = 7;  // from the data, in a run
  const Json run_json = spec_to_json(spec), file_json = to_json(spec.model);
  for (const auto& [key, value] : file_json.members()) {
    if (key == "image" || key == "seed") continue;
    ASSERT_NE(run_json.get(key), nullptr) << key;
    EXPECT_EQ(run_json.at(key).dump(), value.dump()) << key;
  }
  EXPECT_EQ(to_json(model_options_from_json(file_json)).dump(), file_json.dump());
}

TEST(OptionTable, ThreadsChangeNoResultAndStayOutOfLinksAndFiles) {
  const RunSpec base = parse_link("#").spec;
  const RunSpec two = parse_command_line({"--threads", "2"}, kTrain, {}).spec;
  EXPECT_EQ(two.train.threads, 2);
  EXPECT_TRUE(same_run(base, two));
  EXPECT_EQ(to_link(base), to_link(two));
  EXPECT_EQ(spec_to_json(base).dump(), spec_to_json(two).dump());
  EXPECT_TRUE(to_command_line(two) == to_command_line(base));
}

TEST(OptionTable, DefaultsComeFromDefaultSpecOnEverySurface) {
  for (DataKind kind : {DataKind::tabular, DataKind::image}) {
    const RunSpec d = default_spec(kind);
    const std::string data = d.data.name;
    EXPECT_TRUE(same_run(d, parse_command_line({"--data", data}, kTrain, {}).spec));
    EXPECT_TRUE(same_run(d, parse_link("#data=" + data).spec));
    Json j = Json::object();
    j.set("data", data);
    EXPECT_TRUE(same_run(d, spec_from_json(j, "spec")));
  }
  // D6 / D9 for images, as the CLI measured them.
  const RunSpec image = default_spec(DataKind::image);
  EXPECT_EQ(image.train.optimizer.lr, 0.001);
  EXPECT_EQ(image.train.batch, 64);
  EXPECT_EQ(effective_width(image.model, 784), 64);
  // The help shows the same defaults.
  const std::string help = command_help(kTrain, "", {}, "");
  EXPECT_NE(help.find("[0.01; image data 0.001]"), std::string::npos) << help;
  EXPECT_NE(help.find("[16; image data 64]"), std::string::npos);
}

TEST(OptionTable, SeedsFollowTheSeedUnlessGiven) {
  const RunSpec s = parse_command_line({"--seed", "9", "--noise", "uniform-sym", "--attack-form", "2"}, kTrain, {}).spec;
  EXPECT_EQ(s.data.split_seed, 9u);
  EXPECT_EQ(s.noise_seed, 9u);
  EXPECT_EQ(s.attack->seed, 9u);
  EXPECT_EQ(s.train.seed, 9u);
  // Given after --seed on the command line or before it: the same run.
  const RunSpec a = parse_command_line({"--split-seed", "3", "--seed", "9"}, kTrain, {}).spec;
  EXPECT_EQ(a.data.split_seed, 3u);
  EXPECT_EQ(to_link(a).find("split_seed=3") != std::string::npos, true);
  EXPECT_EQ(to_link(s).find("noise_seed"), std::string::npos);  // follows the seed: not written
}

TEST(OptionTable, MisspeltOptionsGetDidYouMean) {
  const auto message = [](const std::vector<std::string>& argv, Command c) {
    try {
      parse_command_line(argv, c, {{"model", true, "FILE", ""}});
    } catch (const InputError& e) {
      return std::string(e.what());
    }
    return std::string("(accepted)");
  };
  EXPECT_EQ(message({"--lerning-rate", "1"}, kTrain), "unknown option --lerning-rate (see hqnn train --help)");
  EXPECT_EQ(message({"--epoch", "3"}, kTrain), "unknown option --epoch; did you mean --epochs? (see hqnn train --help)");
  EXPECT_EQ(message({"--delimeter", ";"}, kTrain), "unknown option --delimeter; did you mean --delimiter? (see hqnn train --help)");
  EXPECT_EQ(message({"--test-fraction", "0.2"}, kEval), "--test-fraction is not an option of hqnn eval (see hqnn eval --help)");
  EXPECT_EQ(message({"--momentum", "0.5"}, kTrain), "--momentum applies to --optimizer sgd only");
  EXPECT_EQ(message({"--attack-form", "1", "--attack-layers", "1", "--attack-layer-list", "0"}, kTrain),
            "--attack-layers chooses K random layers; it does not go with a list of attacked layers "
            "(--attack-layer-list): give one of the two");
}

// --merge DIR...: every argument up to the next --option, lists joined when given twice.
TEST(OptionTable, CommandLineOptionTakesSeveralValuesUpToTheNextOption) {
  const std::vector<CommandOption> options = {{"merge", true, "DIR...", "", "", true}, {"out", true, "DIR", ""},
                                              {"quiet", false, "", ""}};
  const CommandLine cl = parse_command_line({"--merge", "a", "b", "--out", "o", "--merge=c", "d", "--quiet"}, kReproduce,
                                            options);
  EXPECT_EQ(cl.values("merge"), (std::vector<std::string>{"a", "b", "c", "d"}));
  EXPECT_EQ(cl.str("out"), "o");
  EXPECT_TRUE(cl.has("quiet"));
  const CommandLine none = parse_command_line({"--merge", "--quiet"}, kReproduce, options);
  EXPECT_TRUE(none.has("merge"));
  EXPECT_TRUE(none.values("merge").empty());
  EXPECT_FALSE(parse_command_line({"--quiet"}, kReproduce, options).has("merge"));
  EXPECT_TRUE(parse_command_line({"--quiet"}, kReproduce, options).values("merge").empty());
}

TEST(OptionTable, EachCommandsHelpListsOnlyWhatItAccepts) {
  const std::string eval = command_help(kEval, "", {}, ""), train = command_help(kTrain, "", {}, "");
  for (const char* only_train : {"--test-fraction", "--split-seed", "--scale", "--epochs", "--attack-form"}) {
    EXPECT_EQ(eval.find(only_train), std::string::npos) << only_train;
    EXPECT_NE(train.find(only_train), std::string::npos) << only_train;
  }
  for (const char* both : {"--data", "--label", "--delimiter", "--classes"}) EXPECT_NE(eval.find(both), std::string::npos);
}

TEST(OptionTable, LinksAcceptAWholeUrlAndReportBadValues) {
  const ParsedLink l =
      parse_link("http://127.0.0.1:8080/index.html#data=iris&model=qrfnn&width=99999&test=0.995&fx=1&zzz=2");
  EXPECT_EQ(l.spec.model.kind, ModelKind::qrfnn);
  EXPECT_EQ(l.spec.model.width, 0);  // bad values are skipped, the rest applies
  ASSERT_EQ(l.errors.size(), 2u);
  EXPECT_EQ(l.errors[0], "test: expected a number in [0.01, 0.99], got '0.995'");  // the table's range
  EXPECT_EQ(l.errors[1], "width (n) must be at most 16384, got 99999");  // the core's own check, on every surface
  ASSERT_EQ(l.other.size(), 2u);
  EXPECT_EQ(l.other[0].first, "fx");
  EXPECT_THROW(parse_link("http://127.0.0.1:8080/"), InputError);
  // Names with spaces, '&' or '#' survive the link.
  RunSpec csv = default_spec(DataKind::tabular);
  set_option_text(csv, option_row("data"), "my data&more#1.csv", "data");
  EXPECT_EQ(parse_link(to_link(csv)).spec.data.name, "my data&more#1.csv");
  // The old std=1 means standard scaling.
  EXPECT_EQ(parse_link("#std=1").spec.data.scaling, ScalingKind::standard);
}

// Keys older playgrounds wrote whose values do not carry over: each names the key that replaced it.
TEST(OptionTable, OldLinkKeysNameTheKeyThatReplacedThem) {
  const std::pair<const char*, const char*> cases[] = {
      {"lambda_train=0", "lambda_train: an old key; use fixed_lambda=1 for lambda_train=0 (trained lambdas are the default)"},
      {"c1=8", "c1: an old key; use conv=C1,C2 (the channels of both convolutions)"},
      {"c2=16", "c2: an old key; use conv=C1,C2 (the channels of both convolutions)"},
      {"noise_train=1", "noise_train: an old key; use noise_on=train, test or both"},
      {"noise_test=0", "noise_test: an old key; use noise_on=train, test or both"},
  };
  for (const auto& [item, message] : cases) {
    const ParsedLink l = parse_link(std::string("#model=qrfnn&") + item);
    ASSERT_EQ(l.errors.size(), 1u) << item;
    EXPECT_EQ(l.errors[0], message);
    EXPECT_TRUE(l.other.empty()) << item << ": not also an unknown setting";
    EXPECT_EQ(l.spec.model.kind, ModelKind::qrfnn) << "the rest of the link applies";
  }
  // The replacements are keys the link reads.
  EXPECT_FALSE(parse_link("#fixed_lambda=1").spec.model.train_lambda);
  EXPECT_EQ(parse_link("#data=mnist-subset&model=qdcnn&conv=8,16").spec.model.conv2_channels, 16);
  const RunSpec noisy = parse_link("#noise=gaussian-sym&noise_on=train").spec;
  EXPECT_TRUE(noisy.noise->train && !noisy.noise->test);
}

TEST(OptionTable, RangesAreOneForEverySurface) {
  // The widgets' range is the parser's: the largest width is accepted everywhere.
  const OptionRow& width = option_row("width");
  RunSpec s = default_spec(DataKind::tabular);
  set_option_text(s, width, std::to_string(static_cast<int>(width.max)), "--width");
  EXPECT_NO_THROW(validate(s));
  EXPECT_THROW(set_option_text(s, width, std::to_string(static_cast<int>(width.max) + 1), "--width"), InputError);
  EXPECT_EQ(option_row("attack-layer-list").max, option_row("layers").max - 1);
  // slope is carried for every model with leaky-relu, CNN front ends included.
  EXPECT_NE(to_link(parse_link("#data=mnist-subset&model=qdcnn&slope=0.2").spec).find("slope=0.2"), std::string::npos);
}

TEST(OptionTable, CommandLineLeavesOutWhatTheSwitchedOnScopeDefaultsTo) {
  const RunSpec s = parse_link("#data=iris&noise=gaussian-sym&attack=inside&noise_f=0.25").spec;
  const std::vector<std::string> line = to_command_line(s);
  const auto has = [&](const std::string& option) { return std::find(line.begin(), line.end(), option) != line.end(); };
  EXPECT_TRUE(has("--noise=gaussian-sym"));
  EXPECT_TRUE(has("--attack-form=inside"));
  EXPECT_TRUE(has("--noise-fraction=0.25"));  // differs from what --noise gives
  for (const std::string& o : line) {
    EXPECT_EQ(o.rfind("--noise-magnitude", 0), std::string::npos) << o;
    EXPECT_EQ(o.rfind("--attack-mode", 0), std::string::npos) << o;
  }
  EXPECT_TRUE(same_run(s, parse_command_line(line, kTrain, {}).spec));
}

// The study's two rows: the attack scale (needs an attack, turns it on like the
// other attack rows) and the naive loss (never the default).
TEST(OptionTable, AttackScaleAndLossRows) {
  const RunSpec d = parse_command_line({}, kTrain, {}).spec;
  EXPECT_EQ(d.train.loss, SoftmaxLoss::stable);
  const RunSpec s = parse_command_line({"--attack-form", "1", "--attack-scale", "relative", "--loss", "naive"}, kTrain, {}).spec;
  ASSERT_TRUE(s.attack.has_value());
  EXPECT_EQ(s.attack->scale, AttackScale::relative);
  EXPECT_EQ(s.train.loss, SoftmaxLoss::naive);
  EXPECT_TRUE(same_run(s, parse_link(to_link(s)).spec));
  EXPECT_NE(to_link(s).find("attack_scale=relative"), std::string::npos);
  EXPECT_NE(to_link(s).find("loss=naive"), std::string::npos);
  EXPECT_THROW(parse_command_line({"--loss", "softmax"}, kTrain, {}), InputError);
  EXPECT_THROW(parse_command_line({"--attack-form", "1", "--attack-scale", "rms"}, kTrain, {}), InputError);
}
