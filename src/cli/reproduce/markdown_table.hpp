// Numbers and tables in the Markdown of the reports.
#pragma once

#include <string>
#include <vector>

namespace hqnn::cli {

// printf format `f`; "nan", "inf", "-inf" for non-finite values.
std::string format_number(const char* f, double v);
// With a "+" before non-negative finite values: a difference.
std::string format_signed(const char* f, double v);

std::string table_row(const std::vector<std::string>& cells);
// The header row and the rule below it: the first column left-aligned, the others right-aligned.
std::string table_head(const std::vector<std::string>& cells);

}  // namespace hqnn::cli
