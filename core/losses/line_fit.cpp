#include "losses/line_fit.hpp"

#include <algorithm>
#include <cmath>

namespace bp {

LineFit fit_line(const Eigen::VectorXd& x, const Eigen::VectorXd& y, LossKind kind, double beta, double learning_rate,
                 long steps, double a0, double b0) {
  LineFit fit;
  fit.a.reserve(static_cast<std::size_t>(steps) + 1);
  fit.b.reserve(static_cast<std::size_t>(steps) + 1);
  fit.E.reserve(static_cast<std::size_t>(steps) + 1);
  Loss loss;
  loss.kind = kind;
  loss.beta = beta;
  const LossInfo& info = kind.info();
  const Eigen::Index n = x.size();
  double a = a0, b = b0;
  for (long step = 0; step <= steps; ++step) {
    // The points as the outputs of a network, one each, so the loss's 1/K is
    // the mean's 1/N: L = 1/N sum_i loss(a x_i + b - y_i);
    // dL/da = sum_i dL/dpred_i x_i, dL/db = sum_i dL/dpred_i
    double ga, gb;
    const double E = reduce_loss(loss, info.line_step(loss, x, y, a, b, ga, gb), n, 1);
    if (!std::isfinite(E)) {
      fit.diverged_at = step;
      fit.stop_reason = step == 0 ? "start" : "diverged";
      break;
    }
    fit.a.push_back(a);
    fit.b.push_back(b);
    fit.E.push_back(E);
    if (step == steps) break;
    const double na = a - learning_rate * ga, nb = b - learning_rate * gb;
    if (!std::isfinite(na) || !std::isfinite(nb)) {
      fit.diverged_at = step + 1;
      fit.stop_reason = std::isfinite(ga) && std::isfinite(gb) ? "diverged" : "gradient";
      break;
    }
    a = na;
    b = nb;
  }
  if (!fit.E.empty()) {
    const double lowest = *std::min_element(fit.E.begin(), fit.E.end());
    fit.above_lowest.reserve(fit.E.size());
    for (const double e : fit.E) fit.above_lowest.push_back(e - lowest);
  }
  return fit;
}

}  // namespace bp
