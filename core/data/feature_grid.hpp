// A network that reads input features of the plane (features.hpp) over a
// W x H grid: every neuron's output at every point, for the playground's
// heat map and thumbnails when the inputs are x², sin x, … rather than x, y.
#pragma once

#include <vector>

#include "nn/grid.hpp"

namespace bp {

// As network_grid lays them out (grid.hpp), but the first F images are the
// features themselves (the network's inputs): at point (i, j),
//   values[(k H + j) W + i] = feature_k(x, y) for k < F, then each layer's neurons.
// The network must have F = features.size() inputs.
void feature_grid(const Network& n, const std::vector<std::size_t>& features, const Domain& d, int width, int height,
                  std::vector<double>& values);

}  // namespace bp
