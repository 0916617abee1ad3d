// hqnn_train_link LINK: trains a playground link's run to the end and prints
// the run JSON that `hqnn train --link LINK --json` prints. Built for
// WebAssembly too: scripts/test_web.sh runs it under node and compares its
// curves with the native CLI's, bit for bit (tests/run/compare_link_runs.js).
#include <cstdio>
#include <exception>
#include <string>

#include "run/options/option_table.hpp"
#include "run/run_loop.hpp"
#include "run/run_writers.hpp"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: hqnn_train_link '#data=iris&model=qdfnn&...'\n");
    return 2;
  }
  try {
    const hqnn::run::ParsedLink parsed = hqnn::run::parse_link(argv[1]);
    if (!parsed.errors.empty()) {
      std::fprintf(stderr, "hqnn_train_link: %s\n", parsed.errors.front().c_str());
      return 2;
    }
    hqnn::run::RunLoop loop(parsed.spec, hqnn::run::prepare_data(parsed.spec));
    while (!loop.done()) loop.step();
    const hqnn::run::RunResult r = loop.finish();
    std::printf("%s\n", hqnn::run::run_json(loop.spec(), loop.data(), r).dump(2).c_str());
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "hqnn_train_link: %s\n", e.what());
    return 2;
  } catch (...) {
    std::fprintf(stderr, "hqnn_train_link: failed\n");
    return 3;
  }
}
