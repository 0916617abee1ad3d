// Whole-file reads for the binary loaders: the file's bytes, gzip inflated.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace hqnn {

// Reads a file into memory (read_whole_file). Gzip-compressed files (IDX .gz)
// are inflated through zlib; a build without zlib (WebAssembly) reads plain
// files and rejects gzip ones with "built without zlib". Throws InputError
// naming the file for what read_whole_file refuses and for a corrupt or
// truncated gzip stream.
std::vector<uint8_t> read_file_bytes(const std::string& path);

// Whether read_file_bytes can inflate gzip files (false in WebAssembly builds).
bool gzip_supported();
bool is_gzip(const std::vector<uint8_t>& bytes);  // starts with the gzip magic 1f 8b
// Inflates a gzip stream held in memory (`name` is for messages), with the
// same 1 GiB limit; throws InputError for a corrupt or truncated stream.
std::vector<uint8_t> gunzip_bytes(const std::vector<uint8_t>& gz, const std::string& name);
// A file's bytes as read_file_bytes returns them: inflated when gzip, else as they are.
std::vector<uint8_t> decode_file_bytes(std::vector<uint8_t> bytes, const std::string& name);

// Little-endian and big-endian 32-bit reads from a byte buffer (no bounds check).
inline uint32_t read_u32_be(const uint8_t* p) {
  return (uint32_t(p[0]) << 24) | (uint32_t(p[1]) << 16) | (uint32_t(p[2]) << 8) | uint32_t(p[3]);
}
inline uint32_t read_u32_le(const uint8_t* p) {
  return (uint32_t(p[3]) << 24) | (uint32_t(p[2]) << 16) | (uint32_t(p[1]) << 8) | uint32_t(p[0]);
}

}  // namespace hqnn
