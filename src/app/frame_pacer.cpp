#include "frame_pacer.hpp"

namespace hqnn::app {

bool FramePacer::should_draw(double now_ms, bool training) {
  // The callback after a drawn frame: that frame's whole time. A gap of over a second is a hidden tab (the
  // browser stops animation frames), not a slow frame.
  const double frame = now_ms - last_draw_ms_;
  if (drew_last_ && frame < kHiddenGapMs) frame_ms_ = frame_ms_ == 0 ? frame : 0.8 * frame_ms_ + 0.2 * frame;
  drew_last_ = !training || !slow() || now_ms - last_input_ms_ < kInputHoldMs ||
               now_ms - last_draw_ms_ >= 1000 / kSlowTrainingFps;
  if (drew_last_) last_draw_ms_ = now_ms;
  return drew_last_;
}

}  // namespace hqnn::app
