#include "whole_file.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <system_error>

#include "input_error.hpp"

namespace hqnn {

namespace {

std::string system_reason() { return errno ? std::string(" (") + std::strerror(errno) + ")" : std::string(); }

[[noreturn]] void refuse_directory(const std::string& path) {
  throw InputError(path + ": is a directory, not a file (name a file inside it)");
}

std::string too_large(const std::string& path) {
  return path + ": larger than 1 GiB; hqnn does not read files that large";
}

}  // namespace

std::string read_whole_file(const std::string& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) refuse_directory(path);
  errno = 0;
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (!file) throw InputError(path + ": cannot open" + system_reason());
  std::string bytes;
  if (std::fseek(file, 0, SEEK_END) == 0) {  // one allocation when the size is known
    const long length = std::ftell(file);
    if (length > static_cast<long>(kMaxFileBytes)) {
      std::fclose(file);
      throw InputError(too_large(path));
    }
    if (length > 0) bytes.reserve(static_cast<size_t>(length));
    std::rewind(file);
  }
  std::string chunk(size_t(1) << 16, '\0');  // on the heap: WebAssembly stacks are small
  size_t n;
  while ((n = std::fread(&chunk[0], 1, chunk.size(), file)) > 0) {
    if (bytes.size() + n > kMaxFileBytes) {  // also for what has no size up front (a pipe, /dev/zero)
      std::fclose(file);
      throw InputError(too_large(path));
    }
    bytes.append(chunk, 0, n);
  }
  const bool failed = std::ferror(file) != 0;
  const int read_errno = errno;
  std::fclose(file);
  if (failed && read_errno == EISDIR) refuse_directory(path);
  errno = read_errno;
  if (failed) throw InputError(path + ": read error" + system_reason());
  return bytes;
}

void write_whole_file(const std::string& path, const std::string& bytes) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) refuse_directory(path);
  errno = 0;
  std::FILE* file = std::fopen(path.c_str(), "wb");
  if (!file) throw InputError(path + ": cannot create" + system_reason());
  const size_t written = std::fwrite(bytes.data(), 1, bytes.size(), file);
  const bool closed = std::fclose(file) == 0;
  if (written != bytes.size() || !closed) throw InputError(path + ": write failed" + system_reason());
}

}  // namespace hqnn
