#include "args.hpp"

#include <cerrno>
#include <cmath>
#include <cstdlib>

#include "core/input_error.hpp"

namespace hqnn::cli {

Args::Args(const std::vector<std::string>& argv, const std::set<std::string>& valued, const std::set<std::string>& flags) {
  for (size_t i = 0; i < argv.size(); ++i) {
    std::string a = argv[i];
    if (a.rfind("--", 0) != 0) throw InputError("unexpected argument '" + a + "' (options start with --; see --help)");
    std::string key = a.substr(2), value;
    bool inline_value = false;
    if (const size_t eq = key.find('='); eq != std::string::npos) {
      value = key.substr(eq + 1);
      key = key.substr(0, eq);
      inline_value = true;
    }
    if (flags.count(key)) {
      if (inline_value) throw InputError("--" + key + " takes no value");
      flags_.insert(key);
    } else if (valued.count(key)) {
      if (!inline_value) {
        if (i + 1 >= argv.size()) throw InputError("--" + key + " needs a value");
        value = argv[++i];
      }
      values_[key] = value;
    } else {
      throw InputError("unknown option --" + key + " (see --help)");
    }
  }
}

std::string Args::str(const std::string& key, const std::string& fallback) const {
  auto it = values_.find(key);
  return it == values_.end() ? fallback : it->second;
}

double Args::number(const std::string& key, double fallback) const {
  auto it = values_.find(key);
  if (it == values_.end()) return fallback;
  char* end = nullptr;
  errno = 0;
  const double v = std::strtod(it->second.c_str(), &end);
  if (it->second.empty() || *end != '\0' || errno == ERANGE || !std::isfinite(v))
    throw InputError("--" + key + ": '" + it->second + "' is not a number");
  return v;
}

int Args::integer(const std::string& key, int fallback) const {
  const double v = number(key, fallback);
  if (v != std::floor(v) || std::abs(v) > 2e9) throw InputError("--" + key + ": '" + str(key, "") + "' is not an integer");
  return static_cast<int>(v);
}

uint64_t Args::seed(const std::string& key, uint64_t fallback) const {
  auto it = values_.find(key);
  if (it == values_.end()) return fallback;
  char* end = nullptr;
  errno = 0;
  const unsigned long long v = std::strtoull(it->second.c_str(), &end, 10);
  if (it->second.empty() || it->second[0] == '-' || *end != '\0' || errno == ERANGE)
    throw InputError("--" + key + ": '" + it->second + "' is not a non-negative integer");
  if (v >= (1ull << 53)) throw InputError("--" + key + ": seeds must be below 2^53 (9007199254740992)");
  return v;
}

}  // namespace hqnn::cli
