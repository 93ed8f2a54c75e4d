#include "nn/grid.hpp"

#include <cstring>

namespace bp {

namespace {

// Point p of the grid: x = x0 + (x1 - x0) i / (W - 1), y = y0 + (y1 - y0) j / (H - 1).
void inputs(const Domain& d, int width, int height, double* x, double* y) {
  for (int j = 0; j < height; ++j) {
    const double yj = d.y0 + (d.y1 - d.y0) * j / (height - 1);
    for (int i = 0; i < width; ++i) {
      const std::size_t p = static_cast<std::size_t>(j) * static_cast<std::size_t>(width) + static_cast<std::size_t>(i);
      x[p] = d.x0 + (d.x1 - d.x0) * i / (width - 1);
      y[p] = yj;
    }
  }
}

// A whole-layer activation (softmax) needs the layer at one point: point by point.
void whole_layer(const Layer& layer, const double* in, double* out, std::size_t P) {
  Eigen::VectorXd net(layer.W.rows()), o;
  for (std::size_t p = 0; p < P; ++p) {
    for (Eigen::Index r = 0; r < layer.W.rows(); ++r) net[r] = in[static_cast<std::size_t>(r) * P + p];
    layer.activation->forward(net, o);
    for (Eigen::Index r = 0; r < layer.W.rows(); ++r) out[static_cast<std::size_t>(r) * P + p] = o[r];
  }
}

}  // namespace

// Layer by layer over every point at once: each neuron's values are one
// contiguous row, so a net is a few passes over arrays,
//   net_r = w_r1 out_1 + w_r2 out_2 + … + b_r   (summed left to right, as forward() sums it)
// and the activation one call over the row.
void network_rows(const Network& n, std::size_t P, std::vector<double>& values) {
  std::size_t neurons = static_cast<std::size_t>(n.inputs);
  for (const auto& layer : n.layers) neurons += static_cast<std::size_t>(layer.W.rows());
  values.resize(neurons * P);
  Eigen::VectorXd net(static_cast<Eigen::Index>(P)), out;
  std::size_t below = 0;        // the first row of the layer below
  std::size_t at = n.inputs;    // the first row of this layer
  std::vector<double> nets;     // a whole-layer activation's nets
  for (const Layer& layer : n.layers) {
    const bool whole = layer.activation->whole_layer;
    if (whole) nets.resize(static_cast<std::size_t>(layer.W.rows()) * P);
    for (Eigen::Index r = 0; r < layer.W.rows(); ++r) {
      double* s = net.data();
      const double* in = values.data() + below * P;
      const double w0 = layer.W(r, 0);
      for (std::size_t p = 0; p < P; ++p) s[p] = w0 * in[p];
      for (Eigen::Index c = 1; c < layer.W.cols(); ++c) {
        const double w = layer.W(r, c);
        const double* inc = in + static_cast<std::size_t>(c) * P;
        for (std::size_t p = 0; p < P; ++p) s[p] += w * inc[p];
      }
      const double b = layer.b[r];
      for (std::size_t p = 0; p < P; ++p) s[p] += b;
      if (whole) {
        std::memcpy(nets.data() + static_cast<std::size_t>(r) * P, s, P * sizeof(double));
      } else {
        layer.activation->forward(net, out);
        std::memcpy(values.data() + (at + static_cast<std::size_t>(r)) * P, out.data(), P * sizeof(double));
      }
    }
    if (whole) whole_layer(layer, nets.data(), values.data() + at * P, P);
    below = at;
    at += static_cast<std::size_t>(layer.W.rows());
  }
}

void network_grid(const Network& n, const Domain& d, int width, int height, std::vector<double>& values) {
  const std::size_t P = static_cast<std::size_t>(width) * static_cast<std::size_t>(height);
  values.resize(static_cast<std::size_t>(n.inputs) * P);
  inputs(d, width, height, values.data(), values.data() + P);
  network_rows(n, P, values);
}

}  // namespace bp
