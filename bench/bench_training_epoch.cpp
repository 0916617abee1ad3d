// One training epoch of a model on an image set, timed, with a given number of
// threads: the figure `hqnn train` reports (steps of the epoch plus the
// evaluation of the training and test sets at its end), wall-clock and CPU.
//
//   bench_training_epoch [--data fashion-mnist] [--classes 0,1,2,3] [--model qdcnn]
//                        [--threads 1] [--epochs 1]
// prints one JSON line per epoch.
#include <chrono>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <string>

#include "core/trainer.hpp"
#include "data/image_datasets.hpp"
#include "data/image_set.hpp"

using namespace hqnn;

int main(int argc, char** argv) {
  std::string data = "fashion-mnist", classes = "0,1,2,3", model_name = "qdcnn";
  int threads = 1, epochs = 1;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string key = argv[i], value = argv[i + 1];
    if (key == "--data") data = value;
    else if (key == "--classes") classes = value;
    else if (key == "--model") model_name = value;
    else if (key == "--threads") threads = std::stoi(value);
    else if (key == "--epochs") epochs = std::stoi(value);
    else {
      std::fprintf(stderr, "unknown option %s\n", key.c_str());
      return 2;
    }
  }
  ImageDatasetOptions io;
  io.classes = parse_class_list(classes);
  const ImageData images = load_image_dataset(data, io);
  ModelOptions mo;
  mo.kind = *parse_model_kind(model_name);
  mo.image_channels = images.train.image.channels;
  mo.image_height = images.train.image.height;
  mo.image_width = images.train.image.width;
  Model model(mo, images.train.feature_count(), images.train.class_count());
  TrainOptions to;
  to.epochs = epochs;
  to.batch = 64;       // D6 for images
  to.optimizer.lr = 0.001;
  to.threads = threads;
  Trainer trainer(model, images.train, images.test, to);
  while (!trainer.done()) {
    const auto wall0 = std::chrono::steady_clock::now();
    const std::clock_t cpu0 = std::clock();
    const EpochRecord& e = trainer.run_epoch();
    const double cpu = double(std::clock() - cpu0) / CLOCKS_PER_SEC;
    const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall0).count();
    std::printf("{\"model\": \"%s\", \"data\": \"%s\", \"threads\": %d, \"epoch\": %d, \"seconds\": %.3f, "
                "\"cpu_seconds\": %.3f, \"train_samples\": %lld, \"test_accuracy\": %.4f, \"simd\": \"%s\"}\n",
                model_name.c_str(), data.c_str(), resolve_thread_count(threads), e.epoch, wall, cpu,
                static_cast<long long>(images.train.size()), e.test_accuracy, simd_isa_name(simd_isa()));
    std::fflush(stdout);
  }
}
