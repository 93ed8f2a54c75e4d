#include "data/feature_grid.hpp"

#include "data/features.hpp"

namespace bp {

void feature_grid(const Network& n, const std::vector<std::size_t>& features, const Domain& d, int width, int height,
                  std::vector<double>& values) {
  const auto& table = feature_table();
  const std::size_t P = static_cast<std::size_t>(width) * static_cast<std::size_t>(height);
  values.resize(features.size() * P);
  for (int j = 0; j < height; ++j) {
    const double y = d.y0 + (d.y1 - d.y0) * j / (height - 1);
    for (int i = 0; i < width; ++i) {
      const double x = d.x0 + (d.x1 - d.x0) * i / (width - 1);
      const std::size_t p = static_cast<std::size_t>(j) * static_cast<std::size_t>(width) + static_cast<std::size_t>(i);
      for (std::size_t f = 0; f < features.size(); ++f) values[f * P + p] = table[features[f]].f(x, y);
    }
  }
  network_rows(n, P, values);
}

}  // namespace bp
