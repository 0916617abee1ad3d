// Fuzz input → a temporary file, for loaders that read from a path.
#pragma once

#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <string>

namespace hqnn::fuzz {

class TempFile {
 public:
  TempFile(const uint8_t* data, size_t size, const char* suffix) {
    path_ = "/tmp/hqnn-fuzz-" + std::to_string(getpid()) + "-" + std::to_string(counter_++) + suffix;
    FILE* f = std::fopen(path_.c_str(), "wb");
    if (f) {
      if (size) std::fwrite(data, 1, size, f);
      std::fclose(f);
    }
  }
  ~TempFile() { std::remove(path_.c_str()); }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
  static inline int counter_ = 0;
};

}  // namespace hqnn::fuzz
