// The option table: every setting of a run as one row (option_rows.hpp), and
// the codecs that walk the rows, one per surface:
//
//   core/settings/option_value.hpp   a value's text and JSON forms, range checked before conversion
//   option_setting.hpp  option_text() / set_option_text(): one option, checked (scope, range, core)
//   command_line.hpp    parse_command_line(), command_help(), to_command_line()
//   run_link.hpp        parse_link() / to_link(): the link's hash ⇄ RunSpec, old keys
//   spec_json.hpp       spec_to_json() / spec_from_json()
//   run_equality.hpp    same_run() / run_differences()
//
// The model's rows are the core's (core/model_fields.hpp), the model file's
// schema. Other settings structs (the playground's view and map settings, the
// sweep) are Field<S> rows too (core/settings/field.hpp), read and written by
// core/settings/field_codecs.hpp.
#pragma once

#include "command_line.hpp"
#include "option_rows.hpp"
#include "option_setting.hpp"
#include "core/settings/option_value.hpp"
#include "run_equality.hpp"
#include "run_link.hpp"
#include "spec_json.hpp"
