#include "content_hash.hpp"

#include <cstdint>
#include <cstdio>

#include "core/whole_file.hpp"

namespace hqnn {

std::string content_hash_of_text(const std::string& bytes) {
  uint64_t h = 14695981039346656037ull;  // FNV-1a offset basis and prime
  for (unsigned char c : bytes) {
    h ^= c;
    h *= 1099511628211ull;
  }
  char buf[32];
  std::snprintf(buf, sizeof buf, "fnv1a64:%016llx", static_cast<unsigned long long>(h));
  return buf;
}

std::string content_hash(const std::string& path) { return content_hash_of_text(read_whole_file(path)); }

}  // namespace hqnn
