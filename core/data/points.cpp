#include "data/points.hpp"

#include <algorithm>
#include <cmath>

#include "base/error.hpp"
#include "base/random.hpp"
#include "base/read.hpp"
#include "base/value.hpp"
#include "train/csv.hpp"

namespace bp {

namespace {

std::vector<std::string> split(const std::string& text, char by) {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (;;) {
    const auto end = text.find(by, start);
    out.push_back(text.substr(start, end == std::string::npos ? std::string::npos : end - start));
    if (end == std::string::npos) return out;
    start = end + 1;
  }
}

bool on_plane(double v) { return v >= -plane_extent && v <= plane_extent; }

bool is_class(double label) { return label >= 0 && label < max_point_classes && label == std::floor(label); }

void add(Points& p, double x, double y, double label) {
  p.x.push_back(x);
  p.y.push_back(y);
  p.label.push_back(label);
}

// The line numbers (from 1) of the lines the CSV reader takes as rows or as
// a header: those with a separator or with anything but blanks.
std::vector<long> data_lines(const std::string& text) {
  std::vector<long> lines;
  long number = 0;
  for (std::size_t start = 0; start < text.size();) {
    auto end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    ++number;
    const std::string line = text.substr(start, end - start);
    start = end + 1;
    if (line.find_first_of(",;\t") != std::string::npos || line.find_first_not_of(" \n\v\f\r") != std::string::npos) {
      lines.push_back(number);
    }
  }
  return lines;
}

}  // namespace

PointEdits parse_point_edits(const std::string& text, std::size_t generated, bool regression, std::size_t max_points) {
  PointEdits e;
  if (text.empty()) return e;
  const std::vector<std::string> items = split(text, '/');
  std::vector<bool> touched(generated, false);
  std::size_t count = generated;  // the generated points the items may name
  for (std::size_t n = 0; n < items.size(); ++n) {
    const std::string& item = items[n];
    const std::string where = std::to_string(n + 1);
    auto bad = [&] { return Error("points_item", "edits", {{"item", where}, {"value", item}}); };
    if (item == "own") {
      if (n != 0) throw bad();
      e.own = true;
      count = 0;
      continue;
    }
    const bool remove = !item.empty() && item[0] == 'd', move = !item.empty() && item[0] == 'm';
    std::vector<std::string> cells = split(remove || move ? item.substr(1) : item, ',');
    if (cells.size() != (remove ? 1u : 3u)) throw bad();
    std::vector<double> v;
    for (const auto& cell : cells) {
      // A number as the address writes it: no blanks, no other signs.
      if (cell.empty() || cell.find_first_not_of("0123456789.eE+-") != std::string::npos) throw bad();
      try {
        v.push_back(parse_number(cell, "edits"));
      } catch (const Error&) {
        throw bad();
      }
    }
    if (remove || move) {
      if (v[0] != std::floor(v[0]) || cells[0].find_first_not_of("0123456789") != std::string::npos) throw bad();
      if (!(v[0] >= 0 && v[0] < static_cast<double>(count))) {
        throw Error("points_index", "edits", {{"item", where}, {"index", cells[0]}, {"count", std::to_string(count)}});
      }
      const auto i = static_cast<std::size_t>(v[0]);
      if (touched[i]) throw Error("points_twice", "edits", {{"item", where}, {"index", cells[0]}});
      touched[i] = true;
      if (remove) {
        e.removed.push_back(i);
        continue;
      }
      v.erase(v.begin());
      if (!on_plane(v[0]) || !on_plane(v[1])) {
        throw Error("points_outside", "edits", {{"item", where}, {"x", shortest(v[0])}, {"y", shortest(v[1])}});
      }
      e.moved.push_back({i, v[0], v[1]});
      continue;
    }
    if (!on_plane(v[0]) || !on_plane(v[1])) {
      throw Error("points_outside", "edits", {{"item", where}, {"x", shortest(v[0])}, {"y", shortest(v[1])}});
    }
    if (!regression && !is_class(v[2])) {
      throw Error("points_class", "edits", {{"item", where}, {"max", std::to_string(max_point_classes - 1)}, {"value", shortest(v[2])}});
    }
    add(e.added, v[0], v[1], v[2]);
  }
  std::sort(e.removed.begin(), e.removed.end());
  std::sort(e.moved.begin(), e.moved.end(), [](const auto& a, const auto& b) { return a.index < b.index; });
  const std::size_t total = (e.own ? 0 : generated - e.removed.size()) + e.added.x.size();
  if (total > max_points) throw Error("too_many", "edits", {{"max", std::to_string(max_points)}, {"actual", std::to_string(total)}});
  return e;
}

PointEdits csv_point_edits(const std::string& text, bool regression, std::size_t max_points) {
  const Dataset d = parse_csv(text, 2, 1);
  const std::vector<long> lines = data_lines(text);
  // The rows are the data lines but a header.
  const std::size_t header = lines.size() - d.inputs.size();
  PointEdits e;
  e.own = true;
  for (std::size_t r = 0; r < d.inputs.size(); ++r) {
    const std::string line = std::to_string(lines[r + header]);
    const double x = d.inputs[r][0], y = d.inputs[r][1], label = d.targets[r][0];
    if (!on_plane(x) || !on_plane(y)) throw Error("csv_outside", "csv", {{"line", line}, {"x", shortest(x)}, {"y", shortest(y)}});
    if (!regression && !is_class(label)) {
      throw Error("csv_class", "csv", {{"line", line}, {"max", std::to_string(max_point_classes - 1)}, {"value", shortest(label)}});
    }
    add(e.added, x, y, label);
  }
  if (e.added.x.size() > max_points) {
    throw Error("too_many", "csv", {{"max", std::to_string(max_points)}, {"actual", std::to_string(e.added.x.size())}});
  }
  return e;
}

EditedPoints apply_point_edits(const Points& generated, const Split& split, const PointEdits& edits, double train_ratio,
                               std::uint64_t split_seed) {
  EditedPoints out;
  std::vector<bool> removed(generated.x.size(), false), train(generated.x.size(), false);
  for (std::size_t i : edits.removed) removed[i] = true;
  for (std::size_t i : split.train) train[i] = true;
  auto place = [&out](bool for_training) {
    const std::size_t at = out.points.x.size() - 1;
    (for_training ? out.split.train : out.split.test).push_back(at);
  };
  if (!edits.own) {
    auto move = edits.moved.begin();
    for (std::size_t i = 0; i < generated.x.size(); ++i) {
      if (removed[i]) continue;
      double x = generated.x[i], y = generated.y[i];
      if (move != edits.moved.end() && move->index == i) {
        x = move->x;
        y = move->y;
        ++move;
      }
      add(out.points, x, y, generated.label[i]);
      out.origin.push_back(static_cast<long>(i));
      place(train[i]);
    }
  }
  // u: the seed's first draw, offset so it is not the shuffle's.
  SplitMix64 r{split_seed ^ 0x5DEECE66Dull};
  const double u = r.unit();
  for (std::size_t k = 0; k < edits.added.x.size(); ++k) {
    add(out.points, edits.added.x[k], edits.added.y[k], edits.added.label[k]);
    out.origin.push_back(-static_cast<long>(k) - 1);
    const double kd = static_cast<double>(k);
    place(std::floor((kd + 1) * train_ratio + u) > std::floor(kd * train_ratio + u));
  }
  return out;
}

int edited_classes(const EditedPoints& e, int generated_classes, bool own) {
  int classes = own ? 2 : generated_classes;
  for (double label : e.points.label) classes = std::max(classes, static_cast<int>(label) + 1);
  return classes;
}

}  // namespace bp
