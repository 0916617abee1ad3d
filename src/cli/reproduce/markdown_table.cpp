#include "markdown_table.hpp"

#include <cmath>
#include <cstdio>

namespace hqnn::cli {

std::string format_number(const char* f, double v) {
  if (std::isnan(v)) return "nan";
  if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
  char buf[64];
  std::snprintf(buf, sizeof buf, f, v);
  return buf;
}

std::string format_signed(const char* f, double v) {
  if (!std::isfinite(v)) return format_number(f, v);
  std::string s = format_number(f, v);
  return v >= 0 ? "+" + s : s;
}

std::string table_row(const std::vector<std::string>& cells) {
  std::string s = "|";
  for (const auto& c : cells) s += " " + c + " |";
  return s + "\n";
}

std::string table_head(const std::vector<std::string>& cells) {
  std::string s = table_row(cells) + "|";
  for (size_t i = 0; i < cells.size(); ++i) s += i == 0 ? "---|" : "---:|";
  return s + "\n";
}

}  // namespace hqnn::cli
