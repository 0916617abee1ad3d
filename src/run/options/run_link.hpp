// A run as a link: the playground's address hash '#key=value&...' ⇄ RunSpec,
// through the option table's link keys. Keys of older links keep working: a
// renamed key is read as its new one, a key whose values changed is reported
// with the key that replaced it.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "run/run_spec.hpp"

namespace hqnn::run {

struct ParsedLink {
  RunSpec spec;
  std::vector<std::pair<std::string, std::string>> other;  // keys not in the table (the playground's, unknown ones), decoded
  std::vector<std::string> errors;  // "lr: expected a number in [..], got 'x'", an old key and the one that
                                    // replaced it; the rest of the link still applies
};
// Accepts "#k=v&...", "k=v&..." or a whole URL with a '#...' part.
ParsedLink parse_link(const std::string& link);
// '#'-prefixed hash of every option that applies (seed-following ones only when they differ).
std::string to_link(const RunSpec& spec);

}  // namespace hqnn::run
