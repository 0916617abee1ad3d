// Image datasets by name, for the CLI and the playground.
//
//   fashion-mnist         the full FashionMNIST set (60,000 / 10,000) from Debian's
//                         dataset-fashion-mnist when installed, else the committed subset
//   fashion-mnist-subset  assets/fashion_mnist_subset_{train,test}.hqimg
//                         (classes 0-3, 250 train + 100 test images per class)
//   mnist                 the full 10,000 npm digits (8,000 / 2,000), converted by
//                         scripts/make_image_subsets.sh into the data directory,
//                         else the committed subset
//   mnist-subset          assets/mnist_subset_{train,test}.hqimg (classes 0-3, 250 + 100 per class)
//   cifar10:<dir>         data_batch_1..5.bin and test_batch.bin in <dir>
//   cifar100:<dir>        train.bin and test.bin in <dir>
//
// Every name yields a train and a test set with the requested classes
// (relabelled 0..k-1), pixels in [0, 1] and an optional downsampling.
#pragma once

#include <string>
#include <vector>

#include "core/dataset.hpp"
#include "image_set.hpp"

namespace hqnn {

struct ImageDatasetOptions {
  std::vector<int> classes{0, 1, 2, 3};  // D13; empty keeps every class. Subsets hold only 0-3.
  int downsample = 1;                    // average-pool factor: 2 turns 28x28 into 14x14
  size_t train_per_class = 0;            // 0: every image; else the first N of each class
  size_t test_per_class = 0;
  bool grayscale = true;                 // CIFAR (D13)
  bool cifar100_coarse = false;          // CIFAR-100: 20 superclasses instead of 100 classes
  std::string assets_dir;                // "": HQNN_ASSETS_DIR of the build
  std::string data_dir;                  // full MNIST; "": $HQNN_DATA_DIR, else $HOME/.cache/hqnn
  std::string fashion_mnist_dir = "/usr/share/datasets/fashion-mnist";
};

struct ImageData {
  Dataset train, test;
  std::string source;  // where the images came from, e.g. "/usr/share/datasets/fashion-mnist (full set)"
};

// Whether `name` is one of the names above (cifar names with any path).
bool is_image_dataset_name(const std::string& name);

// Throws InputError for an unknown name, a missing or malformed file, a class
// the set does not have, or an option out of range.
ImageData load_image_dataset(const std::string& name, const ImageDatasetOptions& options = {});

// The images of a committed subset already read (the playground fetches the
// files): for `name` (mnist or mnist-subset, fashion-mnist or
// fashion-mnist-subset) the requested classes, per-class counts and
// downsampling, exactly as load_image_dataset makes them. InputError for a
// class the subset does not hold or an option out of range.
ImageData subset_image_data(const std::string& name, const ImageSet& train, const ImageSet& test,
                            const ImageDatasetOptions& options);

// The committed subset files (file name, and path in the assets folder), and the full-MNIST files a script converts.
std::string image_subset_file(const std::string& name, bool train);
std::string image_subset_path(const std::string& name, bool train, const std::string& assets_dir = "");
std::string full_mnist_path(bool train, const std::string& data_dir = "");

}  // namespace hqnn
