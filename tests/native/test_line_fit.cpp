// The outlier demo's line fit.
#include <algorithm>

#include "losses/line_fit.hpp"
#include "losses/loss_functions.hpp"
#include "support.hpp"

namespace {
Eigen::VectorXd vec(std::initializer_list<double> values) {
  Eigen::VectorXd v(static_cast<Eigen::Index>(values.size()));
  Eigen::Index i = 0;
  for (double x : values) v[i++] = x;
  return v;
}
}  // namespace

TEST_CASE("under MSE the fit converges to the least-squares line", "[line_fit]") {
  const Eigen::VectorXd x = vec({-1, -0.5, 0, 0.5, 1, 0.8}), y = vec({-0.4, -0.1, 0.2, 0.5, 0.8, -1.6});
  const bp::LineFit fit = bp::fit_line(x, y, bp::LossKind::mse, 1.0, 0.2, 3000, 0, 0);
  const double mx = x.mean(), my = y.mean();
  const double a = ((x.array() - mx) * (y.array() - my)).sum() / (x.array() - mx).square().sum();
  CHECK(bp::test::close(fit.a.back(), a, 1e-9));
  CHECK(bp::test::close(fit.b.back(), my - a * mx, 1e-9, 1e-12));
  CHECK(fit.a.size() == 3001);
}

TEST_CASE("each step moves a and b against the finite-difference gradient", "[line_fit]") {
  const Eigen::VectorXd x = vec({-1, -0.2, 0.3, 0.9}), y = vec({0.5, -0.3, 1.2, 2.0});
  const double beta = 0.4, eta = 0.1, h = 1e-6;
  for (const bp::LossKind kind : {bp::LossKind::mse, bp::LossKind::mae, bp::LossKind::smooth_l1}) {
    const bp::LineFit fit = bp::fit_line(x, y, kind, beta, eta, 3, 0.3, -0.2);
    auto E = [&](double a, double b) {
      const Eigen::VectorXd pred = (a * x.array() + b).matrix();
      if (kind == bp::LossKind::mae) return bp::l1_loss(pred, y, bp::Reduction::mean).value;
      if (kind == bp::LossKind::smooth_l1) return bp::smooth_l1_loss(pred, y, beta, bp::Reduction::mean).value;
      return bp::mse_loss(pred, y, bp::Reduction::mean).value;
    };
    for (int s = 0; s < 3; ++s) {
      const double a = fit.a[s], b = fit.b[s];
      CHECK(bp::test::close(fit.E[s], E(a, b), 1e-15));
      const double ga = (E(a + h, b) - E(a - h, b)) / (2 * h), gb = (E(a, b + h) - E(a, b - h)) / (2 * h);
      CHECK(bp::test::close(fit.a[s + 1], a - eta * ga, 1e-7, 1e-9));
      CHECK(bp::test::close(fit.b[s + 1], b - eta * gb, 1e-7, 1e-9));
    }
  }
}

TEST_CASE("a learning rate too large for MSE diverges and says when", "[line_fit]") {
  const Eigen::VectorXd x = vec({-10, 0, 10}), y = vec({1, 2, 3});
  const bp::LineFit fit = bp::fit_line(x, y, bp::LossKind::mse, 1.0, 5.0, 5000, 0, 0);
  CHECK(fit.diverged_at > 0);
  CHECK(static_cast<long>(fit.a.size()) <= fit.diverged_at + 1);
  for (double a : fit.a) CHECK(std::isfinite(a));
}

TEST_CASE("above_lowest: MSE and SmoothL1 settle to the last digit, MAE keeps bouncing", "[line_fit]") {
  // The outlier demo's ten points: nine near y = 0.6 x + 0.2, and the outlier.
  const Eigen::VectorXd x = vec({-1, -0.75, -0.5, -0.25, 0, 0.25, 0.5, 0.75, 1, 0.8});
  const Eigen::VectorXd y = vec({-0.36, -0.28, -0.05, 0.03, 0.21, 0.3, 0.53, 0.61, 0.82, -1.6});
  for (const bp::LossKind kind : {bp::LossKind::mse, bp::LossKind::mae, bp::LossKind::smooth_l1}) {
    const bp::LineFit fit = bp::fit_line(x, y, kind, 0.25, 0.1, 500, 0, 0);
    REQUIRE(fit.above_lowest.size() == fit.E.size());
    const double lowest = *std::min_element(fit.E.begin(), fit.E.end());
    for (std::size_t i = 0; i < fit.E.size(); ++i) CHECK(fit.above_lowest[i] == fit.E[i] - lowest);
    CHECK(*std::min_element(fit.above_lowest.begin(), fit.above_lowest.end()) == 0.0);
    CHECK(fit.above_lowest.front() > 0.01);
    // The last 100 steps: how far above its lowest the loss still goes.
    const double late = *std::max_element(fit.above_lowest.end() - 100, fit.above_lowest.end());
    if (kind == bp::LossKind::mae) {
      CHECK(late > 1e-4);
    } else {
      CHECK(late < 1e-12);
    }
  }
}
