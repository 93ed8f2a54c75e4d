// The loss functions against PyTorch float64 (tests/fixtures/losses_pytorch.py)
// and against finite differences.
#include <iomanip>
#include <functional>
#include <random>

#include "fixtures.hpp"
#include "losses/loss_functions.hpp"
#include "support.hpp"

namespace {

Eigen::MatrixXd matrix(const bp::Value& v) {
  if (!v.items().front().is_array()) {
    const auto xs = bp::test::numbers(v);
    return Eigen::Map<const Eigen::VectorXd>(xs.data(), static_cast<Eigen::Index>(xs.size()));
  }
  Eigen::MatrixXd M(static_cast<Eigen::Index>(v.size()), static_cast<Eigen::Index>(v[0].size()));
  for (std::size_t r = 0; r < v.size(); ++r) {
    for (std::size_t c = 0; c < v[r].size(); ++c) M(static_cast<Eigen::Index>(r), static_cast<Eigen::Index>(c)) = v[r][c].as_number();
  }
  return M;
}

bp::LossResult run(const bp::Value& c) {
  const std::string kind = c.find("kind")->as_string();
  const bp::Reduction r = c.find("reduction")->as_string() == "sum" ? bp::Reduction::sum : bp::Reduction::mean;
  const Eigen::MatrixXd x = matrix(*c.find("input"));
  if (kind == "ce") {
    const bp::Value& target = *c.find("target");
    Eigen::MatrixXd Q;
    if (target[0].is_array()) {
      Q = matrix(target);
    } else {
      std::vector<long> classes;
      for (const auto& k : target.items()) classes.push_back(static_cast<long>(k.as_number()));
      Q = bp::one_hot(classes, x.cols());
    }
    return bp::cross_entropy(x, Q, c.find("label_smoothing")->as_number(), r);
  }
  const Eigen::VectorXd y = matrix(*c.find("target"));
  const Eigen::VectorXd xv = x;
  if (kind == "mse") return bp::mse_loss(xv, y, r);
  if (kind == "mae") return bp::l1_loss(xv, y, r);
  if (kind == "smooth_l1") return bp::smooth_l1_loss(xv, y, c.find("beta")->as_number(), r);
  if (kind == "huber") return bp::huber_loss(xv, y, c.find("delta")->as_number(), r);
  if (kind == "bce") return bp::binary_cross_entropy(xv, y, r);
  return bp::binary_cross_entropy_with_logits(xv, y, r);
}

}  // namespace

TEST_CASE("every loss and its gradient match PyTorch float64 to 1e-12", "[losses][pytorch]") {
  const bp::Value fx = bp::test::fixture("losses_pytorch.json");
  int checked = 0;
  for (const auto& c : fx.find("cases")->items()) {
    const bp::LossResult L = run(c);
    INFO(c.find("kind")->as_string() << " " << c.find("reduction")->as_string() << " input " << c.find("input")->to_json());
    CHECK(bp::test::close(L.value, c.find("value")->as_number(), 1e-12, 1e-300));
    const Eigen::MatrixXd expected = matrix(*c.find("grad"));
    REQUIRE(expected.rows() == L.grad.rows());
    for (Eigen::Index i = 0; i < expected.size(); ++i) {
      INFO("grad " << i << ": " << std::setprecision(17) << L.grad.data()[i] << " vs " << expected.data()[i]);
      CHECK(bp::test::close(L.grad.data()[i], expected.data()[i], 1e-12, 1e-300));
    }
    ++checked;
  }
  CHECK(checked == 64);
}

TEST_CASE("every loss's gradient matches central finite differences", "[losses][gradcheck]") {
  std::mt19937 rng(7);
  std::uniform_real_distribution<double> u(-2, 2), p(0.05, 0.95);
  const double h = 1e-6;
  for (const bp::Reduction r : {bp::Reduction::mean, bp::Reduction::sum}) {
    for (int trial = 0; trial < 20; ++trial) {
      Eigen::VectorXd x(6), y(6), prob(6), t(6);
      for (int i = 0; i < 6; ++i) {
        x[i] = u(rng);
        y[i] = u(rng);
        prob[i] = p(rng);
        t[i] = p(rng);
      }
      // Away from the kinks of |x|, SmoothL1 and Huber.
      bool kinked = false;
      for (int i = 0; i < 6; ++i) {
        const double d = std::abs(x[i] - y[i]);
        kinked = kinked || d < 1e-3 || std::abs(d - 0.8) < 1e-3;
      }
      if (kinked) continue;
      using Fn = std::function<bp::LossResult(const Eigen::VectorXd&)>;
      const std::vector<std::pair<std::string, std::pair<Fn, Eigen::VectorXd>>> losses = {
          {"mse", {[&](const Eigen::VectorXd& v) { return bp::mse_loss(v, y, r); }, x}},
          {"mae", {[&](const Eigen::VectorXd& v) { return bp::l1_loss(v, y, r); }, x}},
          {"smooth_l1", {[&](const Eigen::VectorXd& v) { return bp::smooth_l1_loss(v, y, 0.8, r); }, x}},
          {"huber", {[&](const Eigen::VectorXd& v) { return bp::huber_loss(v, y, 0.8, r); }, x}},
          {"bce", {[&](const Eigen::VectorXd& v) { return bp::binary_cross_entropy(v, t, r); }, prob}},
          {"bce_logits", {[&](const Eigen::VectorXd& v) { return bp::binary_cross_entropy_with_logits(v, t, r); }, x}},
      };
      for (const auto& [name, fx] : losses) {
        const auto& [fn, at] = fx;
        const bp::LossResult L = fn(at);
        for (Eigen::Index i = 0; i < at.size(); ++i) {
          Eigen::VectorXd plus = at, minus = at;
          plus[i] += h;
          minus[i] -= h;
          const double fd = (fn(plus).value - fn(minus).value) / (2 * h);
          INFO(name << " element " << i << ": " << L.grad(i, 0) << " vs " << fd);
          CHECK(bp::test::close(L.grad(i, 0), fd, 1e-6, 1e-8));
        }
      }
      // Cross-entropy on a 3 x 4 batch of logits, probability targets, label smoothing.
      Eigen::MatrixXd Z(3, 4), Q(3, 4);
      for (Eigen::Index i = 0; i < Z.size(); ++i) {
        Z.data()[i] = u(rng);
        Q.data()[i] = p(rng);
      }
      const bp::LossResult L = bp::cross_entropy(Z, Q, 0.1, r);
      for (Eigen::Index i = 0; i < Z.size(); ++i) {
        Eigen::MatrixXd plus = Z, minus = Z;
        plus.data()[i] += h;
        minus.data()[i] -= h;
        const double fd = (bp::cross_entropy(plus, Q, 0.1, r).value - bp::cross_entropy(minus, Q, 0.1, r).value) / (2 * h);
        CHECK(bp::test::close(L.grad.data()[i], fd, 1e-6, 1e-8));
      }
    }
  }
}

TEST_CASE("Huber_delta equals delta times SmoothL1_beta with beta = delta", "[losses]") {
  Eigen::VectorXd x(4), y(4);
  x << 0.1, 2.0, -3.0, 0.7;
  y << 0.0, 0.0, 0.0, 0.0;
  for (double d : {0.5, 1.0, 2.0}) {
    CHECK(bp::test::close(bp::huber_loss(x, y, d, bp::Reduction::mean).value,
                          d * bp::smooth_l1_loss(x, y, d, bp::Reduction::mean).value, 1e-15));
  }
}

TEST_CASE("the logits form of BCE is exact where the probability form saturates", "[losses]") {
  const Eigen::VectorXd z = Eigen::VectorXd::Constant(1, 40.0), y = Eigen::VectorXd::Zero(1);
  const Eigen::VectorXd p = Eigen::VectorXd::Constant(1, 1.0 / (1.0 + std::exp(-40.0)));
  CHECK(p[0] == 1.0);
  CHECK(bp::binary_cross_entropy(p, y, bp::Reduction::mean).value == 100.0);  // log(0) clamped at -100
  CHECK(bp::binary_cross_entropy_with_logits(z, y, bp::Reduction::mean).value == 40.0);
}
