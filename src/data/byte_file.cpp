#include "byte_file.hpp"

#include <algorithm>

#include "core/input_error.hpp"
#include "core/whole_file.hpp"

#ifdef HQNN_HAVE_ZLIB
#include <zlib.h>
#endif

namespace hqnn {

bool is_gzip(const std::vector<uint8_t>& bytes) { return bytes.size() >= 2 && bytes[0] == 0x1f && bytes[1] == 0x8b; }

std::vector<uint8_t> decode_file_bytes(std::vector<uint8_t> bytes, const std::string& name) {
  return is_gzip(bytes) ? gunzip_bytes(bytes, name) : bytes;
}

std::vector<uint8_t> read_file_bytes(const std::string& path) {
  const std::string raw = read_whole_file(path);
  return decode_file_bytes(std::vector<uint8_t>(raw.begin(), raw.end()), path);
}

#ifdef HQNN_HAVE_ZLIB

bool gzip_supported() { return true; }

// Every member of the stream in turn (gzip files may be concatenated).
std::vector<uint8_t> gunzip_bytes(const std::vector<uint8_t>& gz, const std::string& name) {
  std::vector<uint8_t> out;
  // The last 4 bytes are the size modulo 2^32 (ISIZE): a hint for one
  // allocation. A cut or hostile file ends with arbitrary bytes, so the hint is
  // believed only up to what deflate can expand to (1032:1) and 256 MiB.
  if (gz.size() >= 18)
    out.reserve(std::min({size_t(read_u32_le(&gz[gz.size() - 4])), gz.size() * 1032, size_t(1) << 28}));
  z_stream z{};
  if (inflateInit2(&z, 16 + MAX_WBITS) != Z_OK) throw InputError(name + ": cannot start gzip decompression");
  std::vector<uint8_t> chunk(1 << 18);
  z.next_in = const_cast<Bytef*>(gz.data());
  z.avail_in = static_cast<uInt>(gz.size());
  for (;;) {
    z.next_out = chunk.data();
    z.avail_out = static_cast<uInt>(chunk.size());
    const int code = inflate(&z, Z_NO_FLUSH);
    const size_t produced = chunk.size() - z.avail_out;
    if (out.size() + produced > kMaxFileBytes) {
      inflateEnd(&z);
      throw InputError(name + ": larger than 1 GiB once decompressed; hqnn does not read files that large");
    }
    out.insert(out.end(), chunk.begin(), chunk.begin() + static_cast<std::ptrdiff_t>(produced));
    if (code == Z_STREAM_END) {
      if (z.avail_in == 0) break;
      // Another member may follow; zero padding (as tape and some tools
      // write) ends the file; anything else after a member is damage.
      if (std::all_of(z.next_in, z.next_in + z.avail_in, [](Bytef b) { return b == 0; })) break;
      if (z.avail_in < 2 || z.next_in[0] != 0x1f || z.next_in[1] != 0x8b) {
        inflateEnd(&z);
        throw InputError(name + ": corrupt gzip data (" + std::to_string(z.avail_in) + " bytes after the end of the stream)");
      }
      inflateReset(&z);
      continue;
    }
    if (code == Z_OK) continue;
    const std::string message = z.msg ? z.msg : code == Z_BUF_ERROR ? "unexpected end of file" : "error";
    inflateEnd(&z);
    // A stream cut short ends with Z_BUF_ERROR: no more input, no end marker.
    throw InputError(name + (code == Z_BUF_ERROR ? ": truncated or corrupt gzip data (" : ": corrupt gzip data (") +
                     message + ")");
  }
  inflateEnd(&z);
  return out;
}

#else

bool gzip_supported() { return false; }

std::vector<uint8_t> gunzip_bytes(const std::vector<uint8_t>&, const std::string& name) {
  throw InputError(name + ": gzip-compressed, but hqnn was built without zlib; decompress it first (gunzip)");
}

#endif

}  // namespace hqnn
