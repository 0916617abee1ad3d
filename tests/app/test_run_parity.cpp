// Parity: a playground link and the command line train the same run, bit for bit.
//
// Each case starts from a playground link. The playground side reads it as the
// page does (parse_hash), is given the data the page has (iris built in, the
// CSV's text through the page's reader, the committed image subset files) and
// is driven as the UI drives it: "step epoch", then "play", in slices of a
// fraction of a millisecond (many slices per epoch), with view commands in
// between. The CLI side trains the same link through `hqnn train` (the CLI's
// own command: its parser, its data loading from disk, its run to the end, its
// JSON), once as the "Copy as command" line and once as `hqnn train --link`
// with the address bar's hash.
//
// Compared per epoch, exactly (JSON writes NaN and infinity as null, so any
// non-finite value equals any other): train and test loss and
// accuracy, and the mean and max gradient norm of every parameter block; and
// where the run diverged.
//
// Cases: iris QDFNN; a CSV (semicolons, a named label column, min-max
// scaling); an image subset with a conv hybrid (few epochs, small per-class
// counts); dataset noise with standardisation; a transient attack; a
// persistent form-② attack switched on at epoch 2; a run that diverges.
#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <string>
#include <thread>

#include "cli/train_command.hpp"
#include "copy_command.hpp"
#include "core/json.hpp"
#include "data/csv_loader.hpp"
#include "data/image_datasets.hpp"
#include "data/image_set.hpp"
#include "run/options/option_table.hpp"
#include "session_commands.hpp"
#include "training_session.hpp"
#include "url_state.hpp"
#include "../scratch_dir.hpp"

namespace hqnn::app {
namespace {

// [SECTION] The two sides ---------------------------------------------------------------------

struct Curves {
  std::vector<EpochRecord> history;
  std::vector<std::string> blocks;
  int diverged_epoch = -1;
  std::string diverged_block;
};

std::string read_all(std::FILE* f) {
  std::string text;
  std::rewind(f);
  char buf[4096];
  for (size_t n; (n = std::fread(buf, 1, sizeof buf, f)) > 0;) text.append(buf, n);
  return text;
}

double number_or_nan(const Json& v) { return v.is_null() ? std::nan("") : v.as_number(); }

std::vector<double> numbers(const Json& array) {
  std::vector<double> out;
  for (const Json& v : array.items()) out.push_back(number_or_nan(v));
  return out;
}

// `hqnn train ARGS --json --quiet`; the curves and the divergence read from its output.
Curves train_with_hqnn(std::vector<std::string> args) {
  args.push_back("--json");
  args.push_back("--quiet");
  std::FILE* out = std::tmpfile();
  std::FILE* err = std::tmpfile();
  const int code = cli::train_command(args, out, err);
  const std::string text = read_all(out), errors = read_all(err);
  std::fclose(out);
  std::fclose(err);
  EXPECT_EQ(code, 0) << errors;
  const Json run = Json::parse(text, "hqnn train --json");
  const Json& curves = run.at("curves");
  const std::vector<double> train_loss = numbers(curves.at("train_loss")), test_loss = numbers(curves.at("test_loss"));
  const std::vector<double> train_acc = numbers(curves.at("train_accuracy")), test_acc = numbers(curves.at("test_accuracy"));
  Curves c;
  for (size_t e = 0; e < train_loss.size(); ++e) {
    EpochRecord r;
    r.epoch = static_cast<int>(e) + 1;
    r.train_loss = train_loss[e], r.test_loss = test_loss[e];
    r.train_accuracy = train_acc[e], r.test_accuracy = test_acc[e];
    c.history.push_back(r);
  }
  for (const auto& [block, norms] : curves.at("grad_norm").members()) {
    c.blocks.push_back(block);
    const std::vector<double> mean = numbers(norms.at("mean")), max = numbers(norms.at("max"));
    for (size_t e = 0; e < c.history.size(); ++e) {
      c.history[e].grad_norm_mean.push_back(mean.at(e));
      c.history[e].grad_norm_max.push_back(max.at(e));
    }
  }
  const Json& divergence = run.at("divergence");
  if (divergence.at("diverged").as_bool()) {
    c.diverged_epoch = static_cast<int>(divergence.at("epoch").as_number());
    const Json& block = divergence.at("block");
    c.diverged_block = block.is_null() ? "" : block.as_string();
  }
  return c;
}

// The data the page would hand to the session for this link.
Command page_reset(const PlaygroundSettings& settings) {
  Command c;
  c.kind = Command::Kind::reset;
  c.settings = settings;
  const run::DataSpec& data = settings.run.data;
  if (settings.image()) {
    c.images = std::make_shared<const ImageData>(
        playground_image_data(read_image_set(image_subset_path(data.name, true)),
                              read_image_set(image_subset_path(data.name, false)), data));
  } else if (data.name != "iris") {  // the user's CSV, as App::load_csv_text reads the chosen file
    std::ifstream in(data.name, std::ios::binary);
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    CsvOptions csv;
    csv.label_column = data.label_column;
    csv.delimiter = data.delimiter;
    auto dataset = std::make_shared<Dataset>(parse_csv(text, data.name, csv));
    dataset->name = data.name;
    c.data = std::move(dataset);
  }
  return c;
}

// The playground: one epoch by "step epoch", the rest by "play", in slices.
Curves train_in_the_playground(const PlaygroundSettings& settings) {
  TrainingSession session(false);
  session.post(page_reset(settings));
  session.post(command_of(Command::Kind::step_epoch));
  std::shared_ptr<const Snapshot> s;
  for (int slice = 0; slice < 2000000; ++slice) {
    session.pump(0.2);
    s = session.snapshot();
    if (!s->error.empty()) break;
    if (s->history.size() == 1 && !s->playing) session.post(command_of(Command::Kind::play));
    if (slice % 5 == 0) {  // the UI looks at another sample now and then
      Command view = command_of(Command::Kind::view, settings);
      view.settings.sample = slice % 11;
      session.post(view);
    }
    if (s->done && !s->playing) break;
  }
  session.pump(0);
  s = session.snapshot();
  EXPECT_EQ(s->error, "");
  Curves c;
  c.history = s->history;
  c.blocks = s->param_names;
  c.diverged_epoch = s->attack.diverged_epoch;
  c.diverged_block = s->attack.diverged_block;
  return c;
}

// [SECTION] Comparison ------------------------------------------------------------------------

bool same_value(double a, double b) { return a == b || (!std::isfinite(a) && !std::isfinite(b)); }

void expect_identical_curves(const Curves& cli, const Curves& app, int epochs) {
  ASSERT_EQ(static_cast<int>(cli.history.size()), epochs);
  ASSERT_EQ(app.history.size(), cli.history.size());
  ASSERT_EQ(app.blocks, cli.blocks);
  for (size_t e = 0; e < cli.history.size(); ++e) {
    const EpochRecord &c = cli.history[e], &a = app.history[e];
    const std::string at = "epoch " + std::to_string(e + 1);
    EXPECT_TRUE(same_value(a.train_loss, c.train_loss)) << at << ": train loss " << a.train_loss << " vs " << c.train_loss;
    EXPECT_TRUE(same_value(a.test_loss, c.test_loss)) << at << ": test loss " << a.test_loss << " vs " << c.test_loss;
    EXPECT_TRUE(same_value(a.train_accuracy, c.train_accuracy)) << at << ": train accuracy";
    EXPECT_TRUE(same_value(a.test_accuracy, c.test_accuracy)) << at << ": test accuracy";
    ASSERT_EQ(a.grad_norm_mean.size(), cli.blocks.size());
    ASSERT_EQ(c.grad_norm_mean.size(), cli.blocks.size());
    for (size_t b = 0; b < cli.blocks.size(); ++b) {
      EXPECT_TRUE(same_value(a.grad_norm_mean[b], c.grad_norm_mean[b])) << at << ": mean gradient norm of " << cli.blocks[b];
      EXPECT_TRUE(same_value(a.grad_norm_max[b], c.grad_norm_max[b])) << at << ": max gradient norm of " << cli.blocks[b];
    }
  }
  EXPECT_EQ(app.diverged_epoch, cli.diverged_epoch);
  EXPECT_EQ(app.diverged_block, cli.diverged_block);
}

// Reads the link as the page does and trains it three ways: in the playground,
// with the "Copy as command" line, and with hqnn train --link '<the address bar's hash>'.
Curves expect_parity(const std::string& link) {
  const ParsedHash parsed = parse_hash(link);
  EXPECT_TRUE(parsed.errors.empty()) << link << ": " << (parsed.errors.empty() ? "" : parsed.errors[0]);
  const int epochs = parsed.settings.run.train.epochs;
  const Curves app = train_in_the_playground(parsed.settings);
  const Curves command = train_with_hqnn(run::to_command_line(parsed.settings.run));
  const Curves linked = train_with_hqnn({"--link", to_hash(parsed.settings)});
  {
    SCOPED_TRACE(train_command_line(parsed.settings.run));
    expect_identical_curves(command, app, epochs);
  }
  {
    SCOPED_TRACE("hqnn train --link '" + to_hash(parsed.settings) + "'");
    expect_identical_curves(linked, app, epochs);
  }
  return command;
}

// A CSV with features on different scales (cm, kg, a count), semicolons and
// the label in the middle: 3 classes of 40 samples.
std::string write_test_csv() {
  const std::string path = hqnn::testing::scratch_file("parity_blobs.csv");
  std::ofstream out(path);
  out << "length;kind;weight;count\n";
  for (int i = 0; i < 120; ++i) {
    const int c = i % 3;
    const double wobble = std::sin(i * 1.7), other = std::cos(i * 0.9);
    out << 1.0 + 0.5 * c + 0.3 * wobble << ";" << "abc"[c] << ";" << 60.0 + 15.0 * c + 8.0 * other << ";"
        << 1000 + 400 * ((c + i) % 3) + 37 * (i % 5) << "\n";
  }
  return path;
}

}  // namespace

// [SECTION] Cases -----------------------------------------------------------------------------

TEST(RunParity, IrisQdfnn) { expect_parity("#data=iris&model=qdfnn&epochs=6&seed=3"); }

TEST(RunParity, CsvWithSemicolonsANamedLabelAndMinMaxScaling) {
  const std::string csv = write_test_csv();
  expect_parity("#data=" + csv + "&delim=;&label=kind&scale=minmax&model=qrfnn&epochs=5&seed=2&test=0.25");
}

TEST(RunParity, ImageSubsetWithAConvolutionalHybrid) {
  expect_parity("#data=mnist-subset&model=qdcnn&ds=2&train_pc=24&test_pc=8&width=16&conv=4,8&epochs=2&batch=16");
}

TEST(RunParity, DatasetNoiseWithStandardisation) {
  expect_parity("#data=iris&model=qrfnn&scale=standard&noise=gaussian-sym&noise_m=0.3&noise_f=0.5&epochs=5&seed=4");
}

TEST(RunParity, TransientAttack) {
  expect_parity("#data=iris&model=qdfnn&attack=outside&attack_noise=gaussian-sym&attack_m=0.05"
                "&attack_mode=transient&epochs=5&seed=5");
}

TEST(RunParity, PersistentFormTwoAttackFromEpochTwo) {
  expect_parity("#data=iris&model=qdfnn&L=3&attack=outside&attack_noise=mixed-asym&attack_m=0.02"
                "&attack_mode=persistent&attack_k=2&attack_epoch=2&epochs=5&seed=6");
}

TEST(RunParity, ADivergingRunDivergesAtTheSameStepAndBlock) {
  const Curves cli = expect_parity("#data=iris&model=mlp-leaky&opt=sgd&lr=10&epochs=4&attack=outside"
                                   "&attack_noise=gaussian-asym&attack_m=1000000&attack_mode=persistent");
  EXPECT_GT(cli.diverged_epoch, 0) << "the case is meant to diverge";
}

}  // namespace hqnn::app
