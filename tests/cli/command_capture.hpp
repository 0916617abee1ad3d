// Runs a command of the hqnn tool in process and captures what it writes:
// each command takes its output streams as FILE*, so a test hands it
// temporary files and reads them back.
#pragma once

#include <cstdio>
#include <string>
#include <utility>

namespace hqnn::testing {

struct CommandOutput {
  std::string out, err;
};

// The whole text written to a temporary file; closes it.
inline std::string captured_text(std::FILE* f) {
  std::fflush(f);
  std::rewind(f);
  std::string text;
  char buf[4096];
  for (size_t n; (n = std::fread(buf, 1, sizeof buf, f)) > 0;) text.append(buf, n);
  std::fclose(f);
  return text;
}

// command(args..., out, err) with stdout and stderr captured.
template <class Command, class... Args>
CommandOutput capture_command(Command&& command, Args&&... args) {
  std::FILE *out = std::tmpfile(), *err = std::tmpfile();
  command(std::forward<Args>(args)..., out, err);
  return {captured_text(out), captured_text(err)};
}

// command(args..., out) with stdout captured.
template <class Command, class... Args>
std::string capture_output(Command&& command, Args&&... args) {
  std::FILE* out = std::tmpfile();
  command(std::forward<Args>(args)..., out);
  return captured_text(out);
}

}  // namespace hqnn::testing
