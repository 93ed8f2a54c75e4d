// A student's own data, pasted as rows: inputs, then targets. Commas,
// semicolons, tabs or spaces separate the numbers; a first line that holds
// no number at all is a header.
#include "train/csv.hpp"

#include <cstddef>

#include "base/error.hpp"
#include "base/read.hpp"

namespace bp {

namespace {

// A line's cells: split on commas, semicolons or tabs when it has any,
// else on runs of spaces.
std::vector<std::string> cells(const std::string& line) {
  std::vector<std::string> out;
  if (line.find_first_of(",;\t") == std::string::npos) {
    const char* blank = " \n\v\f\r";
    for (auto start = line.find_first_not_of(blank); start != std::string::npos;
         start = line.find_first_not_of(blank, start)) {
      const auto end = line.find_first_of(blank, start);
      out.push_back(line.substr(start, end == std::string::npos ? std::string::npos : end - start));
      start = end;
    }
    return out;
  }
  std::string cell;
  auto flush = [&] {
    const auto first = cell.find_first_not_of(" \r");
    out.push_back(first == std::string::npos ? "" : cell.substr(first, cell.find_last_not_of(" \r") - first + 1));
    cell.clear();
  };
  for (char c : line) {
    if (c == ',' || c == ';' || c == '\t') flush();
    else cell += c;
  }
  flush();
  return out;
}

bool is_number(const std::string& text) {
  try {
    parse_number(text, "");
    return true;
  } catch (const Error&) {
    return false;
  }
}

}  // namespace

Dataset parse_csv(const std::string& text, long inputs, long targets) {
  Dataset data;
  long number = 0;
  bool first = true;
  const long width = inputs + targets;
  // Each line, without its '\n'; no line after a final '\n'.
  for (std::size_t start = 0; start < text.size();) {
    auto end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    const std::string line = text.substr(start, end - start);
    start = end + 1;
    ++number;
    const std::vector<std::string> row = cells(line);
    if (row.empty()) continue;
    if (first) {
      first = false;
      bool header = true;
      for (const auto& cell : row) header = header && !is_number(cell);
      if (header) continue;
    }
    if (static_cast<long>(row.size()) != width) {
      throw Error("csv_columns", "csv",
                  {{"line", std::to_string(number)}, {"expected", std::to_string(width)},
                   {"inputs", std::to_string(inputs)}, {"targets", std::to_string(targets)},
                   {"actual", std::to_string(row.size())}});
    }
    Eigen::VectorXd x(inputs), t(targets);
    for (long c = 0; c < width; ++c) {
      double value = 0;
      try {
        value = parse_number(row[static_cast<std::size_t>(c)], "");
      } catch (const Error& e) {
        throw Error(e.code() == "not_finite" ? "csv_not_finite" : "csv_not_a_number", "csv",
                    {{"line", std::to_string(number)}, {"column", std::to_string(c + 1)},
                     {"value", row[static_cast<std::size_t>(c)]}});
      }
      if (c < inputs) x[c] = value;
      else t[c - inputs] = value;
    }
    data.inputs.push_back(x);
    data.targets.push_back(t);
    if (data.inputs.size() > max_examples) {
      throw Error("too_many", "csv", {{"max", std::to_string(max_examples)}, {"actual", std::to_string(data.inputs.size())}});
    }
  }
  if (data.inputs.empty()) throw Error("csv_empty", "csv");
  return data;
}

}  // namespace bp
