#include "training_session.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <thread>

#include "data/csv_loader.hpp"

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
  session.post(Command{Command::Kind::step_epoch, {}, nullptr, {}});
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
  EXPECT_EQ(s->boundary.probabilities.size(), size_t(s->boundary.resolution * s->boundary.resolution * 3));
  EXPECT_EQ(s->boundary.point_x.size(), 150u);
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
  EXPECT_EQ(static_cast<int>(s->history.size()), settings.train.epochs);
  EXPECT_GE(s->history.back().test_accuracy, 0.9);
  EXPECT_GT(s->target_epoch, 0);
}

TEST(TrainingSession, SameSeedSameRunInBothModes) {
  PlaygroundSettings settings;
  settings.train.epochs = 5;
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

TEST(TrainingSession, UnusableDataIsReportedNotThrown) {
  TrainingSession session(false);
  Command c = reset_command(PlaygroundSettings{});
  c.settings.dataset = "csv";
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
  session.post(Command{Command::Kind::step_epoch, {}, nullptr, {}});
  session.pump(1000);
  session.post(Command{Command::Kind::export_model, {}, nullptr, {}});
  session.pump(0);
  const auto exported = session.snapshot();
  ASSERT_FALSE(exported->model_json.empty());
  PlaygroundSettings other;
  other.set_seed(99);
  session.post(reset_command(other));
  Command import;
  import.kind = Command::Kind::import_model;
  import.text = exported->model_json;
  session.post(import);
  session.pump(10);
  const auto s = session.snapshot();
  EXPECT_NE(s->message.find("imported"), std::string::npos) << s->message;
  EXPECT_EQ(s->sample.probabilities, exported->sample.probabilities);
}

}  // namespace hqnn::app
