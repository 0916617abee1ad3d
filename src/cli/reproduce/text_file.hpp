// Whole text files for the reproduction's outputs; errors are InputErrors that
// name the path.
#pragma once

#include <filesystem>
#include <string>

namespace hqnn::cli {

void write_text(const std::filesystem::path& path, const std::string& text);
std::string read_text(const std::filesystem::path& path);

}  // namespace hqnn::cli
