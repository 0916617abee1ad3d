// Checks a refused input against docs/bad-inputs.md: the message is exact and
// the catalogue lists it (inside backquotes).
#pragma once

#include <gtest/gtest.h>

#include <fstream>
#include <functional>
#include <sstream>
#include <string>

#include "core/dataset.hpp"

namespace hqnn::testing {

inline std::string bad_input_catalogue() {
  std::ifstream f(std::string(HQNN_ASSETS_DIR) + "/../docs/bad-inputs.md");
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

inline std::string input_error_of(const std::function<void()>& action) {
  try {
    action();
  } catch (const InputError& e) {
    return e.what();
  }
  return "(accepted)";
}

// The catalogue lists `message` (inside backquotes).
inline void expect_listed(const std::string& message) {
  EXPECT_NE(bad_input_catalogue().find("`" + message + "`"), std::string::npos)
      << "docs/bad-inputs.md lacks: " << message;
}

// The message is exact, and the catalogue lists it.
inline void expect_catalogued(const std::string& message, const std::string& expected) {
  EXPECT_EQ(message, expected);
  expect_listed(expected);
}

}  // namespace hqnn::testing
