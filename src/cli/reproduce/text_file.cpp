#include "text_file.hpp"

#include <fstream>
#include <sstream>

#include "core/dataset.hpp"

namespace hqnn::cli {

void write_text(const std::filesystem::path& path, const std::string& text) {
  std::ofstream f(path, std::ios::binary);
  f << text;
  if (!f) throw InputError("cannot write " + path.string());
}

std::string read_text(const std::filesystem::path& path) {
  std::ifstream f(path, std::ios::binary);
  if (!f) throw InputError("cannot read " + path.string());
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

}  // namespace hqnn::cli
