#include <gtest/gtest.h>

#include "frame_pacer.hpp"

namespace hqnn::app {

// Callbacks every 16 ms; after a drawn frame the next one comes `frame_ms` later.
static int frames_drawn(FramePacer& pacer, double& now, double frame_ms, bool training, int callbacks) {
  int drawn = 0;
  for (int i = 0; i < callbacks; ++i) {
    const bool draw = pacer.should_draw(now, training);
    drawn += draw;
    now += draw ? frame_ms : 16;
  }
  return drawn;
}

TEST(FramePacer, FastDrawingDrawsEveryFrameWhileTraining) {
  FramePacer pacer;
  double now = 0;
  EXPECT_EQ(frames_drawn(pacer, now, 17, true, 100), 100);
  EXPECT_FALSE(pacer.slow());
}

TEST(FramePacer, SlowDrawingWhileTrainingDrawsFourFramesASecond) {
  FramePacer pacer;
  double now = 0;
  frames_drawn(pacer, now, 70, true, 10);  // learns that drawing is slow
  ASSERT_TRUE(pacer.slow());
  const double start = now;
  const int drawn = frames_drawn(pacer, now, 70, true, 400);
  const double fps = drawn / ((now - start) / 1000);
  EXPECT_GT(fps, 3.0);
  EXPECT_LE(fps, 4.0);
}

TEST(FramePacer, SlowDrawingWithoutTrainingOrAfterInputDrawsEveryFrame) {
  FramePacer pacer;
  double now = 0;
  frames_drawn(pacer, now, 70, true, 10);
  ASSERT_TRUE(pacer.slow());
  EXPECT_EQ(frames_drawn(pacer, now, 70, false, 20), 20);  // paused: the page is the user's
  pacer.input(now);
  EXPECT_EQ(frames_drawn(pacer, now, 70, true, 5), 5);     // 5 x 70 ms < kInputHoldMs after the event
}

TEST(FramePacer, DrawingThatBecomesFastAgainDrawsEveryFrame) {
  FramePacer pacer;
  double now = 0;
  frames_drawn(pacer, now, 70, true, 10);
  ASSERT_TRUE(pacer.slow());
  frames_drawn(pacer, now, 5, true, 400);
  EXPECT_FALSE(pacer.slow());
  EXPECT_EQ(frames_drawn(pacer, now, 5, true, 50), 50);
}

TEST(FramePacer, AHiddenTabsGapIsNotASlowFrame) {
  FramePacer pacer;
  double now = 0;
  frames_drawn(pacer, now, 17, true, 10);
  now += 30000;  // the tab was hidden for 30 s
  frames_drawn(pacer, now, 17, true, 10);
  EXPECT_FALSE(pacer.slow());
  EXPECT_LT(pacer.frame_ms(), 20);
}

}  // namespace hqnn::app
