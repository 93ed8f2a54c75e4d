// A network over a 2-D input domain: every neuron's output at every point of
// a W x H grid, for the heat maps of a playground (the output neuron over the
// plane) and each neuron's thumbnail.
#pragma once

#include <vector>

#include "nn/network.hpp"

namespace bp {

struct Domain {
  double x0, x1, y0, y1;
};

// Point (i, j), i = 0 … W−1, j = 0 … H−1, is
//   x = x0 + (x1 − x0) i / (W − 1),  y = y0 + (y1 − y0) j / (H − 1)
// (the optimizer race's grids are laid out the same way).
//
// The values, neuron by neuron, each neuron a W x H image row by row from y0:
//   values[(k H + j) W + i] = out_k at point (i, j)
// where k counts every neuron from the inputs up: k = 0, 1 are the inputs
// x and y themselves, then layer 1's neurons, then layer 2's … to the outputs.
// The network must have two inputs.
void network_grid(const Network& n, const Domain& d, int width, int height, std::vector<double>& values);

// The same over any P points whose inputs are already in values' first rows
// (values[i P + p] = input i at point p): appends every layer's rows.
void network_rows(const Network& n, std::size_t P, std::vector<double>& values);

}  // namespace bp
