#include "losses/line_fit.hpp"

#include <algorithm>
#include <cmath>

#include "base/loop.hpp"

namespace bp {

namespace {

// The line fit's loop: (a, b) by gradient descent, every state kept in the fit.
struct FitLoop {
  static constexpr bool keeps_states = true;
  const Eigen::VectorXd& x;
  const Eigen::VectorXd& y;
  const Loss& spec;
  const LossInfo& info;
  double learning_rate;
  double a, b, ga = 0, gb = 0;

  // The points as the outputs of a network, one each, so the loss's 1/K is
  // the mean's 1/N: L = 1/N sum_i loss(a x_i + b - y_i);
  // dL/da = sum_i dL/dpred_i x_i, dL/db = sum_i dL/dpred_i
  double loss() { return reduce_loss(spec, info.line_step(spec, x, y, a, b, ga, gb), x.size(), 1); }
  void update() {
    a = a - learning_rate * ga;
    b = b - learning_rate * gb;
  }
  bool finite() const { return std::isfinite(a) && std::isfinite(b); }
  bool gradient_finite() const { return std::isfinite(ga) && std::isfinite(gb); }
};

}  // namespace

LineFit fit_line(const Eigen::VectorXd& x, const Eigen::VectorXd& y, LossKind kind, double beta, double learning_rate,
                 long steps, double a0, double b0) {
  LineFit fit;
  fit.a.reserve(static_cast<std::size_t>(steps) + 1);
  fit.b.reserve(static_cast<std::size_t>(steps) + 1);
  fit.E.reserve(static_cast<std::size_t>(steps) + 1);
  Loss loss;
  loss.kind = kind;
  loss.beta = beta;
  FitLoop loop{x, y, loss, kind.info(), learning_rate, a0, b0};
  const LoopEnd end = run_loop(loop, steps, [&](double E) {
    fit.a.push_back(loop.a);
    fit.b.push_back(loop.b);
    fit.E.push_back(E);
  });
  if (end.diverged_at >= 0) {
    fit.diverged_at = end.diverged_at;
    fit.stop_reason = end.reason;
  }
  if (!fit.E.empty()) {
    const double lowest = *std::min_element(fit.E.begin(), fit.E.end());
    fit.above_lowest.reserve(fit.E.size());
    for (const double e : fit.E) fit.above_lowest.push_back(e - lowest);
  }
  return fit;
}

}  // namespace bp
