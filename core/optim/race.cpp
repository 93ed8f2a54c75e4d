#include "optim/race.hpp"

#include <cmath>

#include "base/loop.hpp"

namespace bp {

namespace {

// The race's loop: theta on the surface, every state kept in the run.
struct RaceLoop {
  static constexpr bool keeps_states = true;
  const Surface& s;
  Optimizer opt;
  Eigen::VectorXd theta, grad;
  Dual f{};

  double loss() {
    f = s.at(theta[0], theta[1]);
    return f.value;
  }
  void update() {
    grad << f.dx, f.dy;
    opt.step(theta, grad);
  }
  bool finite() const { return std::isfinite(theta[0]) && std::isfinite(theta[1]); }
  bool gradient_finite() const { return std::isfinite(grad[0]) && std::isfinite(grad[1]); }
  // f NaN at a finite point: not defined there (log(x) at x < 0); infinite: an overflow.
  const char* loss_reason(double E) const { return std::isnan(E) ? "undefined" : "diverged"; }
};

}  // namespace

RaceRun run_race(const Surface& s, const OptimizerOptions& o, double x0, double y0, long steps) {
  RaceRun run;
  run.x.reserve(static_cast<std::size_t>(steps) + 1);
  run.y.reserve(static_cast<std::size_t>(steps) + 1);
  run.loss.reserve(static_cast<std::size_t>(steps) + 1);
  RaceLoop loop{s, Optimizer(o, 2), Eigen::Vector2d(x0, y0), Eigen::VectorXd::Zero(2)};
  const LoopEnd end = run_loop(loop, steps, [&](double E) {
    run.x.push_back(loop.theta[0]);
    run.y.push_back(loop.theta[1]);
    run.loss.push_back(E);
  });
  if (end.diverged_at >= 0) {
    run.stopped_at = end.diverged_at;
    run.reason = end.reason;
  }
  return run;
}

StepDetail step_detail(const Surface& s, const OptimizerOptions& o, double x0, double y0, long step) {
  StepDetail d;
  d.step = step;
  Optimizer opt(o, 2);
  Eigen::VectorXd theta(2), grad(2);
  theta << x0, y0;
  for (long t = 1; t <= step; ++t) {
    const Dual f = s.at(theta[0], theta[1]);
    grad << f.dx, f.dy;
    if (t == step) {
      d.theta_before = theta;
      d.before = opt.state();
      d.loss_before = f.value;
    }
    opt.step(theta, grad);
  }
  d.theta_after = theta;
  d.after = opt.state();
  d.loss_after = s.value(theta[0], theta[1]);
  return d;
}

}  // namespace bp
