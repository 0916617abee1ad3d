// Setting a run's options, whatever surface gives them: each value is checked
// against its row's scope and format, the number's range before it is
// converted, then the core's checks (validate(), whose messages every surface
// shares: "layers (L) must be at least 1, got 0"), then the row's range.
// Messages about the option itself start with how it was named ("--lr", "lr").
#pragma once

#include <functional>
#include <map>
#include <string>

#include "option_rows.hpp"

namespace hqnn::run {

// A row's value as text (CLI/link form: "0.01", "0,1,2,3", "1" for a set flag).
std::string option_text(const OptionRow& row, const RunSpec& spec);
// Sets one option from text. `shown` names the option in messages ("--lr", "lr").
void set_option_text(RunSpec& spec, const OptionRow& row, const std::string& text, const std::string& shown);
// The same for a value read some other way (JSON); `cli` picks how scope messages name options.
void set_option_value(RunSpec& spec, const OptionRow& row, const std::string& shown, bool cli,
                      const std::function<OptionValue()>& value);

// Options given by row name, applied `data` first, then `seed`, then in table order.
using Setter = std::function<void(RunSpec&, const OptionRow&)>;
RunSpec apply_in_order(RunSpec spec, const std::map<std::string, Setter>& given);
// The starting point: `base`, or the defaults for the data named (if any).
RunSpec start_spec(const RunSpec* base, const std::string* data_name);

}  // namespace hqnn::run
