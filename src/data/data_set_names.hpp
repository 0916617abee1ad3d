// The data sets hqnn knows by name, as a user writes them: iris (built in) and
// the image sets (DIR: a folder of the CIFAR binary files). The CLI's help, the
// "did you mean" for a misspelt name and the loaders' messages read them here.
#pragma once

#include <string>
#include <vector>

namespace hqnn {

const std::vector<std::string>& image_set_names();  // fashion-mnist, fashion-mnist-subset, ..., cifar100:DIR
const std::vector<std::string>& data_set_names();   // iris, then the image sets
// "a, b, c" (or "a, b or c" with last_separator " or ").
std::string name_list(const std::vector<std::string>& names, const char* last_separator = ", ");

}  // namespace hqnn
