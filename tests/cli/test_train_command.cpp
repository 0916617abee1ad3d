// hqnn train and hqnn eval as a new user meets them: a CSV model evaluated
// without --data, --json with progress, outputs checked before training,
// feature names checked, --link, column labels, and each refusal in
// docs/bad-inputs.md.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "../bad_input_catalogue.hpp"
#include "../scratch_dir.hpp"
#include "command_capture.hpp"
#include "cli/checkpoint.hpp"
#include "cli/eval_command.hpp"
#include "cli/report.hpp"
#include "cli/train_command.hpp"
#include "core/model_io.hpp"
#include "core/whole_file.hpp"
#include "run/options/option_table.hpp"
#include "run/run_writers.hpp"

using namespace hqnn;
using namespace hqnn::cli;
using namespace hqnn::testing;
namespace fs = std::filesystem;

namespace {

using Output = CommandOutput;

Output train(const std::vector<std::string>& argv) { return capture_command(train_command, argv); }

std::string eval(const std::vector<std::string>& argv) {
  return capture_output([](const auto& a, std::FILE* o) { eval_command(a, o); }, argv);
}

std::string temp_dir() {
  return hqnn::testing::scratch_folder("cli_commands").string();
}

}  // namespace

TEST(CliCommands, ACsvModelIsEvaluatedWithoutDataOnItsTrainingSplitWithTrainingsNumbers) {
  // wine with ';' between columns: --delimiter, standard scaling, and the
  // command train --out prints afterwards.
  const std::string dir = temp_dir(), csv = dir + "/wine_semicolon.csv", model = dir + "/wine.json";
  std::string text = read_whole_file(std::string(HQNN_ASSETS_DIR) + "/wine.csv");
  std::replace(text.begin(), text.end(), ',', ';');
  write_whole_file(csv, text);
  const Output t = train({"--data", csv, "--delimiter", ";", "--scale", "standard", "--epochs", "20", "--seed", "4",
                          "--test-fraction", "0.25", "--out", model, "--json", "--quiet"});
  const Json trained = Json::parse(t.out);
  const Json evaluated = Json::parse(eval({"--model", model, "--json"}));
  EXPECT_EQ(evaluated.at("train_accuracy").as_number(), trained.at("train_accuracy").as_number());
  EXPECT_EQ(evaluated.at("test_accuracy").as_number(), trained.at("test_accuracy").as_number());
  EXPECT_EQ(evaluated.at("test_samples").as_number(), trained.at("test_samples").as_number());
  EXPECT_EQ(evaluated.at("scaling").as_string(), "standard");
  // The model file records every option of the run.
  ModelInfo info;
  load_model(model, &info);
  const run::RunSpec spec = run::spec_of_model(info, model);
  EXPECT_EQ(spec.data.test_fraction, 0.25);
  EXPECT_EQ(spec.data.delimiter, ';');
  EXPECT_EQ(spec.data.scaling, ScalingKind::standard);
  EXPECT_EQ(spec.seed(), 4u);
}

TEST(CliCommands, JsonKeepsProgressOnStderrAndNamesTheScaling) {
  const Output t = train({"--epochs", "10", "--scale", "minmax", "--json"});
  EXPECT_NE(t.err.find("training qdfnn"), std::string::npos) << t.err;
  EXPECT_NE(t.err.find("epoch   10/10"), std::string::npos) << t.err;
  const Json j = Json::parse(t.out);
  EXPECT_EQ(j.at("scaling").as_string(), "minmax");
  EXPECT_EQ(j.at("spec").at("scaling").as_string(), "minmax");
  EXPECT_EQ(j.at("spec").at("test_fraction").as_number(), 0.3);
}

TEST(CliCommands, UnwritableOutputsAreRefusedBeforeTheFirstEpoch) {
  for (const char* option : {"--out", "--checkpoint"}) {
    std::FILE *out = std::tmpfile(), *err = std::tmpfile();
    const std::string m = input_error_of([&] { train_command({option, "/no/such/folder/m.json"}, out, err); });
    EXPECT_EQ(captured_text(err), "") << "nothing was trained";
    std::fclose(out);
    expect_catalogued(m, std::string(option) +
                             " /no/such/folder/m.json: cannot write there (does the folder exist, and may you "
                             "write to it?)");
  }
  expect_catalogued(input_error_of([] { check_writable(temp_dir(), "--out"); }).replace(6, temp_dir().size(), "DIR"),
                    "--out DIR: is a directory; give a file name");
  EXPECT_FALSE(fs::exists(temp_dir() + "/fresh.json"));
  check_writable(temp_dir() + "/fresh.json", "--out");
  EXPECT_FALSE(fs::exists(temp_dir() + "/fresh.json")) << "the check leaves no file behind";
}

TEST(CliCommands, ACsvWhoseColumnsAreNotTheModelsFeaturesIsRefused) {
  expect_catalogued(input_error_of([] { check_feature_names({"a", "b", "c"}, {"b", "a", "c"}, "data.csv"); }),
                    "data.csv has the model's features in another order: feature 1 is 'b', the model expects 'a' "
                    "(the model's features: a, b, c)");
  expect_catalogued(input_error_of([] { check_feature_names({"a", "b", "c"}, {"a", "b", "x"}, "data.csv"); }),
                    "data.csv has no feature column 'c' (the model's features: a, b, c)");
  expect_catalogued(input_error_of([] { check_feature_names({"a", "b", "c"}, {"a", "b"}, "data.csv"); }),
                    "data.csv has 2 features, the model expects 3 (the model's features: a, b, c)");
  EXPECT_EQ(input_error_of([] { check_feature_names({"a", "b"}, {"a", "b"}, "data.csv"); }), "(accepted)");
}

TEST(CliCommands, AModelWithoutItsRunNeedsData) {
  ModelInfo info;
  info.training = Json::object();
  expect_catalogued(input_error_of([&] { run::spec_of_model(info, "m.json"); }),
                    "m.json does not record the data it was trained on (written by an older hqnn); give the data "
                    "with --data NAME");
}

TEST(CliCommands, MistakesOnTheCommandLineAreAnswered) {
  expect_catalogued(input_error_of([] { train({"--epoch", "3"}); }),
                    "unknown option --epoch; did you mean --epochs? (see hqnn train --help)");
  expect_catalogued(input_error_of([] { eval({"--model", "m.json", "--test-fraction", "0.2"}); }),
                    "--test-fraction is not an option of hqnn eval (see hqnn eval --help)");
  expect_catalogued(input_error_of([] { train({"--scale", "zscore"}); }),
                    "--scale: expected none, standard, minmax or auto, got 'zscore'");
  expect_catalogued(input_error_of([] { train({"--loss", "softmax"}); }), "--loss: expected stable or naive, got 'softmax'");
  expect_catalogued(input_error_of([] { train({"--attack-form", "1", "--attack-scale", "rms"}); }),
                    "--attack-scale: expected absolute or relative, got 'rms'");
  expect_catalogued(input_error_of([] { train({"--optimizer", "adam", "--momentum", "0.5"}); }),
                    "--momentum applies to --optimizer sgd only");
  expect_catalogued(input_error_of([] { train({"--link", "#data=iris&colour=red"}); }),
                    "--link: unknown setting 'colour'");
  expect_catalogued(input_error_of([] { train({"--link", "#data=iris&lambda_train=0"}); }),
                    "--link: lambda_train: an old key; use fixed_lambda=1 for lambda_train=0 (trained lambdas are the "
                    "default)");
  expect_catalogued(input_error_of([] { train({"--link", "#data=iris", "--resume", "run.ckpt"}); }),
                    "give either --resume FILE or --link URL, not both");
  const std::string model = temp_dir() + "/one_epoch.json";
  train({"--epochs", "1", "--out", model, "--quiet"});
  expect_catalogued(input_error_of([&] { eval({"--model", model, "--on", "train"}); }),
                    "--on applies with --data only; without it both splits are evaluated");
  expect_catalogued(input_error_of([] { train({"--data", "fashion-mnist-subset", "--test-fraction", "0.2"}); }),
                    "--test-fraction applies to tabular data only (iris or a CSV); image sets come with their own "
                    "train/test split");
}

// The playground refuses it with the same words (PlaygroundLimits.ATestFractionThatLeavesNoTestSamplesIsRefused).
TEST(CliCommands, ATestFractionThatLeavesNoTestSamplesIsRefused) {
  const std::string csv = temp_dir() + "/tiny.csv";
  write_whole_file(csv, "x,y,label\n1,2,a\n2,1,a\n5,6,b\n6,5,b\n");
  std::FILE *out = std::tmpfile(), *err = std::tmpfile();
  const std::string m = input_error_of([&] {
    train_command({"--data", csv, "--test-fraction", "0.1", "--scale", "none", "--epochs", "1"}, out, err);
  });
  EXPECT_EQ(captured_text(err), "") << "nothing was trained";
  std::fclose(out);
  expect_catalogued(m, "tiny.csv: a test fraction of 0.1 leaves no test samples (4 samples); choose a test fraction "
                       "from 0.25 to 0.74");
  EXPECT_EQ(Json::parse(train({"--data", csv, "--test-fraction", "0.25", "--scale", "none", "--epochs", "1", "--json",
                               "--quiet"}).out).at("test_samples").as_number(), 2);
}

TEST(CliCommands, ALinkRunsTheLinksRunAndFlagsOverrideSingleOptions) {
  // View keys (the plot's features, play, the live map's sweep) leave the run unchanged.
  const std::string link = "http://127.0.0.1:8080/#data=iris&model=qrfnn&epochs=5&seed=3&scale=minmax&fx=0&play=1"
                           "&map=1&map_hybrid=qdfnn&map_lo=0.01&map_hi=1&map_points=3";
  const Json by_link = Json::parse(train({"--link", link, "--json", "--quiet"}).out);
  const Json by_flags =
      Json::parse(train({"--model", "qrfnn", "--epochs", "5", "--seed", "3", "--scale", "minmax", "--json", "--quiet"}).out);
  EXPECT_EQ(by_link.at("curves").dump(), by_flags.at("curves").dump());
  const Json longer = Json::parse(train({"--link", link, "--epochs", "7", "--json", "--quiet"}).out);
  EXPECT_EQ(longer.at("curves").at("epoch").size(), 7u);
  EXPECT_EQ(longer.at("spec").at("model").as_string(), "qrfnn");
}

TEST(CliCommands, TheConfusionMatrixNamesItsColumns) {
  ClassificationReport r = classification_report({0, 1, 1}, Matrix::Identity(3, 2), 2);
  const std::string table = report_table(r, {"cat", "hippopotamus"});
  EXPECT_NE(table.find("                cat hippopotamus\n"), std::string::npos) << table;
  EXPECT_NE(table.find("  hippopotamus             1            1\n"), std::string::npos) << table;
}

TEST(CliCommands, CheckpointsOfTheFormerFormatAreRefused) {
  const std::string path = temp_dir() + "/run.ckpt";
  write_whole_file(path, "{\"format\": \"hqnn-checkpoint\", \"version\": 1, \"args\": [], \"run\": {}}");
  expect_catalogued(input_error_of([&] { read_checkpoint_file(path); }).substr(temp_dir().size() + 1),
                    "run.ckpt: checkpoint version 1 is not supported (this hqnn reads versions 2 and 3; start the run again)");
}
