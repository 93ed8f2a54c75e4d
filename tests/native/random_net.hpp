// Random networks for property tests.
#pragma once

#include <random>
#include <vector>

#include "nn/config.hpp"

namespace bp::test {

inline Config random_config(std::mt19937& rng, const std::vector<Eigen::Index>& sizes, Activation hidden,
                            Activation output, LossKind loss, bool shared_bias) {
  std::uniform_real_distribution<double> u(-1.0, 1.0), p(0.05, 0.95);
  Config c;
  c.network.inputs = sizes[0];
  c.network.shared_bias = shared_bias;
  for (std::size_t l = 1; l < sizes.size(); ++l) {
    Layer layer;
    layer.activation = l + 1 == sizes.size() ? output : hidden;
    layer.W = Eigen::MatrixXd::NullaryExpr(sizes[l], sizes[l - 1], [&] { return u(rng); });
    layer.b = shared_bias ? Eigen::VectorXd::Constant(sizes[l], u(rng))
                          : Eigen::VectorXd(Eigen::VectorXd::NullaryExpr(sizes[l], [&] { return u(rng); }));
    c.network.layers.push_back(layer);
  }
  c.inputs = Eigen::VectorXd::NullaryExpr(sizes[0], [&] { return u(rng); });
  const Eigen::Index K = sizes.back();
  c.targets = Eigen::VectorXd::NullaryExpr(K, [&] { return loss == LossKind::bce || loss == LossKind::bce_logits ? p(rng) : u(rng); });
  if (loss == LossKind::ce) {
    c.targets = Eigen::VectorXd::NullaryExpr(K, [&] { return p(rng); });
    c.targets /= c.targets.sum();
  }
  c.loss.kind = loss;
  c.loss.beta = 0.5;
  c.learning_rate = 0.1;
  return c;
}

}  // namespace bp::test
