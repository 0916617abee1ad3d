// A labelled dataset in memory, and the operations every loader shares.
#pragma once

#include <string>
#include <vector>

#include "input_error.hpp"
#include "real.hpp"

namespace hqnn {

struct ImageShape {
  int channels = 0, height = 0, width = 0;  // all 0 for tabular data
  bool is_image() const { return channels > 0; }
  int size() const { return channels * height * width; }
};

struct Dataset {
  std::string name;
  Matrix features;                       // samples x features (images: channel-major, row-major pixels)
  std::vector<int> labels;               // 0 .. classes-1
  std::vector<std::string> class_names;  // index = label
  std::vector<std::string> feature_names;
  ImageShape image;

  Index size() const { return features.rows(); }
  Index feature_count() const { return features.cols(); }
  int class_count() const { return static_cast<int>(class_names.size()); }

  Dataset subset(const std::vector<Index>& rows) const;
  // Throws InputError if the dataset cannot be trained on: empty, fewer than
  // two classes, labels out of range, NaN or Inf in features.
  void validate() const;
};

struct TrainTestSplit {
  Dataset train, test;
};

// Stratified split: each class contributes round(test_fraction * count) samples
// to the test set, chosen with the given seed.
TrainTestSplit stratified_split(const Dataset& data, double test_fraction, uint64_t seed);

}  // namespace hqnn
