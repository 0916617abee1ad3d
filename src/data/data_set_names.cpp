#include "data_set_names.hpp"

namespace hqnn {

const std::vector<std::string>& image_set_names() {
  static const std::vector<std::string> names = {"fashion-mnist", "fashion-mnist-subset", "mnist", "mnist-subset",
                                                 "cifar10:DIR", "cifar100:DIR"};
  return names;
}

const std::vector<std::string>& data_set_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> n = {"iris"};
    n.insert(n.end(), image_set_names().begin(), image_set_names().end());
    return n;
  }();
  return names;
}

std::string name_list(const std::vector<std::string>& names, const char* last_separator) {
  std::string s;
  for (size_t i = 0; i < names.size(); ++i) s += (i == 0 ? "" : i + 1 == names.size() ? last_separator : ", ") + names[i];
  return s;
}

}  // namespace hqnn
