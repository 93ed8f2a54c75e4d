// Leaky ReLU, SiLU and GELU as PyTorch defines them: their values, their
// derivatives (the backward step agrees with dout/dnet and with a central
// difference) and what the catalog says of them. Their training against
// PyTorch is in test_playground_epoch.cpp.
#include <catch2/catch.hpp>

#include <cmath>

#include "api/api.hpp"
#include "nn/activation.hpp"

namespace {

std::string field(const std::string& name, const char* key) {
  const bp::Value list = bp::api::activations();
  for (const auto& a : list.items())
    if (a.find("name")->as_string() == name) return a.find(key)->as_string();
  FAIL("no activation " << name);
  return "";
}

}  // namespace

TEST_CASE("leaky ReLU, SiLU and GELU: values at a few points, as torch gives them", "[playground][activations]") {
  Eigen::VectorXd net(4), out;
  net << -2, -0.5, 0, 1.5;
  bp::activate(*bp::find_activation("leaky_relu"), net, out);
  CHECK(out[0] == -0.02);
  CHECK(out[2] == 0);
  CHECK(out[3] == 1.5);
  bp::activate(*bp::find_activation("silu"), net, out);
  CHECK(out[0] == Approx(-0.2384058440442351).epsilon(1e-15));  // torch.nn.functional.silu
  CHECK(out[3] == Approx(1.2263617142904655).epsilon(1e-15));
  bp::activate(*bp::find_activation("gelu"), net, out);
  CHECK(out[0] == Approx(-0.04550026389635842).epsilon(1e-14));  // torch.nn.functional.gelu
  CHECK(out[1] == Approx(-0.15426876936299344).epsilon(1e-14));
  CHECK(out[3] == Approx(1.399789198096713).epsilon(1e-14));
}

TEST_CASE("each new activation's backward is dE/dout times its derivative, which a central difference confirms", "[playground][activations]") {
  for (const char* name : {"leaky_relu", "silu", "gelu"}) {
    INFO(name);
    const bp::Activation a = *bp::find_activation(name);
    Eigen::VectorXd net(5), out, d, dE, g(5);
    net << -3, -0.7, 0.2, 1, 4;
    g << 0.5, -1, 2, 1, -0.25;
    bp::activate(a, net, out);
    bp::activation_derivative(a, net, out, d);
    bp::activation_backward(a, net, out, g, dE);
    for (Eigen::Index j = 0; j < net.size(); ++j) {
      CHECK(dE[j] == Approx(g[j] * d[j]).epsilon(1e-15));
      const double h = 1e-6;
      Eigen::VectorXd plus = net, minus = net, op, om;
      plus[j] += h;
      minus[j] -= h;
      bp::activate(a, plus, op);
      bp::activate(a, minus, om);
      CHECK(d[j] == Approx((op[j] - om[j]) / (2 * h)).epsilon(1e-7));
    }
  }
}

TEST_CASE("the catalog gives each new activation its formula, derivative and PyTorch call", "[playground][activations]") {
  CHECK(field("leaky_relu", "formula") == "\\max(0.01\\,\\mathrm{net}, \\mathrm{net})");
  CHECK(field("leaky_relu", "derivative") == "0.01 + 0.99 \\cdot \\mathbb{1}[\\mathrm{net} > 0]");
  CHECK(field("leaky_relu", "pytorch") == "F.leaky_relu({z})");
  CHECK(field("silu", "formula") == "\\frac{\\mathrm{net}}{1 + e^{-\\mathrm{net}}}");
  CHECK(field("silu", "derivative") == "\\sigma(\\mathrm{net})\\,(1 + \\mathrm{net}\\,(1 - \\sigma(\\mathrm{net})))");
  CHECK(field("silu", "pytorch") == "F.silu({z})");
  CHECK(field("gelu", "formula") ==
        "\\tfrac{1}{2}\\,\\mathrm{net}\\left(1 + \\operatorname{erf}\\left(\\tfrac{\\mathrm{net}}{\\sqrt{2}}\\right)\\right)");
  CHECK(field("gelu", "pytorch") == "F.gelu({z})");
}
