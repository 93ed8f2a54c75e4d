#include "race.hpp"

#include <cmath>

namespace bp {

RaceRun run_race(const Surface& s, const OptimizerOptions& o, double x0, double y0, long steps) {
  RaceRun run;
  run.x.reserve(static_cast<std::size_t>(steps) + 1);
  run.y.reserve(static_cast<std::size_t>(steps) + 1);
  run.loss.reserve(static_cast<std::size_t>(steps) + 1);
  Optimizer opt(o, 2);
  Eigen::VectorXd theta(2), grad(2);
  theta << x0, y0;
  Dual f = s.at(x0, y0);
  for (long t = 0;; ++t) {
    if (!std::isfinite(f.value) || !std::isfinite(f.dx) || !std::isfinite(f.dy)) {
      run.stopped_at = t;
      run.reason = "undefined";
      break;
    }
    run.x.push_back(theta[0]);
    run.y.push_back(theta[1]);
    run.loss.push_back(f.value);
    if (t == steps) break;
    grad << f.dx, f.dy;
    opt.step(theta, grad);
    if (!std::isfinite(theta[0]) || !std::isfinite(theta[1])) {
      run.stopped_at = t + 1;
      run.reason = "diverged";
      break;
    }
    f = s.at(theta[0], theta[1]);
    // An overflowing f after a huge step is the learning rate's doing too.
    if (std::isinf(f.value) || std::isinf(f.dx) || std::isinf(f.dy)) {
      run.stopped_at = t + 1;
      run.reason = "diverged";
      break;
    }
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
