#include "nn/init.hpp"

#include <cmath>

#include "base/random.hpp"

namespace bp {

namespace {

// Uniform on [lo, hi): 53 random bits scaled.
struct Random : SplitMix64 {
  double uniform(double lo, double hi) { return lo + (hi - lo) * unit(); }
};

}  // namespace

Config initial_network(const std::vector<Eigen::Index>& sizes, const std::vector<Activation>& activations,
                       const Loss& loss, std::uint64_t seed) {
  Random rng{{seed}};
  Config c;
  c.network.inputs = sizes[0];
  c.network.shared_bias = false;
  c.train_biases = true;
  c.loss = loss;
  c.learning_rate = 0.1;
  for (std::size_t l = 1; l < sizes.size(); ++l) {
    Layer layer;
    layer.activation = activations[l - 1];
    const double bound = 1.0 / std::sqrt(static_cast<double>(sizes[l - 1]));
    layer.W.resize(sizes[l], sizes[l - 1]);
    for (Eigen::Index j = 0; j < sizes[l]; ++j)
      for (Eigen::Index i = 0; i < sizes[l - 1]; ++i) layer.W(j, i) = rng.uniform(-bound, bound);
    layer.b.resize(sizes[l]);
    for (Eigen::Index j = 0; j < sizes[l]; ++j) layer.b[j] = rng.uniform(-bound, bound);
    c.network.layers.push_back(layer);
  }
  c.inputs = Eigen::VectorXd::Zero(sizes[0]);
  c.targets = Eigen::VectorXd::Zero(sizes.back());
  if (loss.kind == LossKind::ce) c.targets[0] = 1;
  return c;
}

}  // namespace bp
