// The options of `hqnn reproduce`: --key value, --key=value and boolean --flags,
// read by the run library's command-line parser (unknown options get "did you
// mean"); malformed values are reported as InputError with the option's name.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

namespace hqnn::cli {

class Args {
 public:
  // `valued` take a value, `flags` do not.
  Args(const std::vector<std::string>& argv, const std::set<std::string>& valued, const std::set<std::string>& flags);

  bool has(const std::string& key) const { return values_.count(key) > 0; }
  bool flag(const std::string& key) const { return flags_.count(key) > 0; }
  std::string str(const std::string& key, const std::string& fallback) const;
  int integer(const std::string& key, int fallback) const;
  double number(const std::string& key, double fallback) const;

 private:
  std::map<std::string, std::string> values_;
  std::set<std::string> flags_;
};

}  // namespace hqnn::cli
