// One training epoch of a model on an image set, timed, with a given number of
// threads: the steps of the epoch plus its one test evaluation, wall-clock and CPU.
//
//   bench_training_epoch [any hqnn train option: --data, --classes, --model, --threads, --epochs, ...]
// prints one JSON line per epoch.
#include <chrono>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <string>

#include "run/data_preparation.hpp"
#include "run/options/option_table.hpp"
#include "run/run_loop.hpp"
#include "core/kernels/simd_isa.hpp"
#include "core/thread_pool.hpp"

using namespace hqnn;

// The options are `hqnn train`'s (the run table); the defaults here are the
// figure's: FashionMNIST 0-3, QDCNN, one epoch, one thread.
int main(int argc, char** argv) {
  std::vector<std::string> args = {"--data", "fashion-mnist", "--model", "qdcnn", "--epochs", "1", "--threads", "1"};
  args.insert(args.end(), argv + 1, argv + argc);
  const run::CommandLine cl = run::parse_command_line(args, run::kTrain, {});
  run::RunLoop loop(cl.spec, run::prepare_data(cl.spec));
  while (!loop.done()) {
    const auto wall0 = std::chrono::steady_clock::now();
    const std::clock_t cpu0 = std::clock();
    while (!loop.step()) {
    }
    const double cpu = double(std::clock() - cpu0) / CLOCKS_PER_SEC;
    const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall0).count();
    const EpochRecord& e = loop.history().back();
    std::printf("{\"model\": \"%s\", \"data\": \"%s\", \"threads\": %d, \"epoch\": %d, \"seconds\": %.3f, "
                "\"cpu_seconds\": %.3f, \"train_samples\": %lld, \"test_accuracy\": %.4f, \"simd\": \"%s\"}\n",
                enum_name(cl.spec.model.kind), cl.spec.data.name.c_str(),
                resolve_thread_count(cl.spec.train.threads), e.epoch, wall, cpu,
                static_cast<long long>(loop.data().train.size()), e.test_accuracy, enum_name(simd_isa()));
    std::fflush(stdout);
  }
}
