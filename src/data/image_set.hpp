// Images as 8-bit pixels, the operations every image loader shares, and the
// project's compact image file format.
//
// Index of this file
//   [SECTION] ImageSet
//   [SECTION] Class subsets, per-class limits, conversion to a Dataset
//   [SECTION] The compact format (.hqimg)
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/dataset.hpp"

namespace hqnn {

// [SECTION] ImageSet ------------------------------------------------------------------------

// Images kept as bytes until training needs them: a full FashionMNIST training
// set is 47 MB here and 188 MB as floats, so class selection happens first.
struct ImageSet {
  std::string name;
  ImageShape shape;                      // channels x height x width
  std::vector<std::string> class_names;  // index = label
  std::vector<int> labels;               // one per image, 0 .. classes-1
  std::vector<uint8_t> pixels;           // image-major; each image channel-major, row-major pixels

  size_t size() const { return labels.size(); }
  size_t pixels_per_image() const { return static_cast<size_t>(shape.size()); }
  const uint8_t* image(size_t i) const { return pixels.data() + i * pixels_per_image(); }
};

// [SECTION] Class subsets, per-class limits, conversion to a Dataset -------------------------

// Keeps the images whose label is in `classes` and relabels them 0 .. k-1 in
// the order of the list, keeping their class names (classes {3, 1} make
// label 3 → 0 and 1 → 1). An empty list keeps every class. Throws InputError
// for a class that does not exist or is listed twice.
ImageSet select_classes(const ImageSet& images, const std::vector<int>& classes);

// The first `per_class` images of each class, in file order (0: all).
ImageSet take_per_class(const ImageSet& images, size_t per_class);

// Pixels scaled to [0, 1] (byte / 255). With factor > 1, each factor x factor
// block is averaged (average pooling, e.g. 28x28 → 14x14 for factor 2); rows
// and columns left over when the size is not a multiple of factor are dropped.
// Throws InputError when factor < 1 or larger than the image.
Dataset to_dataset(const ImageSet& images, int downsample_factor = 1);

// [SECTION] The compact format (.hqimg) ------------------------------------------------------
//
// All integers are unsigned 32-bit little-endian:
//   "HQNNIMG1"                          8-byte magic
//   count, channels, height, width, classes
//   name length, name bytes             UTF-8, no terminator
//   per class: length, bytes            class names
//   count label bytes                   each < classes
//   count · channels · height · width   pixel bytes, image-major, as in ImageSet
// Nothing may follow the pixels. scripts/make_image_subsets.js writes the same layout.

// `what` names the source (a file path) in error messages.
ImageSet parse_image_set(const std::vector<uint8_t>& bytes, const std::string& what);
ImageSet read_image_set(const std::string& path);
std::vector<uint8_t> serialize_image_set(const ImageSet& images);
void write_image_set(const ImageSet& images, const std::string& path);

}  // namespace hqnn
