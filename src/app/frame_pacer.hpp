// Fewer frames while a run trains on threads of its own and drawing is slow.
//
// In the threaded page training runs on two threads while the main thread
// draws. Where the page draws in software (no GPU: headless browsers, some
// virtual machines) a frame costs tens of milliseconds of a core, and on two
// cores the drawing took the training threads' time: the threaded page trained
// at 0.32-0.34x native one-thread speed drawing 12 frames per second, and at
// 0.51x drawing 4 (FashionMNIST subset, QDCNN; README, Speed). The pacer
// draws every frame while the user acts and whenever drawing is fast; only
// when drawn frames are slow to come back, training plays, and nobody has
// touched the page for a moment, it draws kSlowTrainingFps frames a second.
//
// Drawing is slow when the time from a drawn frame's animation-frame callback
// to the next callback (building the frame, submitting it to WebGL, which
// waits for a software renderer, and presenting it) averages over
// kSlowFrameMs: a page drawn by a GPU keeps up with the display's refresh.
#pragma once

namespace hqnn::app {

class FramePacer {
 public:
  static constexpr double kSlowFrameMs = 40;       // a drawn frame's time that counts as slow drawing
  static constexpr double kSlowTrainingFps = 4;    // frames per second while training on slow drawing
  static constexpr double kInputHoldMs = 500;      // every frame for this long after an input event
  static constexpr double kHiddenGapMs = 1000;     // a longer gap between frames is not a frame's time

  // At an animation-frame callback at time now_ms: draw this frame? `training`:
  // a run plays on threads of its own (not the single-threaded build, whose
  // frames are its training slices).
  bool should_draw(double now_ms, bool training);
  void input(double now_ms) { last_input_ms_ = now_ms; }  // a mouse, key or resize event
  bool slow() const { return frame_ms_ > kSlowFrameMs; }
  double frame_ms() const { return frame_ms_; }            // the running average

 private:
  double last_input_ms_ = -1e300, last_draw_ms_ = -1e300;
  bool drew_last_ = false;
  double frame_ms_ = 0;
};

}  // namespace hqnn::app
