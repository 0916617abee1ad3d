// The one exception type for input a user can fix.
#pragma once

#include <stdexcept>

namespace hqnn {

// Thrown by loaders and option checks; the message names the file or option and
// says what is wrong, ready to show to a user as is.
struct InputError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

}  // namespace hqnn
