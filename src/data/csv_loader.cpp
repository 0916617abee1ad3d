#include "csv_loader.hpp"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>

namespace hqnn {

namespace {

std::string trim(const std::string& s) {
  size_t b = 0, e = s.size();
  while (b < e && (s[b] == ' ' || s[b] == '\t' || s[b] == '\r')) ++b;
  while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t' || s[e - 1] == '\r')) --e;
  return s.substr(b, e - b);
}

// Splits one line; double-quoted fields may contain the delimiter ("" is a quote).
bool split_line(const std::string& line, char delim, std::vector<std::string>& out) {
  out.clear();
  std::string cell;
  bool quoted = false;
  for (size_t i = 0; i < line.size(); ++i) {
    const char ch = line[i];
    if (quoted) {
      if (ch == '"' && i + 1 < line.size() && line[i + 1] == '"') cell += '"', ++i;
      else if (ch == '"') quoted = false;
      else cell += ch;
    } else if (ch == '"') {
      quoted = true;
    } else if (ch == delim) {
      out.push_back(trim(cell));
      cell.clear();
    } else {
      cell += ch;
    }
  }
  out.push_back(trim(cell));
  return !quoted;
}

bool parse_number(const std::string& s, double& value) {
  if (s.empty()) return false;
  char* end = nullptr;
  errno = 0;
  value = std::strtod(s.c_str(), &end);
  return end == s.c_str() + s.size();
}

std::string base_name(const std::string& path) {
  const size_t slash = path.find_last_of('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

}  // namespace

Dataset parse_csv(const std::string& text, const std::string& source, const CsvOptions& options) {
  std::istringstream in(text);
  std::string line;
  std::vector<std::string> header, cells;
  int line_no = 0, header_line = 0;
  // header: the first non-blank line (a UTF-8 byte-order mark is skipped)
  while (std::getline(in, line)) {
    ++line_no;
    if (line_no == 1 && line.rfind("\xEF\xBB\xBF", 0) == 0) line = line.substr(3);
    if (!trim(line).empty()) {
      header_line = line_no;
      break;
    }
  }
  if (header_line == 0) throw InputError(source + ": empty file (expected a header row, then one row per sample)");
  if (!split_line(line, options.delimiter, header))
    throw InputError(source + " line " + std::to_string(header_line) + ": unterminated quote");
  const size_t columns = header.size();
  if (columns < 2)
    throw InputError(source + " line " + std::to_string(header_line) + ": found 1 column; need at least one feature and a label" +
                     (options.delimiter == ',' ? " (is the file separated by ';' or tabs? set the delimiter)" : ""));

  size_t label_col = columns - 1;
  if (!options.label_column.empty()) {
    auto it = std::find(header.begin(), header.end(), options.label_column);
    double idx = 0;
    if (it != header.end()) {
      label_col = static_cast<size_t>(it - header.begin());
    } else if (parse_number(options.label_column, idx) && idx >= 0 && idx == std::floor(idx)) {
      if (idx >= static_cast<double>(columns))
        throw InputError(source + ": label column index " + options.label_column + " is out of range (the file has " +
                         std::to_string(columns) + " columns, 0.." + std::to_string(columns - 1) + ")");
      label_col = static_cast<size_t>(idx);
    } else {
      std::string names;
      for (size_t i = 0; i < columns; ++i) names += (i ? ", " : "") + header[i];
      throw InputError(source + ": no column named '" + options.label_column + "' (columns: " + names + ")");
    }
  }

  std::vector<std::vector<double>> rows;
  std::vector<std::string> raw_labels;
  while (std::getline(in, line)) {
    ++line_no;
    if (trim(line).empty()) continue;
    const std::string where = source + " line " + std::to_string(line_no);
    if (!split_line(line, options.delimiter, cells)) throw InputError(where + ": unterminated quote");
    if (cells.size() != columns)
      throw InputError(where + ": expected " + std::to_string(columns) + " columns, got " + std::to_string(cells.size()));
    std::vector<double> row;
    row.reserve(columns - 1);
    for (size_t c = 0; c < columns; ++c) {
      if (c == label_col) continue;
      double v = 0;
      if (cells[c].empty()) throw InputError(where + ", column '" + header[c] + "': empty cell");
      if (!parse_number(cells[c], v))
        throw InputError(where + ", column '" + header[c] + "': '" + cells[c] + "' is not a number");
      if (!std::isfinite(v) || errno == ERANGE)
        throw InputError(where + ", column '" + header[c] + "': '" + cells[c] + "' is not a finite number");
      row.push_back(v);
    }
    if (cells[label_col].empty()) throw InputError(where + ", column '" + header[label_col] + "': empty label");
    rows.push_back(std::move(row));
    raw_labels.push_back(cells[label_col]);
  }
  if (rows.empty()) throw InputError(source + ": no data rows after the header");

  // classes in sorted order, numerically if every label is a number
  std::vector<std::string> names(raw_labels);
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  bool numeric = true;
  for (const auto& n : names) {
    double v;
    numeric = numeric && parse_number(n, v) && std::isfinite(v);  // "nan" sorts as text
  }
  if (numeric)
    std::sort(names.begin(), names.end(), [](const std::string& a, const std::string& b) {
      return std::strtod(a.c_str(), nullptr) < std::strtod(b.c_str(), nullptr);
    });
  std::map<std::string, int> class_of;
  for (size_t i = 0; i < names.size(); ++i) class_of[names[i]] = static_cast<int>(i);

  Dataset d;
  d.name = base_name(source);
  d.class_names = names;
  for (size_t c = 0; c < columns; ++c)
    if (c != label_col) d.feature_names.push_back(header[c]);
  d.features.resize(static_cast<Index>(rows.size()), static_cast<Index>(columns - 1));
  d.labels.resize(rows.size());
  for (size_t r = 0; r < rows.size(); ++r) {
    for (size_t c = 0; c < rows[r].size(); ++c) d.features(static_cast<Index>(r), static_cast<Index>(c)) = static_cast<Real>(rows[r][c]);
    d.labels[r] = class_of[raw_labels[r]];
  }
  if (d.class_count() < 2)
    throw InputError(source + ": the label column '" + header[label_col] + "' has only one class ('" + names[0] +
                     "'); classification needs at least two (is the right column chosen as label?)");
  d.validate();
  return d;
}

Dataset load_csv(const std::string& path, const CsvOptions& options) {
  std::ifstream f(path, std::ios::binary);
  if (!f) throw InputError(path + ": cannot open the file (does it exist and is it readable?)");
  std::ostringstream ss;
  ss << f.rdbuf();
  return parse_csv(ss.str(), path, options);
}

Dataset load_iris() {
  Dataset d = parse_csv(iris_csv_text(), "iris.csv", {});
  d.name = "iris";
  return d;
}

}  // namespace hqnn
