#include "url_codec.hpp"

#include <algorithm>
#include <cctype>
#include <cstdlib>

namespace hqnn {

std::string url_decode(const std::string& text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size()) {
      const std::string hex = text.substr(i + 1, 2);
      char* end = nullptr;
      const long v = std::strtol(hex.c_str(), &end, 16);
      if (*end == '\0') {
        out += static_cast<char>(v);
        i += 2;
        continue;
      }
    }
    out += text[i];
  }
  return out;
}

std::string url_encode(const std::string& text) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~' || c == ',' || c == ':' || c == '/' || c == ';' ||
        c == '|')
      out += static_cast<char>(c);
    else
      out += {'%', hex[c >> 4], hex[c & 15]};
  }
  return out;
}

std::vector<std::pair<std::string, std::string>> link_items(const std::string& body) {
  std::vector<std::pair<std::string, std::string>> items;
  size_t start = 0;
  while (start <= body.size()) {
    const size_t end = std::min(body.find('&', start), body.size());
    const std::string item = body.substr(start, end - start);
    if (!item.empty()) {
      const size_t eq = item.find('=');
      items.emplace_back(url_decode(item.substr(0, eq)), eq == std::string::npos ? "" : url_decode(item.substr(eq + 1)));
    }
    start = end + 1;
  }
  return items;
}

}  // namespace hqnn
