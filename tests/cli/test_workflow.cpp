// A researcher's run from start to finish, as the commands meet it: a resumed
// run is the uninterrupted run bit for bit also with --epochs (the scaling
// `auto` chose is recorded), checkpoints cost O(1) per epoch and keep another
// run's checkpoint, predictions per row, eval that remembers the model's CSV
// options and its data, options that mean one thing, numbers that read well,
// and the codec that checks a number's range before converting it.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "../bad_input_catalogue.hpp"
#include "../scratch_dir.hpp"
#include "command_capture.hpp"
#include "cli/checkpoint.hpp"
#include "cli/circuit_command.hpp"
#include "cli/eval_command.hpp"
#include "cli/predict_command.hpp"
#include "cli/report.hpp"
#include "cli/reproduce/reproduce.hpp"
#include "cli/train_command.hpp"
#include "core/json.hpp"
#include "core/metrics.hpp"
#include "core/whole_file.hpp"
#include "data/csv_loader.hpp"
#include "run/options/option_table.hpp"

using namespace hqnn;
using namespace hqnn::cli;
using namespace hqnn::testing;
namespace fs = std::filesystem;

namespace {

using Output = CommandOutput;

Output train(const std::vector<std::string>& argv) { return capture_command(train_command, argv); }

Output eval(const std::vector<std::string>& argv) {
  return capture_command([](const auto& a, std::FILE* o, std::FILE* e) { eval_command(a, o, e); }, argv);
}

std::string predict(const std::vector<std::string>& argv) {
  return capture_output([](const auto& a, std::FILE* o) { predict_command(a, o); }, argv);
}

std::string dir() {
  return hqnn::testing::scratch_folder("cli_workflow").string();
}

void write(const std::string& path, const std::string& text) {
  std::ofstream f(path, std::ios::binary);
  f << text;
}

// `text` with every `path` shown as `name` (messages name temporary files).
std::string with_name(std::string text, const std::string& path, const std::string& name) {
  for (size_t at; (at = text.find(path)) != std::string::npos;) text.replace(at, path.size(), name);
  return text;
}

// The parts of a run's JSON that are its results (not its timings), as text:
// equal text is equal bits (17 significant digits, NaN spelt out).
std::string results_of(const std::string& run_json) {
  const Json j = Json::parse(run_json);
  return j.at("curves").dump() + j.at("metrics").dump() + j.at("statistics").dump() + j.at("test_loss").dump() +
         j.at("train_loss").dump() + j.at("scaling").dump() + j.at("divergence").dump();
}

// `argv` for `total` epochs straight, and as `first` epochs checkpointed then
// resumed with --epochs total: the same results, bit for bit.
void expect_continued_run_is_the_straight_run(std::vector<std::string> argv, int first, int total, const std::string& name) {
  const std::string ckpt = dir() + "/" + name + ".ckpt";
  fs::remove(ckpt);
  std::vector<std::string> straight = argv, start = argv;
  straight.insert(straight.end(), {"--epochs", std::to_string(total), "--json", "--quiet"});
  start.insert(start.end(), {"--epochs", std::to_string(first), "--checkpoint", ckpt, "--json", "--quiet"});
  const Output a = train(straight);
  train(start);
  const Output b = train({"--resume", ckpt, "--epochs", std::to_string(total), "--json", "--quiet"});
  EXPECT_EQ(results_of(a.out), results_of(b.out)) << name;
}

}  // namespace

// [SECTION] Resume --------------------------------------------------------------------------------

// Iris, tqfnn, seed 1: `auto` at 30 epochs would choose minmax, at 100 none;
// the resumed run used to continue minmax-trained parameters on raw features.
TEST(CliWorkflow, IrisAutoScaledRunOf30Plus70EpochsIsThe100EpochRun) {
  expect_continued_run_is_the_straight_run({"--model", "tqfnn", "--seed", "1", "--scale", "auto"}, 30, 100, "iris");
}

TEST(CliWorkflow, CsvAutoScaledRunContinuedWithMoreEpochsIsTheLongerRun) {
  expect_continued_run_is_the_straight_run(
      {"--data", std::string(HQNN_ASSETS_DIR) + "/wine.csv", "--model", "qrfnn", "--scale", "auto", "--seed", "2"}, 4,
      10, "wine");
}

TEST(CliWorkflow, ImageRunContinuedWithMoreEpochsIsTheLongerRun) {
  expect_continued_run_is_the_straight_run({"--data", "mnist-subset", "--model", "qrcnn", "--train-per-class", "12",
                                            "--test-per-class", "5", "--batch", "16", "--threads", "1"},
                                           1, 3, "image");
}

// The checkpoint holds what auto chose and the fitted scaler; a changed data file is named.
TEST(CliWorkflow, ACheckpointRecordsTheScalingAndRefusesChangedData) {
  const std::string csv = dir() + "/changing.csv", ckpt = dir() + "/changing.ckpt";
  std::string text = read_whole_file(std::string(HQNN_ASSETS_DIR) + "/wine.csv");
  write(csv, text);
  fs::remove(ckpt);
  train({"--data", csv, "--epochs", "2", "--scale", "minmax", "--checkpoint", ckpt, "--quiet"});
  const CheckpointFile c = read_checkpoint_file(ckpt);
  ASSERT_TRUE(c.scaling.has_value());
  EXPECT_EQ(c.scaling->used, ScalingKind::minmax);
  ASSERT_TRUE(c.scaling->scaler.has_value());
  EXPECT_EQ(c.scaling->scaler->offset.size(), 13);
  write(csv, text.substr(0, text.rfind('\n', text.size() - 2) + 1));  // the last sample dropped: another scaler
  const std::string message = input_error_of([&] { train({"--resume", ckpt, "--epochs", "3", "--quiet"}); });
  expect_catalogued(with_name(message, ckpt, "run.ckpt"),
                    "run.ckpt: the data's feature scaling differs from the checkpoint's (has changing.csv changed "
                    "since?); resume with the data the run started on, or start the run again");
}

// [SECTION] Checkpoint cost and ownership -----------------------------------------------------------

// FILE does not grow with the epochs; FILE.epochs gets one line per epoch.
TEST(CliWorkflow, ACheckpointIsRewrittenAtAConstantSizeAndItsEpochRecordsAreAppended) {
  const std::string a = dir() + "/short.ckpt", b = dir() + "/long.ckpt";
  fs::remove(a);
  fs::remove(b);
  train({"--model", "qrfnn", "--scale", "none", "--epochs", "5", "--checkpoint", a, "--quiet"});
  train({"--model", "qrfnn", "--scale", "none", "--epochs", "60", "--checkpoint", b, "--quiet"});
  const auto size_a = fs::file_size(a), size_b = fs::file_size(b);
  EXPECT_LT(size_b, size_a + size_a / 10) << "the rewritten part must not hold the curves";
  std::ifstream records(epochs_path(b));
  int lines = 0;
  for (std::string line; std::getline(records, line);) ++lines;
  EXPECT_EQ(lines, 60);
  // A record past the checkpoint's epoch (a run stopped between the two writes) is ignored.
  std::ofstream(epochs_path(a), std::ios::app) << read_whole_file(epochs_path(b)).substr(0, 10) << "\n";
  EXPECT_EQ(read_checkpoint_file(a).epoch_records.size(), 5u);
}

TEST(CliWorkflow, ACheckpointOfAnotherRunIsNotOverwrittenUnlessSaid) {
  const std::string ckpt = dir() + "/owned.ckpt";
  fs::remove(ckpt);
  train({"--model", "qrfnn", "--epochs", "2", "--checkpoint", ckpt, "--quiet"});
  const std::string message = input_error_of([&] { train({"--model", "qdfnn", "--epochs", "2", "--checkpoint", ckpt, "--quiet"}); });
  expect_catalogued(with_name(message, ckpt, "run.ckpt"),
                    "--checkpoint run.ckpt holds another run (it differs in --model); continue it with hqnn train "
                    "--resume run.ckpt, choose another file, or give --overwrite-checkpoint to replace it");
  // the same run, started again, and an explicit overwrite are fine
  train({"--model", "qrfnn", "--epochs", "3", "--checkpoint", ckpt, "--quiet"});
  train({"--model", "qdfnn", "--epochs", "2", "--checkpoint", ckpt, "--quiet", "--overwrite-checkpoint"});
  EXPECT_EQ(enum_name(read_checkpoint_file(ckpt).spec.model.kind), std::string("qdfnn"));
  const std::string other = dir() + "/notes.txt";
  write(other, "my notes\n");
  const std::string not_ckpt = input_error_of([&] { train({"--epochs", "1", "--checkpoint", other, "--quiet"}); });
  expect_catalogued(with_name(not_ckpt, other, "notes.txt"),
                    "--checkpoint notes.txt exists and is not a checkpoint of this run; choose another file, or give "
                    "--overwrite-checkpoint to replace it");
  // a checkpoint without all of its epoch records
  const std::string records = epochs_path(ckpt), text = read_whole_file(records);
  write(records, text.substr(0, text.find('\n') + 1));
  expect_catalogued(with_name(input_error_of([&] { read_checkpoint_file(ckpt); }), ckpt, "run.ckpt"),
                    "run.ckpt.epochs: holds 1 epoch record, the checkpoint needs 2 (a checkpoint is two files: copy or "
                    "move both)");
}

// Version 2 checkpoints (one file, no scaling record) still resume.
TEST(CliWorkflow, AVersion2CheckpointStillResumes) {
  const std::string v3 = dir() + "/v3.ckpt", v2 = dir() + "/v2.ckpt";
  fs::remove(v3);
  train({"--model", "qrfnn", "--scale", "none", "--epochs", "3", "--checkpoint", v3, "--quiet"});
  const CheckpointFile c = read_checkpoint_file(v3);
  Json j = Json::object();
  j.set("format", "hqnn-checkpoint");
  j.set("version", 2);
  j.set("spec", run::spec_to_json(c.spec));
  j.set("run", c.run);  // the whole state, curves included
  write(v2, j.dump());
  fs::remove(epochs_path(v2));
  const Output resumed = train({"--resume", v2, "--epochs", "5", "--json", "--quiet"});
  const Output straight = train({"--model", "qrfnn", "--scale", "none", "--epochs", "5", "--json", "--quiet"});
  EXPECT_EQ(results_of(resumed.out), results_of(straight.out));
}

// [SECTION] Predictions and eval ----------------------------------------------------------------

namespace {

// The user's file of the report: ';'-separated, the label first and named 'kind'.
std::string user_csv() {
  const std::string path = dir() + "/user.csv";
  std::istringstream iris(iris_csv_text());
  std::string line, out = "kind;sepal_length;sepal_width;petal_length;petal_width\n";
  std::getline(iris, line);
  while (std::getline(iris, line)) {
    if (line.empty()) continue;
    const size_t last = line.rfind(',');
    std::string features = line.substr(0, last), label = line.substr(last + 1);
    for (char& c : features) c = c == ',' ? ';' : c;
    out += label + ";" + features + "\n";
  }
  write(path, out);
  return path;
}

}  // namespace

TEST(CliWorkflow, PredictGivesEveryRowsClassAndProbabilitiesLabelledOrNot) {
  const std::string csv = user_csv(), model = dir() + "/user.json";
  train({"--data", csv, "--delimiter", ";", "--label", "kind", "--epochs", "5", "--out", model, "--quiet"});
  const std::string unlabelled = dir() + "/new.csv";
  write(unlabelled, "sepal_length,sepal_width,petal_length,petal_width\n5.1,3.5,1.4,0.2\n6.7,3,5.2,2.3\n");
  const std::string rows = predict({"--model", model, "--data", unlabelled});
  EXPECT_EQ(rows.substr(0, rows.find('\n')), "row,predicted,p.setosa,p.versicolor,p.virginica");
  EXPECT_EQ(std::count(rows.begin(), rows.end(), '\n'), 3);
  // with labels: the model's ';' and 'kind' are reused; one row is enough
  const std::string one = dir() + "/one.csv";
  write(one, "kind;sepal_length;sepal_width;petal_length;petal_width\nsetosa;5.1;3.5;1.4;0.2\n");
  const Json j = Json::parse(predict({"--model", model, "--data", one, "--json"}));
  ASSERT_EQ(j.at("rows").size(), 1u);
  EXPECT_EQ(j.at("rows")[0].at("label").as_string(), "setosa");
  double sum = 0;
  for (const Json& p : j.at("rows")[0].at("probabilities").items()) sum += p.as_number();
  EXPECT_NEAR(sum, 1.0, 1e-5);
  // eval takes the one-row, one-class file too (it used to say "classification needs at least two")
  EXPECT_EQ(run_circuit_command({"--model", model, "--data", one}), 0);  // circuit --data too
  const Output e = eval({"--model", model, "--data", one, "--json", "--threads", "1", "--quiet"});
  EXPECT_EQ(Json::parse(e.out).at("samples").as_number(), 1);
  const std::string no_labels = input_error_of([&] { eval({"--model", model, "--data", unlabelled}); });
  expect_catalogued(with_name(no_labels, unlabelled, "new.csv"),
                    "new.csv holds the model's features and no label column; evaluating needs labels (hqnn predict "
                    "classifies unlabelled rows)");
  expect_catalogued(input_error_of([&] { predict({"--model", model}); }),
                    "predict needs --data FILE.csv or an image set (the rows to classify)");
  // the model's label column is not in the file
  const std::string other = dir() + "/other.csv";
  write(other, "a;b;c;d;e\n1;2;3;4;x\n");
  const std::string no_kind = input_error_of([&] { predict({"--model", model, "--data", other}); });
  EXPECT_EQ(with_name(no_kind, other, "data.csv"),
            "data.csv has no label column 'kind' (the model's label column; columns: a, b, c, d, e); name it with "
            "--label NAME|INDEX");
}

TEST(CliWorkflow, EvalFindsTheTrainingDataFromAnyFolderAndWarnsWhenItChanged) {
  const std::string csv = user_csv(), model = dir() + "/remember.json";
  const fs::path here = fs::current_path();
  fs::current_path(dir());
  train({"--data", "user.csv", "--delimiter", ";", "--label", "kind", "--epochs", "5", "--out", "remember.json", "--quiet"});
  fs::current_path(here);
  const Json saved = Json::parse(read_whole_file(model));
  EXPECT_EQ(saved.at("training").at("data_path").as_string(), fs::path(csv).lexically_normal().string());
  const Output same = eval({"--model", model, "--json"});
  EXPECT_TRUE(same.err.empty()) << same.err;
  EXPECT_EQ(Json::parse(same.out).at("train_accuracy").dump(), saved.at("training").at("train_accuracy").dump());
  // the file changes: a warning with both accuracies
  std::string text = read_whole_file(csv);
  write(csv, text.substr(0, text.rfind('\n', text.size() - 2) + 1));
  const Output changed = eval({"--model", model});
  EXPECT_NE(changed.err.find("has changed since the model was trained"), std::string::npos) << changed.err;
  EXPECT_NE(changed.err.find("at training"), std::string::npos);
  EXPECT_NE(changed.out.find("CHANGED since"), std::string::npos);
  EXPECT_TRUE(eval({"--model", model, "--quiet"}).err.empty());
  // gone: the message names the recorded path
  fs::remove(csv);
  const std::string gone = input_error_of([&] { eval({"--model", model}); });
  expect_listed(with_name(with_name(gone, model, "m.json"), csv, "/home/me/data.csv")
                    .replace(std::string("m.json was trained on ").size(), 8, "data.csv"));
}

// Model files from before data_path / data_hash still load and evaluate
// without --data: a CSV model whose training section lacks the new keys.
TEST(CliWorkflow, OldModelFilesWithoutTheDataRecordStillEvaluate) {
  const std::string csv = user_csv(), model = dir() + "/old.json";
  train({"--data", csv, "--delimiter", ";", "--label", "kind", "--epochs", "3", "--out", model, "--quiet"});
  Json j = Json::parse(read_whole_file(model));
  Json training = Json::object();
  for (const auto& [key, value] : j.at("training").members())
    if (key != "data_path" && key != "data_hash") training.set(key, value);
  j.set("training", training);
  write(model, j.dump());
  const Json back = Json::parse(eval({"--model", model, "--json"}).out);
  EXPECT_EQ(back.at("train_accuracy").dump(), training.at("train_accuracy").dump());
  EXPECT_FALSE(back.at("data_changed").as_bool());
}

// [SECTION] Options mean one thing ------------------------------------------------------------------

TEST(CliWorkflow, AttackOptionsNeedAnAttackAndFitTheRun) {
  expect_catalogued(input_error_of([] { train({"--attack-magnitude", "0.1"}); }),
                    "--attack-magnitude needs --attack-form inside|outside (it sets a parameter attack)");
  expect_catalogued(input_error_of([] { train({"--attack-form", "1", "--attack-epoch", "5", "--epochs", "2"}); }),
                    "the attack would start after epoch 5, but the run has 2 epochs; give an attack epoch below the epochs");
  expect_catalogued(input_error_of([] { train({"--attack-form", "1", "--attack-layers", "3"}); }),
                    "the attack's 3 random layers are more than the model's L = 2; attack at most 2 layers");
  // a link with attack keys but no attack, likewise
  EXPECT_EQ(run::parse_link("#attack_m=0.5").errors.size(), 1u);
}

TEST(CliWorkflow, MisspeltDataAndModelNamesGetASuggestion) {
  expect_catalogued(input_error_of([] { train({"--data", "fashion"}); }),
                    "--data fashion: no data set or file of that name; did you mean fashion-mnist? (data sets: iris, "
                    "fashion-mnist, fashion-mnist-subset, mnist, mnist-subset, cifar10:DIR, cifar100:DIR, or a CSV "
                    "file's path)");
  EXPECT_NE(input_error_of([] { train({"--data", "Iris"}); }).find("did you mean iris?"), std::string::npos);
  EXPECT_NE(input_error_of([] { train({"--data", "cifar10"}); }).find("did you mean cifar10:DIR?"), std::string::npos);
  EXPECT_NE(input_error_of([] { train({"--model", "qdfn"}); }).find("; did you mean qdfnn?"), std::string::npos);
  expect_catalogued(input_error_of([] { train({"--model", "qdcnn"}); }),
                    "qdcnn is a convolutional model: it needs image data (e.g. mnist-subset), and iris is tabular data; "
                    "for tabular data choose a model without convolutions (the --model list in hqnn train --help)");
}

// [SECTION] The codec: a range before a conversion -----------------------------------------------

TEST(CliWorkflow, NumbersOutOfTheTargetTypesRangeAreRefusedBeforeConversion) {
  // Bad for every numeric option; 2^31 is bad for the int ones (seeds go to 2^53).
  const std::vector<std::string> bad = {"1e99", "-1e99", "9223372036854775808", "-9223372036854775808", "nan", "NaN",
                                        "inf", "-inf", "0x10", "", " 5", "1e400"};
  for (const char* option : {"epochs", "batch", "layers", "width", "seed", "lr", "lambda-init", "attack-epoch",
                             "train-per-class"}) {
    std::vector<std::string> values = bad;
    if (std::string(option) != "seed") values.push_back("2147483648");
    for (const std::string& v : values) {
      std::vector<std::string> argv = {std::string("--") + option, v};
      if (std::string(option) == "attack-epoch") argv.insert(argv.begin(), {"--attack-form", "1"});
      if (std::string(option) == "train-per-class") argv.insert(argv.begin(), {"--data", "mnist-subset"});
      const std::string m = input_error_of([&] { run::parse_command_line(argv, run::kTrain, {}); });
      // the range message, or (a double the core checks itself) the core's
      const bool range = m.rfind(std::string("--") + option + ": expected a", 0) == 0;
      EXPECT_TRUE(range || m.find("must be") != std::string::npos) << option << " " << v << ": " << m;
    }
  }
  for (const std::string& v : bad) {  // a link
    const run::ParsedLink link = run::parse_link("#epochs=" + v + "&seed=" + v);
    EXPECT_EQ(link.errors.size(), 2u) << v;
  }
  for (const char* json : {R"({"epochs": 1e99})", R"({"epochs": -1e99})", R"({"seed": 1e300})", R"({"lr": 1e99})",
                           R"({"batch": 2147483648})", R"({"seed": 9223372036854775808})", R"({"epochs": 3000000000})"}) {
    const std::string m = input_error_of([&] { run::spec_from_json(Json::parse(json), "spec"); });
    EXPECT_NE(m.find(": expected a"), std::string::npos) << json << ": " << m;
  }
  expect_catalogued(input_error_of([] { train({"--epochs", "1e99"}); }),
                    "--epochs: expected a whole number in [1, 1000000], got '1e99'");
  expect_catalogued(input_error_of([] { train({"--epochs", "0x10"}); }),
                    "--epochs: expected a whole number in [1, 1000000], got '0x10'");
}

TEST(CliWorkflow, AnEmptyLinkAndDuplicateColumnNamesAreRefused) {
  expect_catalogued(input_error_of([] { train({"--link", ""}); }),
                    "--link is empty: give the playground's address or its '#...' part, e.g. --link "
                    "'#data=iris&model=qrfnn' (without --link, hqnn train runs the default run)");
  EXPECT_EQ(input_error_of([] { train({"--link", "http://127.0.0.1:8080/#"}); }).rfind("--link is empty", 0), 0u);
  expect_catalogued(input_error_of([] { parse_csv("a,b,a,label\n1,2,3,x\n4,5,6,y\n", "data.csv"); }),
                    "data.csv line 1: columns 1 and 3 are both named 'a'; give each column its own name");
}

TEST(CliWorkflow, ALinksViewKeysAreNamedAsLeftOut) {
  const Output o = train({"--link", "#data=iris&model=qrfnn&epochs=1&lesson=2&fx=1"});
  EXPECT_NE(o.err.find("note: --link: lesson, fx only change what the playground shows"), std::string::npos) << o.err;
}

// [SECTION] Output details --------------------------------------------------------------------------

TEST(CliWorkflow, NumbersAndCountsReadWell) {
  EXPECT_EQ(fixed(std::nan("")), "nan");
  EXPECT_EQ(fixed(-std::nan("")), "nan");
  EXPECT_EQ(fixed(-INFINITY), "-inf");
  EXPECT_EQ(fixed(3126698884059889.5), "3.1267e+15");
  EXPECT_EQ(fixed(0.12345), "0.1235");
  EXPECT_EQ(count_of(1, "epoch", "epochs"), "1 epoch");
  const Output o = train({"--epochs", "1"});
  EXPECT_NE(o.out.find(", 1 epoch, "), std::string::npos);
  EXPECT_EQ(o.out.find("1 epochs"), std::string::npos);
}

// A file holding 2 of the model's 3 classes: the macro averages are over those 2.
TEST(CliWorkflow, MacroAveragesCountOnlyTheClassesPresent) {
  Matrix p(2, 3);
  p << 0.8, 0.1, 0.1,  //
      0.1, 0.8, 0.1;
  const ClassificationReport r = classification_report({0, 1}, p, 3);
  EXPECT_EQ(r.macro_precision, 1.0);
  EXPECT_EQ(r.macro_recall, 1.0);
  EXPECT_EQ(r.macro_f1, 1.0);
}

TEST(CliWorkflow, HelpSaysWhatTheProgramDoes) {
  const std::string help = train_help();
  EXPECT_NE(help.find("--epochs (more) and --threads may be given"), std::string::npos);
  EXPECT_NE(help.find("--overwrite-checkpoint"), std::string::npos);
  const std::string e = eval_help();
  EXPECT_NE(e.find("--threads"), std::string::npos);
  EXPECT_NE(e.find("--quiet"), std::string::npos);
  EXPECT_NE(predict_help().find("--data"), std::string::npos);
}

TEST(CliWorkflow, ReproduceNamesItsFoldersInItsMessages) {
  const fs::path here = fs::current_path();
  fs::current_path(dir());
  write("data.csv", "a,b\n");
  const std::string through_file = input_error_of([] { cmd_reproduce({"--tiny", "--out", "data.csv/rep", "--quiet"}); });
  const std::string no_dir = input_error_of([] { cmd_reproduce({"--merge", "nosuchdir", "--out", "m", "--quiet"}); });
  fs::create_directories("reports");
  const std::string not_shard = input_error_of([] { cmd_reproduce({"--merge", "reports", "--out", "m", "--quiet"}); });
  fs::current_path(here);
  expect_catalogued(through_file,
                    "--out data.csv/rep: cannot create the report's folder there (Not a directory; is a part of the path "
                    "a file?); give a folder to write the report into");
  expect_catalogued(no_dir, "--merge nosuchdir: no such folder (name the --out folders the shards wrote)");
  expect_catalogued(not_shard,
                    "--merge reports: not a shard's folder (it has no shard.json; name the --out folder of a hqnn "
                    "reproduce --shard I/N run)");
}

// --data mnist without the full set installed runs on the committed subset, and says so.
TEST(CliWorkflow, ARunOnTheSubsetInsteadOfTheFullSetSaysSo) {
  const std::string empty = dir() + "/no_data";
  fs::create_directories(empty);
  const char* before = std::getenv("HQNN_DATA_DIR");
  const std::string saved = before ? before : "";
  setenv("HQNN_DATA_DIR", empty.c_str(), 1);
  const std::vector<std::string> argv = {"--data", "mnist", "--model", "cnn-leaky", "--train-per-class", "4",
                                         "--test-per-class", "2", "--epochs", "1", "--quiet"};
  const Output table = train(argv);
  std::vector<std::string> json_argv = argv;
  json_argv.push_back("--json");
  const Json j = Json::parse(train(json_argv).out);
  if (before) setenv("HQNN_DATA_DIR", saved.c_str(), 1); else unsetenv("HQNN_DATA_DIR");
  EXPECT_NE(table.out.find("the full mnist is not installed: this run used the committed mnist-subset"), std::string::npos)
      << table.out;
  EXPECT_NE(j.at("data_note").as_string().find("scripts/setup.sh installs the full set"), std::string::npos);
}

// Per image: the predicted class and probabilities of each image of the test split, with its label.
TEST(CliWorkflow, PredictGivesEveryImagesClass) {
  const std::string model = dir() + "/digits.json";
  train({"--data", "mnist-subset", "--model", "cnn-leaky", "--train-per-class", "4", "--test-per-class", "2", "--epochs",
         "1", "--out", model, "--quiet"});
  const Json j = Json::parse(predict({"--model", model, "--data", "mnist-subset", "--test-per-class", "2", "--json"}));
  ASSERT_EQ(j.at("rows").size(), 8u);  // 4 classes x 2 images
  EXPECT_EQ(j.at("classes").size(), 4u);
  EXPECT_EQ(j.at("rows")[0].at("probabilities").size(), 4u);
  EXPECT_NE(j.at("rows")[7].get("label"), nullptr);
}
