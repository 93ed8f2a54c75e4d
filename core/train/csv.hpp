// Rows of numbers as a dataset (csv.cpp).
#pragma once

#include <string>

#include "train/training_loop.hpp"

namespace bp {

inline constexpr std::size_t max_examples = 1000;

// Throws bp::Error naming the line (and column): csv_empty, csv_columns,
// csv_not_a_number, csv_not_finite, too_many.
Dataset parse_csv(const std::string& text, long inputs, long targets);

}  // namespace bp
