// The one whole-file reader and writer: bytes round-trip exactly, and every
// failure names the path in the shape "PATH: what happened".
#include <gtest/gtest.h>

#include <filesystem>

#include "../bad_input_catalogue.hpp"
#include "../scratch_dir.hpp"
#include "core/input_error.hpp"
#include "core/whole_file.hpp"

using namespace hqnn;
using hqnn::testing::input_error_of;

namespace {

TEST(WholeFile, BytesRoundTripExactlyIncludingZerosAndHighBytes) {
  const std::string path = hqnn::testing::scratch_file("whole_file_bytes.bin");
  std::string bytes("a\0b\r\n\xff\x1f\x8b", 8);
  bytes += std::string(200000, '\x7f');  // more than one read chunk
  write_whole_file(path, bytes);
  EXPECT_EQ(read_whole_file(path), bytes);
  write_whole_file(path, "");  // replaces, not appends
  EXPECT_EQ(read_whole_file(path), "");
}

TEST(WholeFile, MissingFileDirectoryAndUnwritablePathAreNamed) {
  EXPECT_EQ(input_error_of([] { read_whole_file("/nonexistent/dir/data.csv"); }),
            "/nonexistent/dir/data.csv: cannot open (No such file or directory)");
  const std::string dir = hqnn::testing::scratch_file("whole_file_dir");
  std::filesystem::create_directories(dir);
  const std::string is_a_directory = dir + ": is a directory, not a file (name a file inside it)";
  EXPECT_EQ(input_error_of([&] { read_whole_file(dir); }), is_a_directory);
  EXPECT_EQ(input_error_of([&] { write_whole_file(dir, "x"); }), is_a_directory);
  EXPECT_EQ(input_error_of([] { write_whole_file("/nonexistent/dir/m.json", "x"); }),
            "/nonexistent/dir/m.json: cannot create (No such file or directory)");
}

}  // namespace
