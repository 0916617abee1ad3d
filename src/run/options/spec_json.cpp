#include "spec_json.hpp"

#include <map>

#include "core/input_error.hpp"
#include "option_setting.hpp"

namespace hqnn::run {

Json spec_to_json(const RunSpec& spec) {
  Json j = Json::object();
  for (const OptionRow& r : option_table())
    if (r.changes_results && in_scope(r.scope, spec)) j.set(r.json_key, value_json(r, r.get(spec)));
  return j;
}

// The row a JSON key names. Older files wrote the attacked-layer list as
// "attack_layer_list" and K as "attack_layers" (a number, where the link's
// attack_layers is the list); both still load.
static const OptionRow* row_of_json_key(const std::string& key, const Json& value) {
  if (key == "attack_layer_list") return &option_row("attack-layer-list");
  if (key == "attack_layers" && value.is_number()) return &option_row("attack-layers");
  for (const OptionRow& r : option_table())
    if (!r.json_key.empty() && r.json_key == key) return &r;
  return nullptr;
}

RunSpec spec_from_json(const Json& json, const std::string& context) {
  std::map<std::string, Setter> setters;
  const std::string* data_name = nullptr;
  for (const auto& member : json.members(context)) {
    const std::string& key = member.first;
    const Json& value = member.second;
    const OptionRow* row = row_of_json_key(key, value);
    if (!row) throw InputError(context + ": unknown option '" + key + "'");
    if (row->name == "data") data_name = &value.as_string(context + ".data");
    setters[row->name] = [&value, context, key](RunSpec& s, const OptionRow& r) {
      const std::string what = context + "." + key;
      set_option_value(s, r, what, false, [&] { return value_of_json(r, value, what); });
    };
  }
  RunSpec spec = apply_in_order(start_spec(nullptr, data_name), setters);
  validate(spec);
  return spec;
}

}  // namespace hqnn::run
