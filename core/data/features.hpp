// The playground's input features: what the network reads of a point (x, y).
// One entry each — the name, the function, its LaTeX and the catalogs' key
// (feature.<name>) — as TensorFlow Playground offers them:
//   x, y, x², y², xy, sin x, sin y.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace bp {

struct FeatureInfo {
  std::string name;  // the spec's name and the catalogs' key (feature.<name>)
  double (*f)(double x, double y);
  std::string tex;   // in x and y
};

const std::vector<FeatureInfo>& feature_table();
std::optional<std::size_t> find_feature(const std::string& name);

// The network's inputs for the points: for point p and chosen feature j,
// inputs[p F + j] = feature_j(x_p, y_p), F the number of features.
void feature_inputs(const std::vector<std::size_t>& features, const double* x, const double* y, std::size_t points,
                    std::vector<double>& inputs);

}  // namespace bp
