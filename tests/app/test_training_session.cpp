#include "training_session.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <thread>

#include "../bad_input_catalogue.hpp"
#include "data/csv_loader.hpp"
#include "data/image_datasets.hpp"
#include "run/options/option_table.hpp"
#include "session_commands.hpp"

namespace hqnn::app {

static Command reset_command(const PlaygroundSettings& settings) {
  Command c;
  c.kind = Command::Kind::reset;
  c.settings = settings;
  return c;
}

TEST(TrainingSession, StepEpochPublishesViews) {
  TrainingSession session(false);
  session.post(reset_command(PlaygroundSettings{}));
  session.post(command_of(Command::Kind::step_epoch));
  session.pump(1000);
  const auto s = session.snapshot();
  ASSERT_TRUE(s->error.empty()) << s->error;
  ASSERT_EQ(s->history.size(), 1u);
  EXPECT_EQ(s->train_size + s->test_size, 150);
  EXPECT_TRUE(s->hybrid);
  EXPECT_EQ(s->sample.states.size(), 3u);  // ψ0, ψ1, ψ2
  EXPECT_EQ(s->sample.probabilities.size(), 3u);
  EXPECT_EQ(s->angles.size(), 2u);
  EXPECT_EQ(s->angles[0].size(), 5u);      // 2n-3 gates for n = 4
  EXPECT_EQ(s->lambdas.size(), 2u);
  ASSERT_TRUE(s->boundary);
  EXPECT_EQ(s->boundary->probabilities.size(), size_t(s->boundary->resolution * s->boundary->resolution * 3));
  EXPECT_EQ(s->boundary->point_x.size(), 150u);
  EXPECT_EQ(s->confusion.size(), 3u);
}

TEST(TrainingSession, ThreadedAutoplayReachesTargetAccuracy) {
  TrainingSession session(true);
  PlaygroundSettings settings;
  settings.autoplay = true;
  session.post(reset_command(settings));
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  std::shared_ptr<const Snapshot> s;
  do {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    s = session.snapshot();
  } while (!(s->done && !s->playing) && std::chrono::steady_clock::now() < deadline);
  ASSERT_TRUE(s->error.empty()) << s->error;
  EXPECT_EQ(static_cast<int>(s->history.size()), settings.run.train.epochs);
  EXPECT_GE(s->history.back().test_accuracy, 0.9);
  EXPECT_GT(s->target_epoch, 0);
}

TEST(TrainingSession, SameSeedSameRunInBothModes) {
  PlaygroundSettings settings;
  settings.run.train.epochs = 5;
  settings.autoplay = true;
  TrainingSession single(false), threaded(true);
  single.post(reset_command(settings));
  threaded.post(reset_command(settings));
  for (int i = 0; i < 100 && !single.snapshot()->done; ++i) single.pump(100);
  std::shared_ptr<const Snapshot> t;
  for (int i = 0; i < 1000; ++i) {
    t = threaded.snapshot();
    if (t->done && !t->playing) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  const auto s = single.snapshot();
  ASSERT_EQ(s->history.size(), 5u);
  ASSERT_EQ(t->history.size(), 5u);
  EXPECT_EQ(s->history.back().test_loss, t->history.back().test_loss);
}

// Regression: the viewer's passes (sample, boundary, confusion) used to draw
// from a transient attack's generator, so a run depended on how often the UI
// refreshed and a link did not replay it.
TEST(TrainingSession, ViewsDoNotChangeATransientAttackRun) {
  PlaygroundSettings settings;
  settings.run.train.epochs = 3;
  settings.run.attack = run::default_attack();
  settings.run.attack->seed = settings.run.seed();
  settings.run.attack->mode = AttackMode::transient;
  settings.run.attack->form = AttackForm::outside;
  settings.run.attack->magnitude = 0.05;
  const auto run = [&](bool look_often) {
    TrainingSession session(false);
    session.post(reset_command(settings));
    for (int e = 0; e < settings.run.train.epochs; ++e) {
      session.post(command_of(Command::Kind::step_epoch));
      for (int i = 0; i < 1000 && static_cast<int>(session.snapshot()->history.size()) <= e; ++i) {
        session.pump(1);
        if (look_often) {
          Command view = command_of(Command::Kind::view, settings);
          view.settings.sample = i % 7;
          session.post(view);
          session.pump(0);
        }
      }
    }
    return session.snapshot();
  };
  const auto quiet = run(false), watched = run(true);
  ASSERT_EQ(quiet->history.size(), 3u);
  ASSERT_EQ(watched->history.size(), 3u);
  for (size_t e = 0; e < 3; ++e) {
    EXPECT_EQ(quiet->history[e].train_loss, watched->history[e].train_loss) << "epoch " << e + 1;
    EXPECT_EQ(quiet->history[e].test_loss, watched->history[e].test_loss) << "epoch " << e + 1;
  }
}

TEST(TrainingSession, UnusableDataIsReportedNotThrown) {
  TrainingSession session(false);
  Command c = reset_command(PlaygroundSettings{});
  c.settings.run.data.name = "nan.csv";
  auto with_nan = std::make_shared<Dataset>();
  with_nan->name = "nan.csv";
  with_nan->features = Matrix::Constant(4, 2, 1);
  with_nan->features(2, 1) = std::nanf("");
  with_nan->labels = {0, 1, 0, 1};
  with_nan->class_names = {"a", "b"};
  with_nan->feature_names = {"f0", "f1"};
  c.data = with_nan;
  session.post(c);
  session.pump(10);
  EXPECT_FALSE(session.snapshot()->error.empty());
}

TEST(TrainingSession, ExportThenImportKeepsTheModel) {
  TrainingSession session(false);
  session.post(reset_command(PlaygroundSettings{}));
  session.post(command_of(Command::Kind::step_epoch));
  session.pump(1000);
  session.post(command_of(Command::Kind::export_model));
  session.pump(0);
  const auto exported = session.snapshot();
  ASSERT_FALSE(exported->model_json.empty());
  PlaygroundSettings other;
  run::set_seed(other.run, 99);
  session.post(reset_command(other));
  Command import;
  import.kind = Command::Kind::import_model;
  import.text = exported->model_json;
  session.post(import);
  session.pump(10);
  const auto s = session.snapshot();
  EXPECT_NE(s->message.find("imported"), std::string::npos) << s->message;
  EXPECT_EQ(s->sample.probabilities, exported->sample.probabilities);
  // The file records its run (the CLI's writer); on the same data the import takes it, seeds and split
  // included, with the scaling that scale=auto chose in place of auto.
  EXPECT_EQ(s->import_serial, 1u);
  EXPECT_EQ(run::run_differences(s->settings.run, exported->settings.run), std::vector<std::string>{"scale"});
  EXPECT_EQ(enum_name(s->settings.run.data.scaling), exported->scaling);
  EXPECT_EQ(s->settings.run.data.split_seed, 1u);
}

TEST(TrainingSession, ImageModelShowsImageEncodingAndStates) {
  PlaygroundSettings settings = default_settings(run::DataKind::image);
  settings.run.data.downsample = 2;
  settings.run.train.epochs = 1;
  ImageDatasetOptions options;
  options.downsample = 2;
  Command reset = reset_command(settings);
  reset.images = std::make_shared<ImageData>(load_image_dataset("fashion-mnist-subset", options));
  TrainingSession session(false);
  session.post(std::move(reset));
  session.post(command_of(Command::Kind::step_epoch));
  session.pump(60000);
  const auto s = session.snapshot();
  ASSERT_TRUE(s->error.empty()) << s->error;
  ASSERT_EQ(s->history.size(), 1u);
  EXPECT_EQ(s->train_size, 1000);
  EXPECT_EQ(s->test_size, 400);
  EXPECT_EQ(s->sample.image.height, 14);
  EXPECT_EQ(s->sample.features.size(), 196u);
  EXPECT_EQ(s->sample.encoded.size(), 64u);         // Linear(-> n) output, n = 64 (D9)
  EXPECT_EQ(s->sample.states.size(), 3u);           // ψ0, ψ1, ψ2
  EXPECT_FALSE(s->boundary);                        // no decision boundary for images
  EXPECT_EQ(s->confusion.size(), 4u);
  EXPECT_GT(s->history.back().test_accuracy, 0.5);  // 4 classes: chance is 0.25
}

// The playground's training threads borrow the program's shared pool
// (main.cpp). An image model's batches of 64 are 4 chunks, so the pool's
// threads share each step, and the epoch is the one-thread epoch bit for bit.
TEST(TrainingSession, ThreadedSessionOnTheSharedPoolTrainsTheSameImageRun) {
  start_shared_thread_pool(2);
  PlaygroundSettings settings = default_settings(run::DataKind::image);
  settings.run.data.downsample = 2;
  settings.run.train.epochs = 1;
  ImageDatasetOptions options;
  options.downsample = 2;
  const auto images = std::make_shared<ImageData>(load_image_dataset("fashion-mnist-subset", options));
  Command reset = reset_command(settings);
  reset.images = images;
  Command reset_one_thread = reset;
  reset_one_thread.settings.run.train.threads = 1;
  TrainingSession single(false), threaded(true);
  single.post(reset_one_thread);
  single.post(command_of(Command::Kind::step_epoch));
  single.pump(60000);
  threaded.post(reset);
  threaded.post(command_of(Command::Kind::step_epoch));
  std::shared_ptr<const Snapshot> t;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
  do {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    t = threaded.snapshot();
  } while (t->history.empty() && std::chrono::steady_clock::now() < deadline);
  const auto s = single.snapshot();
  ASSERT_TRUE(t->error.empty()) << t->error;
  ASSERT_EQ(s->history.size(), 1u);
  ASSERT_EQ(t->history.size(), 1u);
  EXPECT_EQ(s->history[0].train_loss, t->history[0].train_loss);
  EXPECT_EQ(s->history[0].test_loss, t->history[0].test_loss);
  EXPECT_EQ(s->history[0].grad_norm_mean, t->history[0].grad_norm_mean);
  EXPECT_EQ(s->angles, t->angles);
  EXPECT_GT(s->history[0].test_accuracy, 0.5);  // it learned: equal curves are not equal by accident
}

TEST(TrainingSession, DatasetNoiseMovesSamples) {
  PlaygroundSettings settings;
  settings.run.noise = run::default_noise(run::DataKind::tabular);
  settings.run.noise->magnitude = 0.5;
  TrainingSession session(false);
  session.post(reset_command(settings));
  session.pump(0);
  const auto s = session.snapshot();
  ASSERT_TRUE(s->error.empty()) << s->error;
  EXPECT_GT(s->noisy_values, 0);
  ASSERT_TRUE(s->boundary);
  ASSERT_EQ(s->boundary->clean_x.size(), s->boundary->point_x.size());
  int moved = 0;
  for (size_t i = 0; i < s->boundary->point_x.size(); ++i)
    moved += s->boundary->point_x[i] != s->boundary->clean_x[i] || s->boundary->point_y[i] != s->boundary->clean_y[i];
  EXPECT_GT(moved, 0);
}

// Form ② (outside) makes the gates non-orthogonal; form ① keeps them rotations.
TEST(TrainingSession, AttackShowsInTheGates) {
  for (AttackForm form : {AttackForm::inside, AttackForm::outside}) {
    PlaygroundSettings settings;
    settings.run.train.epochs = 2;
    settings.run.attack = run::default_attack();
    settings.run.attack->seed = settings.run.seed();
    settings.run.attack->form = form;
    settings.run.attack->magnitude = 0.05;
    settings.run.attack_epoch = 1;
    TrainingSession session(false);
    session.post(reset_command(settings));
    session.post(command_of(Command::Kind::step_epoch));
    session.pump(60000);
    EXPECT_FALSE(session.snapshot()->attack.active);  // from epoch 1 on
    session.post(command_of(Command::Kind::step_epoch));
    session.pump(60000);
    const auto s = session.snapshot();
    ASSERT_TRUE(s->error.empty()) << s->error;
    EXPECT_TRUE(s->attack.active);
    EXPECT_EQ(s->attack.layers.size(), 1u);
    if (form == AttackForm::outside)
      EXPECT_GT(s->attack.max_orthogonality_error, 1e-3);
    else
      EXPECT_LT(s->attack.max_orthogonality_error, 1e-5);
  }
}

}  // namespace hqnn::app

// [SECTION] What the playground can show (docs/bad-inputs.md, playground rows)

namespace hqnn::app {

static std::string reset_error(const PlaygroundSettings& settings, std::shared_ptr<const Dataset> data = nullptr) {
  TrainingSession session(false);
  Command c = reset_command(settings);
  c.data = std::move(data);
  session.post(c);
  session.pump(10);
  return session.snapshot()->error;
}

TEST(PlaygroundLimits, WidthBeyondWhatThePlaygroundShowsIsRefused) {
  PlaygroundSettings settings;
  settings.run.model.width = kPlaygroundMaxWidth + 1;
  testing::expect_catalogued(reset_error(settings),
                             "width n = 4097 is more than the playground shows (at most 4096); choose a smaller n "
                             "(the CLI trains any width: hqnn train --width 4097)");
  // The widest state the playground shows builds and publishes its views; one layer, since the check is the
  // width (the default L at n = 4096 takes 6 s natively and a minute under AddressSanitizer).
  settings.run.model.width = kPlaygroundMaxWidth;
  settings.run.model.layers = 1;
  EXPECT_EQ(reset_error(settings), "");
}

// A link is a run the CLI can train (width up to the option table's limit), so
// the link reads without error and the playground says why it does not show it.
TEST(PlaygroundLimits, LinkWithAWidthBeyondThePlaygroundIsRefusedWithTheCommandThatTrainsIt) {
  const ParsedHash parsed = parse_hash("#model=qdfnn&width=5000");
  ASSERT_TRUE(parsed.errors.empty()) << parsed.errors[0];
  EXPECT_EQ(parsed.settings.run.model.width, 5000);
  const std::string message = reset_error(parsed.settings);
  EXPECT_EQ(message,
            "width n = 5000 is more than the playground shows (at most 4096); choose a smaller n "
            "(the CLI trains any width: hqnn train --width 5000)");
}

// The link's one error is `message`, word for word, and docs/bad-inputs.md lists it.
static PlaygroundSettings expect_one_catalogued_link_error(const std::string& link, const std::string& message) {
  const ParsedHash parsed = parse_hash(link);
  EXPECT_EQ(parsed.errors, std::vector<std::string>{message});
  testing::expect_listed(message);
  return parsed.settings;
}

TEST(PlaygroundLimits, LinkToAnImageSetThePageDoesNotShipIsReportedAndShowsIris) {
  const PlaygroundSettings s = expect_one_catalogued_link_error(
      "#data=cifar10:/data/cifar&model=qdcnn&seed=5&play=1",
      "data: the playground shows iris, fashion-mnist-subset, mnist-subset or your CSV, not cifar10:/data/cifar "
      "(the CLI trains on it: hqnn train --data cifar10:/data/cifar)");
  EXPECT_EQ(s.dataset(), "iris");
  EXPECT_TRUE(s.autoplay);
}

TEST(PlaygroundLimits, LinkToAFullImageSetShowsItsSubsetAndSaysSo) {
  const PlaygroundSettings s = expect_one_catalogued_link_error(
      "#data=fashion-mnist&epochs=3",
      "data: the playground has the committed fashion-mnist-subset only (hqnn train --data fashion-mnist trains "
      "on the full set); showing the subset");
  EXPECT_EQ(s.dataset(), "fashion-mnist-subset");
  EXPECT_EQ(s.run.train.epochs, 3);
}

TEST(PlaygroundLimits, RunOnACsvThePageHasNotLoadedIsRefused) {
  PlaygroundSettings settings;
  settings.run.data.name = "their.csv";
  testing::expect_catalogued(reset_error(settings),
                             "their.csv is a CSV file the playground does not have: load it with \"Open CSV\"");
}

TEST(PlaygroundLimits, MoreClassesThanThePlaygroundShowsAreRefused) {
  std::string csv = "x,y,label\n";
  for (int c = 0; c < kPlaygroundMaxClasses + 1; ++c)
    for (int i = 0; i < 4; ++i) csv += std::to_string(c) + "," + std::to_string(i) + ",c" + std::to_string(c) + "\n";
  auto data = std::make_shared<Dataset>(parse_csv(csv, "many.csv"));
  ASSERT_EQ(data->class_count(), 33);
  PlaygroundSettings settings;
  settings.run.data.name = "many.csv";
  testing::expect_catalogued(reset_error(settings, data),
                             "many.csv has 33 classes; the playground shows at most 32 (is the right column the label? "
                             "the CLI trains any number of classes: hqnn train --data FILE)");
}

// The CLI refuses it with the same words (CliCommands.ATestFractionThatLeavesNoTestSamplesIsRefused).
TEST(PlaygroundLimits, ATestFractionThatLeavesNoTestSamplesIsRefused) {
  auto data = std::make_shared<Dataset>(parse_csv("x,y,label\n1,2,a\n2,1,a\n5,6,b\n6,5,b\n", "tiny.csv"));
  PlaygroundSettings settings;
  settings.run.data.name = "tiny.csv";
  settings.run.data.scaling = ScalingKind::none;
  settings.run.data.test_fraction = 0.1;
  testing::expect_catalogued(reset_error(settings, data),
                             "tiny.csv: a test fraction of 0.1 leaves no test samples (4 samples); choose a test "
                             "fraction from 0.25 to 0.74");
  settings.run.data.test_fraction = 0.25;
  EXPECT_EQ(reset_error(settings, data), "");
}

}  // namespace hqnn::app
