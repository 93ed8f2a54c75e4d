#include "losses/loss.hpp"

#include "losses/loss_elements.hpp"

#include <algorithm>
#include <cmath>


namespace bp {

const std::vector<std::string>& loss_names() {
  static const std::vector<std::string> names = {"half_sse", "mse",        "mae", "smooth_l1",
                                                 "bce",      "bce_logits", "ce"};
  return names;
}

std::string loss_name(LossKind kind) { return loss_names()[static_cast<std::size_t>(kind)]; }

// q = (1 - s) t + s / K
double smoothed(const Loss& loss, double t, Eigen::Index K) {
  const double s = loss.label_smoothing;
  return s == 0.0 ? t : (1.0 - s) * t + s / static_cast<double>(K);
}

Eigen::VectorXd smoothed_target(const Loss& loss, const Eigen::VectorXd& target) {
  Eigen::VectorXd q(target.size());
  for (Eigen::Index k = 0; k < target.size(); ++k) q[k] = smoothed(loss, target[k], target.size());
  return q;
}

void loss_terms(const Loss& loss, const Eigen::VectorXd& out, const Eigen::VectorXd& target,
                const Eigen::VectorXd& log_out, Eigen::VectorXd& e) {
  const Eigen::Index K = out.size();
  const double inv_k = 1.0 / static_cast<double>(K);
  e.resize(K);
  for (Eigen::Index k = 0; k < K; ++k) {
    const double o = out[k], t = target[k], x = o - t;
    switch (loss.kind) {
      case LossKind::half_sse: e[k] = 0.5 * (t - o) * (t - o); break;
      case LossKind::mse: e[k] = inv_k * element::squared(x); break;
      case LossKind::mae: e[k] = inv_k * element::absolute(x); break;
      case LossKind::smooth_l1: e[k] = inv_k * element::smooth_l1(x, loss.beta); break;
      case LossKind::bce: e[k] = inv_k * element::bce(o, t); break;
      case LossKind::bce_logits: e[k] = inv_k * element::bce_logits(o, t); break;
      case LossKind::ce: break;
    }
  }
  if (loss.kind == LossKind::ce) {
    for (Eigen::Index k = 0; k < K; ++k) {
      const double q = smoothed(loss, target[k], K);
      const double log_o = log_out.size() == K ? log_out[k] : std::log(out[k]);
      e[k] = q == 0.0 ? 0.0 : -q * log_o;
    }
  }
}

double raw_loss_sum(const Loss& loss, const Eigen::VectorXd& out, const Eigen::VectorXd& target,
                    const Eigen::VectorXd& log_out) {
  const Eigen::Index K = out.size();
  double sum = 0;
  for (Eigen::Index k = 0; k < K; ++k) {
    const double o = out[k], t = target[k], x = o - t;
    double term = 0;
    switch (loss.kind) {
      case LossKind::half_sse: term = (t - o) * (t - o); break;
      case LossKind::mse: term = element::squared(x); break;
      case LossKind::mae: term = element::absolute(x); break;
      case LossKind::smooth_l1: term = element::smooth_l1(x, loss.beta); break;
      case LossKind::bce: term = element::bce(o, t); break;
      case LossKind::bce_logits: term = element::bce_logits(o, t); break;
      case LossKind::ce: {
        const double q = smoothed(loss, t, K);
        const double log_o = log_out.size() == K ? log_out[k] : std::log(out[k]);
        term = q == 0.0 ? 0.0 : -q * log_o;
        break;
      }
    }
    sum = k == 0 ? term : sum + term;
  }
  return sum;
}

double reduce_loss(const Loss& loss, double sum, Eigen::Index K, Eigen::Index N) {
  switch (loss.kind) {
    case LossKind::half_sse: return 0.5 * sum / static_cast<double>(N);
    case LossKind::ce: return N == 1 ? sum : sum / static_cast<double>(N);
    default: return sum / static_cast<double>(N * K);
  }
}

void loss_gradient(const Loss& loss, const Eigen::VectorXd& out, const Eigen::VectorXd& target, Eigen::VectorXd& g) {
  const Eigen::Index K = out.size();
  const double inv_k = 1.0 / static_cast<double>(K);
  g.resize(K);
  for (Eigen::Index k = 0; k < K; ++k) {
    const double o = out[k], t = target[k], x = o - t;
    switch (loss.kind) {
      // 0.5 (2 d) is d to the last bit, and overflows where torch's backward does.
      case LossKind::half_sse: g[k] = -(0.5 * (2.0 * (t - o))); break;
      case LossKind::mse: g[k] = element::squared_grad(x, inv_k); break;
      case LossKind::mae: g[k] = element::absolute_grad(x, inv_k); break;
      case LossKind::smooth_l1: g[k] = element::smooth_l1_grad(x, loss.beta, inv_k); break;
      case LossKind::bce: g[k] = element::bce_grad(o, t, inv_k); break;
      case LossKind::bce_logits: g[k] = element::bce_logits_grad(o, t, inv_k); break;
      case LossKind::ce: g[k] = -smoothed(loss, t, K) / o; break;
    }
  }
}

}  // namespace bp
