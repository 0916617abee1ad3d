// Dear ImGui configuration for the headless panel tests: a failed ImGui
// assertion (too many vertices for 16-bit indices, unbalanced Begin/End, ...)
// throws instead of aborting, so the test reports it as a failure.
#pragma once

#include <stdexcept>
#include <string>

#define IM_ASSERT(expr) \
  ((expr) ? (void)0 : throw std::logic_error(std::string("ImGui assertion failed: ") + #expr + " at " + __FILE__))
