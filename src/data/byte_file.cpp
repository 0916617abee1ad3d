#include "byte_file.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>

#include "core/dataset.hpp"

#ifdef HQNN_HAVE_ZLIB
#include <zlib.h>
#endif

namespace hqnn {

namespace {

std::string open_error(const std::string& path) {
  return path + ": cannot open (" + std::strerror(errno) + ")";
}

}  // namespace

#ifdef HQNN_HAVE_ZLIB

bool gzip_supported() { return true; }

namespace {

// The uncompressed size, to allocate once: page faults and reallocation are
// a large part of reading a 47 MB image file. A gzip file ends with its size
// modulo 2³² (ISIZE), a plain file's size is its length. Only a hint (a cut
// file ends with arbitrary bytes): 0 when unknown, at most 256 MiB.
size_t expected_size(const std::string& path) {
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (!file) return 0;
  uint8_t head[2] = {0, 0}, tail[4] = {0, 0, 0, 0};
  size_t size = 0;
  if (std::fread(head, 1, 2, file) == 2 && std::fseek(file, 0, SEEK_END) == 0) {
    const long length = std::ftell(file);
    if (head[0] == 0x1f && head[1] == 0x8b) {
      if (length >= 18 && std::fseek(file, -4, SEEK_END) == 0 && std::fread(tail, 1, 4, file) == 4)
        size = read_u32_le(tail);
    } else if (length > 0) {
      size = static_cast<size_t>(length);
    }
  }
  std::fclose(file);
  return std::min<size_t>(size, size_t(1) << 28);
}

}  // namespace

// gzread passes plain (uncompressed) files through unchanged.
// A limit on what one file may expand to, so that a small corrupt or hostile
// gzip file cannot exhaust memory.
constexpr size_t kMaxFileBytes = size_t(1) << 30;

std::vector<uint8_t> read_file_bytes(const std::string& path) {
  errno = 0;
  gzFile file = gzopen(path.c_str(), "rb");
  if (!file) throw InputError(open_error(path));
  gzbuffer(file, 1 << 17);
  std::vector<uint8_t> bytes, chunk(1 << 18);
  bytes.reserve(expected_size(path));
  for (;;) {
    const int n = gzread(file, chunk.data(), static_cast<unsigned>(chunk.size()));
    if (n < 0) {
      int code = 0;
      const std::string message = gzerror(file, &code);
      gzclose(file);
      throw InputError(path + ": corrupt gzip data (" + message + ")");
    }
    if (n == 0) break;
    if (bytes.size() + static_cast<size_t>(n) > kMaxFileBytes) {
      gzclose(file);
      throw InputError(path + ": larger than 1 GiB once decompressed; hqnn does not read files that large");
    }
    bytes.insert(bytes.end(), chunk.begin(), chunk.begin() + n);
  }
  int code = 0;
  const std::string message = gzerror(file, &code);
  gzclose(file);
  // zlib reports a stream cut short as Z_BUF_ERROR ("unexpected end of file")
  if (code != Z_OK && code != Z_STREAM_END)
    throw InputError(path + ": truncated or corrupt gzip data (" + message + ")");
  return bytes;
}

#else

bool gzip_supported() { return false; }

std::vector<uint8_t> read_file_bytes(const std::string& path) {
  errno = 0;
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (!file) throw InputError(open_error(path));
  std::vector<uint8_t> bytes;
  std::vector<uint8_t> chunk(1 << 16);  // on the heap: WebAssembly stacks are small
  size_t n;
  while ((n = std::fread(chunk.data(), 1, chunk.size(), file)) > 0)
    bytes.insert(bytes.end(), chunk.begin(), chunk.begin() + static_cast<std::ptrdiff_t>(n));
  const bool failed = std::ferror(file) != 0;
  std::fclose(file);
  if (failed) throw InputError(path + ": read error");
  if (bytes.size() >= 2 && bytes[0] == 0x1f && bytes[1] == 0x8b)
    throw InputError(path + ": gzip-compressed, but hqnn was built without zlib; decompress it first (gunzip)");
  return bytes;
}

#endif

void write_file_bytes(const std::string& path, const std::vector<uint8_t>& bytes) {
  errno = 0;
  std::FILE* file = std::fopen(path.c_str(), "wb");
  if (!file) throw InputError(path + ": cannot create (" + std::strerror(errno) + ")");
  const size_t written = std::fwrite(bytes.data(), 1, bytes.size(), file);
  const bool closed = std::fclose(file) == 0;
  if (written != bytes.size() || !closed) throw InputError(path + ": write failed");
}

}  // namespace hqnn
