// IDX files (the MNIST / FashionMNIST distribution format), plain or gzip.
//
// Images: big-endian magic 0x00000803 (unsigned bytes, 3 dimensions), count,
// rows, columns, then count·rows·columns pixels. Labels: magic 0x00000801,
// count, then count label bytes.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "image_set.hpp"

namespace hqnn {

// Reads an image file and its label file into one channel of rows x columns.
// Throws InputError naming the file and the problem: missing file, wrong magic
// number, truncated file (fewer bytes than its header announces), image and
// label counts that differ, a label outside 0 .. class_names.size()-1.
ImageSet read_idx(const std::string& images_path, const std::string& labels_path,
                  const std::vector<std::string>& class_names, const std::string& name);

// The same from bytes already in memory (decompressed); the paths only name
// the data in messages.
ImageSet parse_idx(std::vector<uint8_t> image_bytes, const std::string& images_path,
                   const std::vector<uint8_t>& label_bytes, const std::string& labels_path,
                   const std::vector<std::string>& class_names, const std::string& name);

// read_idx, then to_dataset: pixels scaled to [0, 1], ImageShape{1, rows, columns}.
Dataset load_idx_dataset(const std::string& images_path, const std::string& labels_path,
                         const std::vector<std::string>& class_names, const std::string& name);

}  // namespace hqnn
