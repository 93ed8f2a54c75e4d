// The backward pass against central finite differences, on random networks
// of several shapes, activations and losses.
#include <iomanip>

#include "random_net.hpp"
#include "support.hpp"

namespace {

double loss_of(const bp::Config& c) {
  return bp::forward(c.network, c.loss, c.inputs, c.targets).E_total;
}

// Near a kink (ReLU at 0, MAE at 0, SmoothL1 at beta) a difference quotient
// is meaningless: report such networks so the caller draws another.
bool near_kink(const bp::Config& c, double margin) {
  const bp::Forward f = bp::forward(c.network, c.loss, c.inputs, c.targets);
  for (std::size_t l = 1; l < f.net.size(); ++l) {
    if (c.network.layers[l - 1].activation == bp::Activation::relu && (f.net[l].array().abs() < margin).any()) return true;
  }
  const Eigen::ArrayXd x = (f.out.back() - c.targets).array().abs();
  if (c.loss.kind == bp::LossKind::mae && (x < margin).any()) return true;
  if (c.loss.kind == bp::LossKind::smooth_l1 && ((x - c.loss.beta).abs() < margin).any()) return true;
  return false;
}

void check_gradients(const bp::Config& c) {
  const bp::Forward f = bp::forward(c.network, c.loss, c.inputs, c.targets);
  const bp::Backward b = bp::backward(c.network, c.loss, f, c.targets);
  const double h = 1e-6;
  auto central = [&](auto&& perturb) {
    bp::Config plus = c, minus = c;
    perturb(plus, h);
    perturb(minus, -h);
    return (loss_of(plus) - loss_of(minus)) / (2 * h);
  };
  for (std::size_t l = 1; l <= c.network.layers.size(); ++l) {
    const auto& W = c.network.layers[l - 1].W;
    for (Eigen::Index j = 0; j < W.rows(); ++j) {
      for (Eigen::Index i = 0; i < W.cols(); ++i) {
        const double fd = central([&](bp::Config& x, double d) { x.network.layers[l - 1].W(j, i) += d; });
        INFO("layer " << l << " W(" << j << "," << i << ") analytic " << b.dW[l](j, i) << " finite difference " << fd);
        CHECK(bp::test::close(b.dW[l](j, i), fd, 1e-5, 1e-8));
      }
    }
    if (c.network.shared_bias) {
      const double fd = central([&](bp::Config& x, double d) { x.network.layers[l - 1].b.array() += d; });
      CHECK(bp::test::close(bp::shared_bias_gradient(b.db[l]), fd, 1e-5, 1e-8));
    } else {
      for (Eigen::Index j = 0; j < W.rows(); ++j) {
        const double fd = central([&](bp::Config& x, double d) { x.network.layers[l - 1].b[j] += d; });
        INFO("layer " << l << " b(" << j << ") analytic " << b.db[l][j] << " finite difference " << fd);
        CHECK(bp::test::close(b.db[l][j], fd, 1e-5, 1e-8));
      }
    }
  }
}

}  // namespace

TEST_CASE("gradients match central finite differences on random networks", "[gradcheck]") {
  using A = bp::Activation;
  using L = bp::LossKind;
  std::mt19937 rng(20261126);
  const std::vector<std::vector<Eigen::Index>> shapes = {{2, 2, 2}, {3, 4, 2}, {1, 3, 3, 1}, {4, 5, 3, 2}, {2, 1, 2}, {3, 2}};
  struct Case { A hidden, output; L loss; };
  const std::vector<Case> cases = {
      {A::sigmoid, A::sigmoid, L::half_sse}, {A::tanh, A::linear, L::mse},      {A::relu, A::linear, L::mse},
      {A::linear, A::tanh, L::half_sse},     {A::tanh, A::linear, L::mae},      {A::sigmoid, A::linear, L::smooth_l1},
      {A::tanh, A::sigmoid, L::bce},         {A::relu, A::linear, L::bce_logits}, {A::tanh, A::softmax, L::ce},
      {A::sigmoid, A::softmax, L::mse},
  };
  int checked = 0;
  for (const auto& shape : shapes) {
    for (const auto& k : cases) {
      for (const bool shared : {false, true}) {
        bp::Config c;
        do {
          c = bp::test::random_config(rng, shape, k.hidden, k.output, k.loss, shared);
        } while (near_kink(c, 1e-3));
        INFO("shape of " << shape.size() << " layers, hidden " << bp::activation_name(k.hidden) << ", output "
                         << bp::activation_name(k.output) << ", loss " << bp::loss_name(k.loss));
        check_gradients(c);
        ++checked;
      }
    }
  }
  CHECK(checked == 120);
}
