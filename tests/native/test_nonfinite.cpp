// NaN, infinity and values near overflow propagate as in PyTorch through
// every activation, loss and rule of the expression's automatic
// differentiation (tests/fixtures/nonfinite_pytorch.py).
#include <cmath>
#include <limits>

#include "optim/expression.hpp"
#include "fixtures.hpp"
#include "nn/network.hpp"
#include "support.hpp"

namespace {

double decode(const bp::Value& v) {
  if (v.is_number()) return v.as_number();
  const std::string& s = v.as_string();
  if (s == "NaN") return std::numeric_limits<double>::quiet_NaN();
  return s == "Infinity" ? std::numeric_limits<double>::infinity() : -std::numeric_limits<double>::infinity();
}

// Both NaN, the same infinity, or finite and within 1e-12 (relative);
// with sign, zeros of the same sign too.
bool same(double ours, double torch, bool sign = false) {
  if (std::isnan(torch)) return std::isnan(ours);
  if (std::isinf(torch)) return ours == torch;
  if (!std::isfinite(ours)) return false;
  if (sign && torch == 0 && ours == 0) return std::signbit(ours) == std::signbit(torch);
  return bp::test::close(ours, torch, 1e-12, 1e-300);
}

bp::Activation activation(const std::string& name) {
  const auto& names = bp::activation_names();
  for (std::size_t i = 0; i < names.size(); ++i)
    if (names[i] == name) return static_cast<bp::Activation>(i);
  FAIL("unknown activation " << name);
  return bp::Activation::linear;
}

bp::LossKind loss_kind(const std::string& name) {
  const auto& names = bp::loss_names();
  for (std::size_t i = 0; i < names.size(); ++i)
    if (names[i] == name) return static_cast<bp::LossKind>(i);
  FAIL("unknown loss " << name);
  return bp::LossKind::mse;
}

}  // namespace

TEST_CASE("an output layer of each activation under each loss passes NaN and infinity on as torch does", "[nonfinite][pytorch]") {
  const bp::Value fixture = bp::test::fixture("nonfinite_pytorch.json");
  int cases = 0;
  for (const auto& c : fixture.find("layers")->items()) {
    // The input is 0 and the weights 0, so net = 0 * 0 + b = z exactly.
    bp::Network n;
    n.inputs = 1;
    bp::Layer layer;
    layer.activation = activation(c.find("activation")->as_string());
    const auto& z = c.find("z")->items();
    const auto K = static_cast<Eigen::Index>(z.size());
    layer.W = Eigen::MatrixXd::Zero(K, 1);
    layer.b.resize(K);
    for (Eigen::Index k = 0; k < K; ++k) layer.b[k] = decode(z[static_cast<std::size_t>(k)]);
    n.layers.push_back(layer);
    bp::Loss loss;
    loss.kind = loss_kind(c.find("loss")->as_string());
    loss.beta = c.find("beta")->as_number();
    Eigen::VectorXd target(K), x = Eigen::VectorXd::Zero(1);
    for (Eigen::Index k = 0; k < K; ++k) target[k] = (*c.find("target"))[static_cast<std::size_t>(k)].as_number();

    const bp::Forward f = bp::forward(n, loss, x, target);
    const bp::Backward b = bp::backward(n, loss, f, target);
    INFO(c.find("activation")->as_string() << " + " << c.find("loss")->as_string() << " (beta " << loss.beta
                                           << ") at z = " << layer.b.transpose());
    for (Eigen::Index k = 0; k < K; ++k) {
      const double out = decode((*c.find("out"))[static_cast<std::size_t>(k)]);
      INFO("out_o" << k + 1 << ": ours " << f.out[1][k] << ", torch " << out);
      CHECK(same(f.out[1][k], out));
    }
    {
      const double E = decode(*c.find("E_total"));
      INFO("E_total: ours " << std::setprecision(17) << f.E_total << ", torch " << E);
      CHECK(same(f.E_total, E));
    }
    for (Eigen::Index k = 0; k < K; ++k) {
      const double g = decode((*c.find("dE_dz"))[static_cast<std::size_t>(k)]);
      INFO("dE_total/dnet_o" << k + 1 << ": ours " << std::setprecision(17) << b.delta[1][k] << ", torch " << g);
      CHECK(same(b.delta[1][k], g));
    }
    ++cases;
  }
  CHECK(cases > 300);
}

TEST_CASE("a typed function's gradient is torch.autograd's, overflow and NaN included", "[nonfinite][expression][pytorch]") {
  const bp::Value fixture = bp::test::fixture("nonfinite_pytorch.json");
  for (const auto& c : fixture.find("expressions")->items()) {
    const std::string text = c.find("expression")->as_string();
    const double x = decode(*c.find("x")), y = decode(*c.find("y"));
    const bp::Dual d = bp::evaluate_with_gradient(bp::parse_expression(text), x, y);
    const double value = decode(*c.find("value")), dx = decode(*c.find("dx")), dy = decode(*c.find("dy"));
    INFO(text << " at (" << x << ", " << y << "): ours " << std::setprecision(17) << d.value << " [" << d.dx << ", " << d.dy
              << "], torch " << value << " [" << dx << ", " << dy << "]");
    CHECK(same(d.value, value));
    CHECK(same(d.dx, dx, true));
    CHECK(same(d.dy, dy, true));
    // The value alone (the grid's) is the same.
    CHECK(same(bp::evaluate(bp::parse_expression(text), x, y), value));
  }
}

TEST_CASE("the issue's cases: a quotient and a power that overflow keep torch's finite gradient", "[nonfinite][expression]") {
  // x / (1 + exp(y)^2) at (1, 400): torch's backward gives (0, -0), not NaN.
  const bp::Dual q = bp::evaluate_with_gradient(bp::parse_expression("x/(1 + exp(y)^2)"), 1, 400);
  CHECK(q.value == 0);
  CHECK(q.dx == 0);
  CHECK(q.dy == 0);
  CHECK(std::signbit(q.dy));
  // y^4/4 at (0, 1e80): the value overflows, the gradient y^3 = 1e240 does not.
  const bp::Dual p = bp::evaluate_with_gradient(bp::parse_expression("y^4/4"), 0, 1e80);
  CHECK(std::isinf(p.value));
  CHECK(p.dx == 0);
  CHECK_REL(p.dy, 1e240, 1e-15);
}
