// CIFAR-10 and CIFAR-100 binary files (the "binary version" distributions).
//
// A CIFAR-10 record is 1 label byte + 3072 pixel bytes; a CIFAR-100 record is
// a coarse label byte, a fine label byte, then 3072 pixel bytes. The pixels
// are the red, green and blue 32x32 planes, each row-major.
//
// Grayscale (decision D13): ITU-R BT.601 luma, Y = 0.299 R + 0.587 G + 0.114 B,
// rounded to the nearest byte, giving ImageShape{1, 32, 32}.
#pragma once

#include <string>
#include <vector>

#include "image_set.hpp"

namespace hqnn {

enum class CifarKind { cifar10, cifar100 };

struct CifarOptions {
  bool grayscale = true;       // D13; false keeps the three colour planes
  bool coarse_labels = false;  // CIFAR-100 only: the 20 superclasses instead of the 100 classes
};

// Class names of the official distributions (index = label).
std::vector<std::string> cifar_class_names(CifarKind kind, bool coarse_labels = false);

// Reads and concatenates the given batch files. Throws InputError naming the
// file for a missing file, a size that is not a whole number of records
// ("truncated record"), a label out of range.
ImageSet read_cifar(const std::vector<std::string>& paths, CifarKind kind, const CifarOptions& options,
                    const std::string& name);

// One file's bytes already in memory (`path` only names it in messages).
ImageSet parse_cifar(const std::vector<uint8_t>& bytes, const std::string& path, CifarKind kind,
                     const CifarOptions& options, const std::string& name);

// The file names of a distribution's directory: CIFAR-10's data_batch_1..5.bin
// and test_batch.bin, CIFAR-100's train.bin and test.bin.
std::vector<std::string> cifar_files(CifarKind kind, const std::string& directory, bool train);

}  // namespace hqnn
