// A file's content hash, recorded in model files so that `hqnn eval` can tell
// whether the data a model was trained on has changed since.
#pragma once

#include <string>

namespace hqnn {

// "fnv1a64:" and 16 hex digits of the 64-bit FNV-1a hash of the bytes
// (not cryptographic: it tells an edited file from the same file). InputError
// when the file cannot be read.
std::string content_hash(const std::string& path);
std::string content_hash_of_text(const std::string& bytes);

}  // namespace hqnn
