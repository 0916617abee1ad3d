// Commands for a TrainingSession in tests, as the UI posts them.
#pragma once

#include "training_session.hpp"

namespace hqnn::app {

inline Command command_of(Command::Kind kind, const PlaygroundSettings& settings = {}) {
  Command c;
  c.kind = kind;
  c.settings = settings;
  return c;
}

}  // namespace hqnn::app
