#include "nn/init.hpp"

#include <cmath>

namespace bp {

namespace {

// splitmix64: a small generator whose output is the same everywhere.
struct Random {
  std::uint64_t state;
  std::uint64_t next() {
    std::uint64_t z = (state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  // Uniform on [lo, hi): 53 random bits scaled.
  double uniform(double lo, double hi) { return lo + (hi - lo) * (static_cast<double>(next() >> 11) * 0x1.0p-53); }
};

}  // namespace

Config initial_network(const std::vector<Eigen::Index>& sizes, const std::vector<Activation>& activations,
                       const Loss& loss, std::uint64_t seed) {
  Random rng{seed};
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
