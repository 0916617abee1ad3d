#include "run_equality.hpp"

#include "option_setting.hpp"

namespace hqnn::run {

std::vector<std::string> run_differences(const RunSpec& a, const RunSpec& b) {
  std::vector<std::string> out;
  for (const OptionRow& r : option_table()) {
    if (!r.changes_results) continue;
    const bool in_a = in_scope(r.scope, a), in_b = in_scope(r.scope, b);
    if (in_a != in_b || (in_a && option_text(r, a) != option_text(r, b))) out.push_back(r.name);
  }
  return out;
}

bool same_run(const RunSpec& a, const RunSpec& b) { return run_differences(a, b).empty(); }

}  // namespace hqnn::run
