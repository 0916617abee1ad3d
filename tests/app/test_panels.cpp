// The whole playground drawn headless (Dear ImGui without a renderer) through
// real runs that diverge, go non-finite or are as wide as the playground
// allows. Every frame must finish without an ImGui assertion, with finite
// vertex positions, and with each draw list small enough for 16-bit indices
// (WebGL2 has no base-vertex draws, so a list holds at most 65,536 vertices).
#include <gtest/gtest.h>

#include <cmath>
#include <set>
#include <string>

#include "app.hpp"
#include "copy_command.hpp"
#include "imgui.h"
#include "lessons.hpp"
#include "palette.hpp"
#include "platform.hpp"
#include "run/options/option_table.hpp"

namespace hqnn::app {
namespace {

struct FrameStats {
  long max_list_vertices = 0;
  long non_finite_vertices = 0;
  std::string first_non_finite_window;  // where the first one was drawn
};

class HeadlessPlayground {
 public:
  explicit HeadlessPlayground(const std::string& hash) {
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = ImVec2(kWidth, kHeight);
    io.DeltaTime = 1.0f / 60;
    unsigned char* pixels = nullptr;
    int w = 0, h = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);  // builds the font atlas; nothing is uploaded
    platform::init({"--hash", hash, "--single-threaded"});
    app = std::make_unique<App>();
  }
  ~HeadlessPlayground() {
    app.reset();
    ImGui::DestroyContext();
  }

  // One frame, with the mouse at a different place each time so that tooltips
  // (amplitudes, gates) are drawn too. Accumulates vertex statistics.
  void frame() {
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = ImVec2(std::fmod(37.0f * frames_, kWidth), std::fmod(23.0f * frames_ + 11.0f, kHeight));
    ++frames_;
    ImGui::NewFrame();
    app->frame(kWidth, kHeight);
    ImGui::Render();
    const ImDrawData* data = ImGui::GetDrawData();
    for (int l = 0; l < data->CmdListsCount; ++l) {
      const ImDrawList* list = data->CmdLists[l];
      stats.max_list_vertices = std::max<long>(stats.max_list_vertices, list->VtxBuffer.Size);
      for (const ImDrawVert& v : list->VtxBuffer)
        if (!std::isfinite(v.pos.x) || !std::isfinite(v.pos.y)) {
          if (stats.non_finite_vertices++ == 0) stats.first_non_finite_window = list->_OwnerName ? list->_OwnerName : "?";
        }
    }
  }

  // Frames until `done` holds for the latest snapshot (at most max_frames).
  template <class Done>
  bool run_until(Done done, int max_frames = 20000) {
    for (int i = 0; i < max_frames; ++i) {
      frame();
      if (done(*app->snap)) return true;
    }
    return false;
  }

  static constexpr float kWidth = 1600, kHeight = 1000;
  std::unique_ptr<App> app;
  FrameStats stats;

 private:
  int frames_ = 0;
};

bool any_non_finite(const std::vector<std::vector<Real>>& rows) {
  for (const auto& r : rows)
    for (Real v : r)
      if (!std::isfinite(v)) return true;
  return false;
}

void expect_clean_frames(const FrameStats& s) {
  EXPECT_EQ(s.non_finite_vertices, 0) << "first in window " << s.first_non_finite_window;
  EXPECT_LT(s.max_list_vertices, 65536);
}

TEST(Panels, DivergedClassicalRunDrawsFiniteAndStaysUsable) {
  // SGD at lr 10 under a persistent form-2 attack of magnitude 1e6 drives the MLP's loss to NaN.
  HeadlessPlayground p("#data=iris&model=mlp-leaky&opt=sgd&lr=10&epochs=6&attack=outside&attack_noise=gaussian-asym"
                       "&attack_m=1000000&attack_mode=persistent&attack_k=1&play=1");
  ASSERT_TRUE(p.run_until([](const Snapshot& s) { return s.done && !s.history.empty(); }));
  const Snapshot& s = *p.app->snap;
  ASSERT_TRUE(s.error.empty()) << s.error;
  EXPECT_GE(s.attack.diverged_epoch, 0) << "the attack was meant to drive the run to NaN";
  EXPECT_EQ(static_cast<int>(s.history.size()), 6) << "a diverged run still completes its epochs";
  for (int i = 0; i < 30; ++i) p.frame();
  expect_clean_frames(p.stats);

  // Still usable: a reset without the attack, at a sane learning rate, trains normally.
  p.app->settings.run.attack.reset();
  p.app->settings.run.train.optimizer = OptimizerOptions{};
  p.app->reset();
  ASSERT_TRUE(p.run_until([](const Snapshot& s) { return s.done && s.history.size() == 6; }));
  EXPECT_LT(p.app->snap->attack.diverged_epoch, 0);
  EXPECT_TRUE(std::isfinite(p.app->snap->history.back().test_loss));
}

TEST(Panels, NonFiniteQuantumStateDrawsFinite) {
  // Form 2 makes the gates non-orthogonal; at magnitude 1e6, persistent, the
  // amplitudes overflow to infinity and NaN within an epoch.
  HeadlessPlayground p("#data=iris&model=qdfnn&L=3&epochs=3&attack=outside&attack_noise=gaussian-asym"
                       "&attack_m=1000000&attack_mode=persistent&attack_k=3&play=1");
  p.frame();
  ASSERT_TRUE(p.run_until([](const Snapshot& s) { return s.done && !s.history.empty(); }));
  for (int i = 0; i < 30; ++i) p.frame();
  const Snapshot& s = *p.app->snap;
  ASSERT_TRUE(s.error.empty()) << s.error;
  EXPECT_TRUE(any_non_finite(s.sample.states)) << "the attack was meant to make the state non-finite";
  expect_clean_frames(p.stats);
}

TEST(Panels, ArenaUnderAttackDrawsFinite) {
  HeadlessPlayground p("#data=iris&model=qrfnn&opt=sgd&lr=10&epochs=4&attack=outside&attack_noise=mixed-asym"
                       "&attack_m=1000000&attack_mode=persistent&attack_k=1&arena=1&arena_model=mlp-leaky&play=1");
  ASSERT_TRUE(p.run_until([&](const Snapshot& s) {
    return s.done && p.app->arena_snap && p.app->arena_snap->done && !p.app->arena_snap->history.empty();
  }));
  for (int i = 0; i < 30; ++i) p.frame();
  EXPECT_GE(p.app->arena_snap->attack.diverged_epoch, 0);
  expect_clean_frames(p.stats);
}

TEST(Panels, WidestStateThePlaygroundAllowsFitsTheDrawLists) {
  // n = 4096: 4,096 amplitudes per state and 8,189 gates per V circuit.
  HeadlessPlayground p("#data=iris&model=qdfnn&L=2&width=" + std::to_string(kPlaygroundMaxWidth) +
                       "&epochs=1&play=1");
  ASSERT_TRUE(p.run_until([](const Snapshot& s) { return s.done && !s.history.empty(); }));
  const Snapshot& s = *p.app->snap;
  ASSERT_TRUE(s.error.empty()) << s.error;
  ASSERT_EQ(s.width, kPlaygroundMaxWidth);
  p.app->viewer.heat_strips = true;
  for (int i = 0; i < 10; ++i) p.frame();
  expect_clean_frames(p.stats);
  // The qubit view of a 4096-amplitude layer: 12 wires and 24,521 gates, of which only the visible are drawn.
  p.app->viewer.qubit_view = true;
  p.app->viewer.qubit_layer = 1;
  for (int i = 0; i < 10; ++i) p.frame();
  expect_clean_frames(p.stats);
  EXPECT_EQ(p.app->viewer.qubit_cache.circuit.compiled.qubits, 12);
  EXPECT_EQ(p.app->viewer.qubit_cache.circuit.layer, 1);
  EXPECT_EQ(p.app->viewer.qubit_cache.cost_width, 0) << "a million-gate lowering waits for the button";
}

TEST(Panels, LessonPanelAndQubitViewDrawFiniteAndCountTheLayer) {
  HeadlessPlayground p("#lesson=4");
  ASSERT_EQ(p.app->lesson, 4);
  EXPECT_TRUE(p.app->viewer.qubit_view) << "lesson 4 opens the qubit view";
  ASSERT_TRUE(p.run_until([](const Snapshot& s) { return s.done && !s.history.empty(); }));
  for (int i = 0; i < 60; ++i) p.frame();
  const Snapshot& s = *p.app->snap;
  ASSERT_TRUE(s.error.empty()) << s.error;
  ASSERT_EQ(s.width, 8);
  EXPECT_EQ(p.app->viewer.qubit_cache.cost_width, 8);
  EXPECT_EQ(p.app->viewer.qubit_cache.cost.stats.cnots, 64) << "docs/reproduction.md: n = 8 costs 64 CNOTs per layer";
  EXPECT_EQ(p.app->viewer.qubit_cache.angles, s.angles[p.app->viewer.qubit_layer]) << "the view follows the trained angles";
  EXPECT_NE(layer_openqasm(s, 0).find("qreg q[3];"), std::string::npos) << "what Copy OpenQASM copies";
  expect_clean_frames(p.stats);

  p.app->open_lesson(5);  // Next
  EXPECT_EQ(p.app->lesson, 5);
  EXPECT_FALSE(p.app->viewer.qubit_view);
  ASSERT_TRUE(p.run_until([](const Snapshot& s) { return s.done && s.settings.run.noise.has_value(); }));
  for (int i = 0; i < 20; ++i) p.frame();
  EXPECT_GT(p.app->snap->noisy_values, 0) << "lesson 5 is the noisy run";
  expect_clean_frames(p.stats);
}

TEST(Panels, EveryLessonStartsItsRunWithoutErrors) {
  for (size_t i = 1; i <= lessons().size(); ++i) {
    HeadlessPlayground p("#lesson=" + std::to_string(i));
    ASSERT_TRUE(p.run_until([](const Snapshot& s) { return s.history.size() >= 2 || !s.error.empty(); }, 5000)) << i;
    EXPECT_TRUE(p.app->snap->error.empty()) << "lesson " << i << ": " << p.app->snap->error;
    EXPECT_TRUE(p.app->notices.hash_errors.empty()) << "lesson " << i << ": " << p.app->notices.hash_errors;
    for (int f = 0; f < 10; ++f) p.frame();
    expect_clean_frames(p.stats);
  }
}

TEST(Panels, WidthBeyondThePlaygroundIsRefusedWithAMessage) {
  HeadlessPlayground p("#data=iris&model=qdfnn&width=" + std::to_string(kPlaygroundMaxWidth) + "&play=1");
  p.app->settings.run.model.width = kPlaygroundMaxWidth + 1;  // a run the CLI trains, beyond what the playground shows
  p.app->reset();
  ASSERT_TRUE(p.run_until([](const Snapshot& s) { return !s.error.empty(); }, 100));
  EXPECT_NE(p.app->snap->error.find("more than the playground shows"), std::string::npos) << p.app->snap->error;
  for (int i = 0; i < 5; ++i) p.frame();  // the error is drawn, nothing else breaks
  expect_clean_frames(p.stats);
}

TEST(Panels, CopyAsCommandPutsTheCliLineOfTheRunOnTheClipboard) {
  HeadlessPlayground p("#data=iris&model=qrfnn&epochs=12&seed=4&noise=uniform-sym&noise_m=0.2");
  p.frame();
  p.app->copy_command();
  p.frame();
  const std::string expected = train_command_line(p.app->settings.run);
  EXPECT_EQ(expected.rfind("hqnn train --data=iris --model=qrfnn --epochs=12 --seed=4 --noise=uniform-sym "
                           "--noise-magnitude=0.2", 0), 0u) << expected;
  EXPECT_EQ(p.app->notices.command_line, expected);
  EXPECT_EQ(std::string(ImGui::GetClipboardText()), expected);
  expect_clean_frames(p.stats);
}

// The live map through a sweep whose classical runs diverge: its plot (NaN
// crosses, chance line, hover readout) draws finite, and the link carries it.
TEST(Panels, RobustnessMapSweepsFromItsLinkAndDrawsFiniteThroughNaN) {
  HeadlessPlayground p("#data=iris&opt=sgd&lr=10&epochs=3&map=1&map_lo=0.1&map_hi=1000000&map_points=3");
  ASSERT_TRUE(p.app->live_map.sweep) << p.app->live_map.error;
  EXPECT_TRUE(p.app->live_map.running) << "a map link starts its sweep";
  for (int i = 0; i < 20000 && !p.app->live_map.sweep->done(); ++i) p.frame();
  ASSERT_TRUE(p.app->live_map.sweep->done());
  EXPECT_EQ(p.app->live_map.sweep->error(), "");
  EXPECT_EQ(p.app->live_map.sweep->points().size(), 6u);
  bool any_diverged = false;
  for (const SweepPoint& point : p.app->live_map.sweep->points()) any_diverged |= point.diverged;
  EXPECT_TRUE(any_diverged) << "the case is meant to diverge at m = 1e6";
  for (int i = 0; i < 200; ++i) p.frame();  // the mouse sweeps the panel: tooltips too
  expect_clean_frames(p.stats);
  const std::string hash = platform::read_hash();
  EXPECT_NE(hash.find("map=1"), std::string::npos) << hash;
  EXPECT_NE(hash.find("map_hi=1000000"), std::string::npos) << hash;

  // Closing the map drops the sweep and its keys; the main run is untouched.
  p.app->settings.map = false;
  p.app->update_map();
  EXPECT_FALSE(p.app->live_map.sweep);
  EXPECT_EQ(platform::read_hash().find("map"), std::string::npos) << platform::read_hash();
}

// One colour per meaning: the two models and the two curves are four colours,
// and every colour has its own name.
TEST(Palette, EveryMeaningHasItsOwnColourAndName) {
  ImGui::CreateContext();
  const std::set<ImU32> series = {colour(Colour::hybrid), colour(Colour::classical), colour(Colour::train),
                                  colour(Colour::test)};
  EXPECT_EQ(series.size(), 4u);
  std::set<std::string> names;
  for (int c = 0; c < static_cast<int>(Colour::count); ++c) names.insert(colour_name(static_cast<Colour>(c)));
  EXPECT_EQ(names.size(), static_cast<size_t>(Colour::count));
  EXPECT_EQ(colour(Colour::error, 0.5f) >> IM_COL32_A_SHIFT, 128u) << "alpha multiplies the table's";
  ImGui::DestroyContext();
}

// The status reads the run in the run record's keys: the spec as spec_to_json
// writes it, the last epoch's record, and noise and attack as the run JSON has
// them (not the lab's drafts, while they are on).
TEST(Panels, StatusShowsTheRunInTheRunRecordsKeys) {
  HeadlessPlayground p("#data=iris&model=qdfnn&epochs=3&seed=2&noise=gaussian-sym&noise_m=0.1&attack=outside"
                       "&attack_m=0.05&play=1");
  ASSERT_TRUE(p.run_until([](const Snapshot& s) { return s.done || !s.error.empty(); }, 3000));
  const Snapshot& s = *p.app->snap;
  ASSERT_EQ(s.error, "");
  const Json j = run_status(s, p.app->drafts);
  EXPECT_EQ(j.at("spec").dump(), run::spec_to_json(s.settings.run).dump());
  EXPECT_EQ(j.at("spec").at("model").as_string(), "qdfnn");
  EXPECT_EQ(j.at("epoch").as_number(), 3);
  EXPECT_EQ(j.at("test_accuracy").as_number(), s.history.back().test_accuracy);
  EXPECT_EQ(j.at("train_loss").as_number(), s.history.back().train_loss);
  EXPECT_EQ(j.at("noise").at("kind").as_string(), "gaussian-sym");
  EXPECT_TRUE(j.at("noise").at("enabled").as_bool());
  EXPECT_GT(j.at("noise").at("noisy_values").as_number(), 0);
  EXPECT_EQ(j.at("attack").at("form").as_string(), "outside");
  EXPECT_NEAR(j.at("attack").at("magnitude").as_number(), 0.05, 1e-7);
  EXPECT_TRUE(j.at("attack").at("active").as_bool());
  EXPECT_EQ(j.at("attack").at("layers").size(), s.attack.layers.size());
  EXPECT_GT(j.at("attack").at("max_orthogonality_error").as_number(), 1e-3) << "form (2) leaves rotations";
}

}  // namespace
}  // namespace hqnn::app
