#include "optim/race.hpp"

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
  auto stop = [&run](long t, const char* reason) {
    run.stopped_at = t;
    run.reason = reason;
  };
  if (!std::isfinite(f.value)) {
    stop(0, "start");
    return run;
  }
  for (long t = 0;; ++t) {
    run.x.push_back(theta[0]);
    run.y.push_back(theta[1]);
    run.loss.push_back(f.value);
    if (t == steps) break;
    const bool gradient_finite = std::isfinite(f.dx) && std::isfinite(f.dy);
    grad << f.dx, f.dy;
    opt.step(theta, grad);
    if (!std::isfinite(theta[0]) || !std::isfinite(theta[1])) {
      stop(t + 1, gradient_finite ? "diverged" : "gradient");
      break;
    }
    f = s.at(theta[0], theta[1]);
    if (!std::isfinite(f.value)) {
      stop(t + 1, std::isnan(f.value) ? "undefined" : "diverged");
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
