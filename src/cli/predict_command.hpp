// `hqnn predict --model M.json --data FILE.csv|IMAGE-SET [--json]`: the
// predicted class and the class probabilities of every row of a CSV (with or
// without its label column) or every image of an image set's split, with the
// model's own scaling and CSV options (delimiter, label column) unless given.
//
//   CSV (default):  row,predicted,p.<class 1>,...,p.<class k>[,label]
//   --json:         { "model_file", "data", "classes": [...], "rows": [ { "row": 1,
//                     "predicted": "setosa", "probabilities": [...], "label": "setosa" }, ... ] }
// Rows are numbered from 1 in file order; "label" is there when the data has labels.
#pragma once

#include <cstdio>
#include <string>
#include <vector>

namespace hqnn::cli {

int predict_command(const std::vector<std::string>& argv, std::FILE* out);
std::string predict_help();

}  // namespace hqnn::cli
