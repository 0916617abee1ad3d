// CSV datasets: a header row, numeric feature columns and one label column.
//
// Labels may be strings ("setosa") or numbers; classes are the distinct label
// values in sorted order. When every label is a number, labels equal as numbers
// ("0", "0.0", "-0") are one class, named by its first spelling in the file.
// Every problem is reported as an InputError naming the file, the line and what
// is wrong, e.g. "iris.csv line 12: expected 5 columns, got 4". A first row
// whose feature cells are all numbers is refused: it is a sample, not a header.
#pragma once

#include <string>

#include "core/dataset.hpp"

namespace hqnn {

struct CsvOptions {
  std::string label_column;  // a column name, or a 0-based index; empty: the last column
  char delimiter = ',';
  // Evaluating or predicting with a trained model: a file may hold one class
  // (even one row), and `unlabelled` reads every column as a feature (labels 0,
  // class_names empty: the model names the classes).
  bool one_class_ok = false;
  bool unlabelled = false;
};

// The delimiter an option value names: one character (',' ';' '|' ...) or
// "tab" / "\t" for a tab. Throws InputError for anything else.
char csv_delimiter_from(const std::string& value);

Dataset load_csv(const std::string& path, const CsvOptions& options = {});
// The same, from text already in memory (the browser's file picker); `source`
// names the data in messages.
Dataset parse_csv(const std::string& text, const std::string& source, const CsvOptions& options = {});

// The header's column names (the first non-blank line), for finding out
// whether a file has the label column before reading it.
std::vector<std::string> csv_header(const std::string& path, char delimiter);

// The iris data set shipped in assets/iris.csv (compiled into the library).
Dataset load_iris();
const char* iris_csv_text();

}  // namespace hqnn
