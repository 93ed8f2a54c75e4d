#include "data/features.hpp"

#include <cmath>

namespace bp {

const std::vector<FeatureInfo>& feature_table() {
  static const std::vector<FeatureInfo> table = {
      {"x", [](double x, double) { return x; }, "x"},
      {"y", [](double, double y) { return y; }, "y"},
      {"x2", [](double x, double) { return x * x; }, "x^2"},
      {"y2", [](double, double y) { return y * y; }, "y^2"},
      {"xy", [](double x, double y) { return x * y; }, "x y"},
      {"sinx", [](double x, double) { return std::sin(x); }, "\\sin x"},
      {"siny", [](double, double y) { return std::sin(y); }, "\\sin y"},
  };
  return table;
}

std::optional<std::size_t> find_feature(const std::string& name) {
  const auto& table = feature_table();
  for (std::size_t i = 0; i < table.size(); ++i)
    if (table[i].name == name) return i;
  return std::nullopt;
}

void feature_inputs(const std::vector<std::size_t>& features, const double* x, const double* y, std::size_t points,
                    std::vector<double>& inputs) {
  const auto& table = feature_table();
  const std::size_t F = features.size();
  inputs.resize(points * F);
  for (std::size_t p = 0; p < points; ++p)
    for (std::size_t j = 0; j < F; ++j) inputs[p * F + j] = table[features[j]].f(x[p], y[p]);
}

}  // namespace bp
