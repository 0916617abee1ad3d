#include "run_link.hpp"

#include <map>

#include "core/input_error.hpp"
#include "option_setting.hpp"
#include "core/settings/url_codec.hpp"

namespace hqnn::run {

// Links written before the table used these keys.
static const std::map<std::string, std::string>& legacy_link_keys() {
  static const std::map<std::string, std::string> keys = {{"std", "scale"}};
  return keys;
}

// Keys of older playgrounds whose values do not carry over one to one: the
// link reports the key that replaced each, named from the table.
static std::string retired_link_key_error(const std::string& key) {
  auto use = [&](const char* option, const std::string& how) {
    return key + ": an old key; use " + option_row(option).hash_key + how;
  };
  if (key == "lambda_train") return use("fixed-lambda", "=1 for lambda_train=0 (trained lambdas are the default)");
  if (key == "c1" || key == "c2") return use("conv-channels", "=C1,C2 (the channels of both convolutions)");
  if (key == "noise_train" || key == "noise_test") return use("noise-on", "=train, test or both");
  return "";
}

ParsedLink parse_link(const std::string& link) {
  ParsedLink out;
  std::string body = link;
  if (const size_t hash = body.find('#'); hash != std::string::npos)
    body = body.substr(hash + 1);
  else if (body.find("://") != std::string::npos)
    throw InputError("the link has no '#...' part with the run's settings (copy the whole address of the playground)");
  const std::vector<std::pair<std::string, std::string>> items = link_items(body);
  std::map<std::string, Setter> setters;
  const std::string* data_name = nullptr;
  for (const auto& [key, raw_value] : items) {
    std::string name, value = raw_value;
    if (legacy_link_keys().count(key)) {
      name = legacy_link_keys().at(key);
      value = raw_value == "1" ? "standard" : "none";
    } else {
      for (const OptionRow& r : option_table())
        if (!r.hash_key.empty() && r.hash_key == key) name = r.name;
    }
    if (name.empty()) {
      const std::string retired = retired_link_key_error(key);
      if (retired.empty())
        out.other.emplace_back(key, raw_value);
      else
        out.errors.push_back(retired);
      continue;
    }
    if (name == "data") data_name = &raw_value;
    setters[name] = [value, key = key, &out](RunSpec& s, const OptionRow& r) {
      try {
        set_option_text(s, r, r.type == OptionType::flag && value.empty() ? "1" : value, key);
      } catch (const InputError& e) {
        out.errors.push_back(e.what());
      }
    };
  }
  out.spec = apply_in_order(start_spec(nullptr, data_name), setters);
  return out;
}

std::string to_link(const RunSpec& spec) {
  std::string out;
  for (const OptionRow& r : option_table()) {
    if (r.hash_key.empty() || !in_scope(r.scope, spec)) continue;
    if (r.follows_seed && r.get(spec).number == double(spec.seed())) continue;
    const std::string text = option_text(r, spec);
    if (r.type == OptionType::int_list && text.empty()) continue;  // no list: the default
    if (r.type == OptionType::text && text.empty()) continue;
    out += (out.empty() ? "#" : "&") + r.hash_key + "=" + url_encode(text);
  }
  return out;
}

}  // namespace hqnn::run
