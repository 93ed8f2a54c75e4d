#include "data/feature_grid.hpp"

#include "data/features.hpp"

namespace bp {

void feature_grid(const Network& n, const std::vector<std::size_t>& features, const Domain& d, int width, int height,
                  std::vector<double>& values) {
  const auto& table = feature_table();
  const std::size_t L = n.layers.size(), F = features.size();
  const std::size_t P = static_cast<std::size_t>(width) * static_cast<std::size_t>(height);
  std::size_t neurons = F;
  for (const auto& layer : n.layers) neurons += static_cast<std::size_t>(layer.W.rows());
  values.resize(neurons * P);
  std::vector<Eigen::VectorXd> net(L + 1), out(L + 1);
  out[0].resize(static_cast<Eigen::Index>(F));
  for (int j = 0; j < height; ++j) {
    const double y = d.y0 + (d.y1 - d.y0) * j / (height - 1);
    for (int i = 0; i < width; ++i) {
      const double x = d.x0 + (d.x1 - d.x0) * i / (width - 1);
      const std::size_t p = static_cast<std::size_t>(j) * static_cast<std::size_t>(width) + static_cast<std::size_t>(i);
      for (std::size_t f = 0; f < F; ++f) {
        out[0][static_cast<Eigen::Index>(f)] = table[features[f]].f(x, y);
        values[f * P + p] = out[0][static_cast<Eigen::Index>(f)];
      }
      std::size_t k = F;
      for (std::size_t l = 1; l <= L; ++l) {
        const Layer& layer = n.layers[l - 1];
        // net_j = w_j1 out_1 + w_j2 out_2 + … + b_j, summed left to right as forward() sums it
        net[l].resize(layer.W.rows());
        for (Eigen::Index r = 0; r < layer.W.rows(); ++r) {
          double s = layer.W(r, 0) * out[l - 1][0];
          for (Eigen::Index c = 1; c < layer.W.cols(); ++c) s += layer.W(r, c) * out[l - 1][c];
          net[l][r] = s + layer.b[r];
        }
        activate(layer.activation, net[l], out[l]);
        for (Eigen::Index r = 0; r < out[l].size(); ++r) values[(k++) * P + p] = out[l][r];
      }
    }
  }
}

}  // namespace bp
