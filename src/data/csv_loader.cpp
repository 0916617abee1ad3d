#include "csv_loader.hpp"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <map>
#include <sstream>

#include "core/whole_file.hpp"

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

// How the user names a delimiter on the command line.
std::string delimiter_option(char delim) {
  return delim == '\t' ? "--delimiter tab" : std::string("--delimiter '") + delim + "'";
}

// A hint for a header that split into one column: the first other usual
// delimiter found in it.
std::string delimiter_hint(const std::string& header_line, char delim) {
  for (const char candidate : {';', '\t', ',', '|'})
    if (candidate != delim && header_line.find(candidate) != std::string::npos)
      return std::string(" (the header holds ") + (candidate == '\t' ? "tabs" : std::string("'") + candidate + "'") +
             ": is the file separated by them? use " + delimiter_option(candidate) + ")";
  return "";
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
  // Model files check features by name, so a name may stand for one column only.
  for (size_t c = 0; c < columns; ++c)
    for (size_t k = c + 1; k < columns; ++k)
      if (header[c] == header[k])
        throw InputError(source + " line " + std::to_string(header_line) + ": columns " + std::to_string(c + 1) + " and " +
                         std::to_string(k + 1) + " are both named '" + header[c] + "'; give each column its own name");
  if (options.unlabelled && columns < 1) throw InputError(source + ": no columns");
  if (columns < 2 && !options.unlabelled)
    throw InputError(source + " line " + std::to_string(header_line) +
                     ": found 1 column; need at least one feature and a label" + delimiter_hint(line, options.delimiter));

  size_t label_col = options.unlabelled ? columns : columns - 1;  // `columns`: none
  if (!options.label_column.empty() && !options.unlabelled) {
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

  // A file without a header would lose its first sample to the column names.
  bool header_is_a_sample = true;
  for (size_t c = 0; c < columns; ++c) {
    double v;
    if (c != label_col) header_is_a_sample = header_is_a_sample && parse_number(header[c], v);
  }
  if (header_is_a_sample)
    throw InputError(source + " line " + std::to_string(header_line) +
                     ": the first row holds numbers, not column names; add a header row naming the columns (e.g. "
                     "x1,x2,label) as the first line, or its first sample would be lost");

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
    row.reserve(columns);
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
    if (options.unlabelled) {
      rows.push_back(std::move(row));
      raw_labels.push_back("0");
      continue;
    }
    if (cells[label_col].empty()) throw InputError(where + ", column '" + header[label_col] + "': empty label");
    rows.push_back(std::move(row));
    raw_labels.push_back(cells[label_col]);
  }
  if (rows.empty()) throw InputError(source + ": no data rows after the header");

  // classes in sorted order; numerically when every label is a number, with
  // labels equal as numbers ("0", "0.0") one class, named by the first spelling
  std::vector<std::string> names;
  std::map<std::string, int> class_of;
  bool numeric = true;
  std::vector<double> values(raw_labels.size());
  for (size_t i = 0; i < raw_labels.size() && numeric; ++i)
    numeric = parse_number(raw_labels[i], values[i]) && std::isfinite(values[i]);  // "nan" sorts as text
  if (numeric) {
    std::map<double, std::string> spelling;  // -0 == 0, so they share one key
    for (size_t i = 0; i < raw_labels.size(); ++i) spelling.emplace(values[i], raw_labels[i]);
    std::map<double, int> index;
    for (const auto& [value, name] : spelling) {
      index[value] = static_cast<int>(names.size());
      names.push_back(name);
    }
    for (size_t i = 0; i < raw_labels.size(); ++i) class_of[raw_labels[i]] = index.at(values[i]);
  } else {
    names = raw_labels;
    std::sort(names.begin(), names.end());
    names.erase(std::unique(names.begin(), names.end()), names.end());
    for (size_t i = 0; i < names.size(); ++i) class_of[names[i]] = static_cast<int>(i);
  }

  Dataset d;
  d.name = base_name(source);
  d.class_names = names;
  for (size_t c = 0; c < columns; ++c)
    if (c != label_col) d.feature_names.push_back(header[c]);
  d.features.resize(static_cast<Index>(rows.size()), static_cast<Index>(d.feature_names.size()));
  d.labels.resize(rows.size());
  for (size_t r = 0; r < rows.size(); ++r) {
    for (size_t c = 0; c < rows[r].size(); ++c) d.features(static_cast<Index>(r), static_cast<Index>(c)) = static_cast<Real>(rows[r][c]);
    d.labels[r] = class_of[raw_labels[r]];
  }
  if (options.unlabelled) {
    d.class_names.clear();
    return d;
  }
  if (d.class_count() < 2 && !options.one_class_ok)
    throw InputError(source + ": the label column '" + header[label_col] + "' has only one class ('" + names[0] +
                     "'); classification needs at least two (is the right column chosen as label?)");
  if (!options.one_class_ok) d.validate();
  return d;
}

std::vector<std::string> csv_header(const std::string& path, char delimiter) {
  const std::string text = read_whole_file(path);
  std::istringstream in(text);
  std::string line;
  std::vector<std::string> header;
  for (int n = 1; std::getline(in, line); ++n) {
    if (n == 1 && line.rfind("\xEF\xBB\xBF", 0) == 0) line = line.substr(3);
    if (trim(line).empty()) continue;
    if (!split_line(line, delimiter, header)) throw InputError(path + " line " + std::to_string(n) + ": unterminated quote");
    return header;
  }
  throw InputError(path + ": empty file (expected a header row, then one row per sample)");
}

Dataset load_csv(const std::string& path, const CsvOptions& options) {
  return parse_csv(read_whole_file(path), path, options);
}

char csv_delimiter_from(const std::string& value) {
  if (value == "tab" || value == "\\t" || value == "\t") return '\t';
  if (value.size() == 1 && value[0] != '"' && value[0] != '\n' && value[0] != '\r') return value[0];
  throw InputError("--delimiter: expected one character (e.g. ',' or ';') or 'tab', got '" + value + "'");
}

Dataset load_iris() {
  Dataset d = parse_csv(iris_csv_text(), "iris.csv", {});
  d.name = "iris";
  return d;
}

}  // namespace hqnn
