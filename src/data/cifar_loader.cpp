#include "cifar_loader.hpp"

#include <cmath>

#include "byte_file.hpp"

namespace hqnn {

std::vector<std::string> cifar_class_names(CifarKind kind, bool coarse_labels) {
  if (kind == CifarKind::cifar10)
    return {"airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"};
  if (coarse_labels)
    return {"aquatic_mammals", "fish", "flowers", "food_containers", "fruit_and_vegetables",
            "household_electrical_devices", "household_furniture", "insects", "large_carnivores",
            "large_man-made_outdoor_things", "large_natural_outdoor_scenes", "large_omnivores_and_herbivores",
            "medium_mammals", "non-insect_invertebrates", "people", "reptiles", "small_mammals", "trees",
            "vehicles_1", "vehicles_2"};
  return {"apple", "aquarium_fish", "baby", "bear", "beaver", "bed", "bee", "beetle", "bicycle", "bottle",
          "bowl", "boy", "bridge", "bus", "butterfly", "camel", "can", "castle", "caterpillar", "cattle",
          "chair", "chimpanzee", "clock", "cloud", "cockroach", "couch", "crab", "crocodile", "cup", "dinosaur",
          "dolphin", "elephant", "flatfish", "forest", "fox", "girl", "hamster", "house", "kangaroo", "keyboard",
          "lamp", "lawn_mower", "leopard", "lion", "lizard", "lobster", "man", "maple_tree", "motorcycle",
          "mountain", "mouse", "mushroom", "oak_tree", "orange", "orchid", "otter", "palm_tree", "pear",
          "pickup_truck", "pine_tree", "plain", "plate", "poppy", "porcupine", "possum", "rabbit", "raccoon",
          "ray", "road", "rocket", "rose", "sea", "seal", "shark", "shrew", "skunk", "skyscraper", "snail",
          "snake", "spider", "squirrel", "streetcar", "sunflower", "sweet_pepper", "table", "tank", "telephone",
          "television", "tiger", "tractor", "train", "trout", "tulip", "turtle", "wardrobe", "whale",
          "willow_tree", "wolf", "woman", "worm"};
}

namespace {

// Appends the records of one file (its bytes in memory) to `images`.
void append_cifar_records(const std::vector<uint8_t>& bytes, const std::string& path, CifarKind kind,
                          const CifarOptions& options, ImageSet& images) {
  constexpr size_t kPlane = 32 * 32, kPixels = 3 * kPlane;
  const size_t label_bytes = kind == CifarKind::cifar10 ? 1 : 2;
  const size_t record = label_bytes + kPixels;
  // CIFAR-100 stores the coarse label first, then the fine one.
  const size_t label_offset = kind == CifarKind::cifar100 && !options.coarse_labels ? 1 : 0;
  const int classes = static_cast<int>(images.class_names.size());
  if (bytes.empty()) throw InputError(path + ": empty file, expected " + std::to_string(record) + "-byte records");
  if (bytes.size() % record != 0)
    throw InputError(path + ": truncated record: record " + std::to_string(bytes.size() / record) + " has " +
                     std::to_string(bytes.size() % record) + " of its " + std::to_string(record) + " bytes");
  const size_t count = bytes.size() / record;
  for (size_t i = 0; i < count; ++i) {
    const uint8_t* r = bytes.data() + i * record;
    const int label = r[label_offset];
    if (label >= classes)
      throw InputError(path + ": record " + std::to_string(i) + " has label " + std::to_string(label) +
                       ", out of range 0.." + std::to_string(classes - 1));
    images.labels.push_back(label);
    const uint8_t* rgb = r + label_bytes;
    if (!options.grayscale) {
      images.pixels.insert(images.pixels.end(), rgb, rgb + kPixels);
      continue;
    }
    for (size_t p = 0; p < kPlane; ++p) {
      const double y = 0.299 * rgb[p] + 0.587 * rgb[kPlane + p] + 0.114 * rgb[2 * kPlane + p];
      images.pixels.push_back(static_cast<uint8_t>(std::lround(y)));
    }
  }
}

ImageSet empty_cifar_set(CifarKind kind, const CifarOptions& options, const std::string& name) {
  ImageSet images;
  images.name = name;
  images.shape = {options.grayscale ? 1 : 3, 32, 32};
  images.class_names = cifar_class_names(kind, options.coarse_labels);
  return images;
}

}  // namespace

ImageSet read_cifar(const std::vector<std::string>& paths, CifarKind kind, const CifarOptions& options,
                    const std::string& name) {
  ImageSet images = empty_cifar_set(kind, options, name);
  for (const std::string& path : paths) append_cifar_records(read_file_bytes(path), path, kind, options, images);
  return images;
}

ImageSet parse_cifar(const std::vector<uint8_t>& bytes, const std::string& path, CifarKind kind,
                     const CifarOptions& options, const std::string& name) {
  ImageSet images = empty_cifar_set(kind, options, name);
  append_cifar_records(bytes, path, kind, options, images);
  return images;
}

std::vector<std::string> cifar_files(CifarKind kind, const std::string& directory, bool train) {
  const std::string dir = directory.empty() || directory.back() == '/' ? directory : directory + "/";
  if (kind == CifarKind::cifar100) return {dir + (train ? "train.bin" : "test.bin")};
  if (!train) return {dir + "test_batch.bin"};
  std::vector<std::string> files;
  for (int k = 1; k <= 5; ++k) files.push_back(dir + "data_batch_" + std::to_string(k) + ".bin");
  return files;
}

}  // namespace hqnn
