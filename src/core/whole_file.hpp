// Whole-file reads and writes, with one message shape for what goes wrong:
// "PATH: what happened (what to do)".
#pragma once

#include <string>

namespace hqnn {

// A limit on what one file may hold (and, for gzip, expand to), so that a
// large, corrupt or hostile file cannot exhaust memory.
constexpr size_t kMaxFileBytes = size_t(1) << 30;

// The file's bytes as they are on disk. Throws InputError naming the path for
// a missing or unreadable file, a directory, a file over kMaxFileBytes or a
// read error.
std::string read_whole_file(const std::string& path);

// Replaces the file's content. Throws InputError naming the path when it
// cannot be created or written.
void write_whole_file(const std::string& path, const std::string& bytes);

}  // namespace hqnn
