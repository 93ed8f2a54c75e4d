// The student's own points on the playground's plane: points added by a
// click, generated points moved or removed, or a whole set pasted as CSV.
//
// The edits are kept apart from the generated set, so a link holds only
// them (the generated points come back from the seed). As text, items
// separated by "/", numbers in an item by ",":
//
//   own          the generated points are left out (first item only)
//   d12          generated point 12 is removed
//   m12,1.5,-2   generated point 12 is moved to (1.5, −2)
//   1.5,-2,1     a point is added at (1.5, −2), of class 1 (or value 1)
//
// A point lies on the plane, x and y in [−6, 6]; a class is a whole number
// 0 … 7; a regression value any finite number.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "data/datasets.hpp"

namespace bp {

inline constexpr double plane_extent = 6;
inline constexpr int max_point_classes = 8;

struct PointEdits {
  bool own = false;
  std::vector<std::size_t> removed;  // ascending
  struct Move {
    std::size_t index;
    double x, y;
  };
  std::vector<Move> moved;  // ascending by index
  Points added;
};

// Reads the edits' text against `generated` points (0 when own). Throws
// bp::Error naming the item (from 1): points_item, points_index,
// points_twice, points_outside, points_class; too_many past `max_points`
// in all.
PointEdits parse_point_edits(const std::string& text, std::size_t generated, bool regression, std::size_t max_points);

// A pasted CSV, rows of x, y, label (the training page's reader, its errors
// by line), as edits: own, every row added. Throws csv_* by line, and
// csv_outside, csv_class.
PointEdits csv_point_edits(const std::string& text, bool regression, std::size_t max_points);

// The edits applied: the generated points kept, in order (a moved one at its
// new place), then the added ones. `origin` is each point's generated index,
// or −(k + 1) for added point k.
//
// The split: a generated point keeps its side of the generated set's split;
// added point k is for training when floor((k + 1) r + u) > floor(k r + u),
// r the training share and u in [0, 1) drawn from the split seed — of the
// first m added points, floor or ceil of m r train, and adding a point never
// moves another.
struct EditedPoints {
  Points points;
  std::vector<long> origin;
  Split split;
};
EditedPoints apply_point_edits(const Points& generated, const Split& split, const PointEdits& edits, double train_ratio,
                               std::uint64_t split_seed);

// The classes of the edited points: at least `generated_classes` (2 when
// own), and one more than the largest label.
int edited_classes(const EditedPoints& e, int generated_classes, bool own);

}  // namespace bp
