// hqnn: train, evaluate and inspect hybrid quantum-inspired networks from a terminal.
//
// The options and help of every command come from the run's option table and
// the command's own options (src/run/options/command_line.hpp); this file only
// dispatches and reports errors.
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <new>
#include <string>
#include <vector>

#include "circuit_command.hpp"
#include "core/input_error.hpp"
#include "eval_command.hpp"
#include "predict_command.hpp"
#include "cli/reproduce/reproduce.hpp"
#include "train_command.hpp"

using namespace hqnn;
using namespace hqnn::cli;

static const char* kUsage = R"(hqnn: hybrid quantum-inspired residual and dense networks

usage:
  hqnn train [options]          train a model, print its metrics, optionally save it
  hqnn eval --model FILE [...]  evaluate a saved model (on its training data, or --data)
  hqnn predict --model FILE --data FILE.csv
                                the predicted class and probabilities of every row (CSV or --json)
  hqnn reproduce [options]      run the paper's experiment grid and write a report
  hqnn circuit --model FILE     a model's quantum-inspired layers as OpenQASM 2.0, a Quirk
                                link or gate counts (hqnn circuit --help)
  hqnn COMMAND --help           the options of one command
  hqnn --version

examples:
  hqnn train --model qdfnn --epochs 100 --out qdfnn.json
  hqnn eval --model qdfnn.json
  hqnn train --data my.csv --label species --scale auto --json > run.json
  hqnn train --link 'http://127.0.0.1:8080/#data=iris&model=qrfnn'
  hqnn circuit --model qdfnn.json --layer 0 --format qasm
)";

static bool asks_for_help(const std::vector<std::string>& args) {
  return std::any_of(args.begin(), args.end(), [](const std::string& a) { return a == "--help" || a == "-h"; });
}

int main(int argc, char** argv) {
  std::vector<std::string> rest(argv + 1, argv + argc);
  if (rest.empty() || rest[0] == "--help" || rest[0] == "-h" || rest[0] == "help") {
    std::printf("%s", kUsage);
    return rest.empty() ? 2 : 0;
  }
  if (rest[0] == "--version") {
    std::printf("hqnn 0.1.0\n");
    return 0;
  }
  const std::string command = rest[0];
  rest.erase(rest.begin());
  try {
    if (command == "train") {
      if (asks_for_help(rest)) return std::printf("%s", train_help().c_str()), 0;
      return train_command(rest, stdout, stderr);
    }
    if (command == "eval") {
      if (asks_for_help(rest)) return std::printf("%s", eval_help().c_str()), 0;
      return eval_command(rest, stdout);
    }
    if (command == "predict") {
      if (asks_for_help(rest)) return std::printf("%s", predict_help().c_str()), 0;
      return predict_command(rest, stdout);
    }
    if (command == "reproduce") {
      if (asks_for_help(rest)) return std::printf("%s", reproduce_help().c_str()), 0;
      return cmd_reproduce(rest);
    }
    if (command == "circuit") return run_circuit_command(rest);
    throw InputError("unknown command '" + command + "' (train, eval, predict, reproduce, circuit; see hqnn --help)");
  } catch (const InputError& e) {
    std::fprintf(stderr, "hqnn: %s\n", e.what());
    return 2;
  } catch (const std::filesystem::filesystem_error& e) {  // e.g. an --out folder that cannot be written
    std::fprintf(stderr, "hqnn: %s\n", e.what());
    return 2;
  } catch (const std::bad_alloc&) {
    std::fprintf(stderr, "hqnn: out of memory (try smaller data, a smaller model or a smaller batch)\n");
    return 3;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "hqnn: internal error: %s\n", e.what());
    return 3;
  }
}
