#include "losses/line_fit.hpp"

#include <algorithm>
#include <cmath>

#include "losses/loss_elements.hpp"

namespace bp {

LineFit fit_line(const Eigen::VectorXd& x, const Eigen::VectorXd& y, LossKind kind, double beta, double learning_rate,
                 long steps, double a0, double b0) {
  LineFit fit;
  fit.a.reserve(static_cast<std::size_t>(steps) + 1);
  fit.b.reserve(static_cast<std::size_t>(steps) + 1);
  fit.E.reserve(static_cast<std::size_t>(steps) + 1);
  const Eigen::Index n = x.size();
  const double k = 1.0 / static_cast<double>(n);  // mean reduction
  double a = a0, b = b0;
  for (long step = 0; step <= steps; ++step) {
    // L = 1/N sum_i loss(a x_i + b - y_i); dL/da = sum_i dL/dpred_i x_i, dL/db = sum_i dL/dpred_i
    double sum = 0, ga = 0, gb = 0;
    for (Eigen::Index i = 0; i < n; ++i) {
      const double d = a * x[i] + b - y[i];
      double term, g;
      switch (kind) {
        case LossKind::mae: term = element::absolute(d); g = element::absolute_grad(d, k); break;
        case LossKind::smooth_l1: term = element::smooth_l1(d, beta); g = element::smooth_l1_grad(d, beta, k); break;
        default: term = element::squared(d); g = element::squared_grad(d, k); break;
      }
      sum += term;
      ga += g * x[i];
      gb += g;
    }
    const double E = sum / static_cast<double>(n);
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
