// Percent-encoding of a link's keys and values. '+' stays '+': a fragment is
// not a form, and 1e+06 is a number.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace hqnn {

std::string url_decode(const std::string& text);
std::string url_encode(const std::string& text);  // keeps , : / ; | readable
// "#k=v&k2" (or "k=v&...", or a whole URL's '#...' part) as decoded (key, value) pairs, empty items skipped.
std::vector<std::pair<std::string, std::string>> link_items(const std::string& body);

}  // namespace hqnn
