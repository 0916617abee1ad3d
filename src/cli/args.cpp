#include "args.hpp"

#include <cerrno>
#include <cmath>
#include <cstdlib>

#include "core/input_error.hpp"
#include "run/options/option_table.hpp"

namespace hqnn::cli {

Args::Args(const std::vector<std::string>& argv, const std::set<std::string>& valued, const std::set<std::string>& flags) {
  std::vector<run::CommandOption> options;
  for (const std::string& v : valued) options.push_back({v, true, "", ""});
  for (const std::string& f : flags) options.push_back({f, false, "", ""});
  const run::CommandLine cl = run::parse_command_line(argv, run::kReproduce, options);
  values_ = cl.extra;
  flags_ = cl.extra_flags;
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

}  // namespace hqnn::cli
