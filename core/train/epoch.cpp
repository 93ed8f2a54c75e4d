#include "train/epoch.hpp"

#include <algorithm>
#include <cmath>

#include "base/random.hpp"

namespace bp {

namespace {

bool finite(const Eigen::VectorXd& v) {
  for (Eigen::Index i = 0; i < v.size(); ++i)
    if (!std::isfinite(v[i])) return false;
  return true;
}

}  // namespace

std::vector<std::size_t> epoch_order(std::size_t examples, std::uint64_t seed) {
  std::vector<std::size_t> order(examples);
  for (std::size_t i = 0; i < examples; ++i) order[i] = i;
  SplitMix64 random{seed};
  for (std::size_t i = examples; i-- > 1;) std::swap(order[i], order[random.next() % (i + 1)]);
  return order;
}

double penalty(const Eigen::VectorXd& theta, Eigen::Index weights, double l1, double l2) {
  double abs_sum = 0, square_sum = 0;
  for (Eigen::Index k = 0; k < weights; ++k) {
    abs_sum += std::abs(theta[k]);
    square_sum += theta[k] * theta[k];
  }
  return l1 * abs_sum + l2 / 2 * square_sum;
}

void add_penalty_gradient(const Eigen::VectorXd& theta, Eigen::Index weights, double l1, double l2,
                          Eigen::VectorXd& grad) {
  for (Eigen::Index k = 0; k < weights; ++k) {
    const double w = theta[k];
    const double sign = w > 0 ? 1.0 : w < 0 ? -1.0 : 0.0;  // torch.sign
    grad[k] = (l2 * w + l1 * sign) + grad[k];
  }
}

EpochResult run_epoch(const TrainingSetup& s, TrainingState& state, const EpochOptions& o) {
  EpochResult r;
  const std::size_t n = s.data.inputs.size();
  const std::vector<std::size_t> order = epoch_order(n, o.seed);
  Optimizer opt(s.optimizer, state.optimizer);
  Eigen::VectorXd theta = pack(state.config);
  const Eigen::Index weights = state.config.network.weight_count();
  const bool regularized = o.l1 != 0 || o.l2 != 0;
  if (o.losses_before) {
    r.E_train_before = evaluate_batch(state.config, s.data, false).E;
    if (o.test && !o.test->inputs.empty()) r.E_test_before = evaluate_batch(state.config, *o.test, false).E;
  }
  Dataset batch;
  const std::size_t first = o.first_batch * o.batch_size;
  const std::size_t last = o.batches ? std::min(n, first + o.batches * o.batch_size) : n;
  for (std::size_t start = first; start < last; start += o.batch_size) {
    const std::size_t end = std::min(n, start + o.batch_size);
    batch.inputs.clear();
    batch.targets.clear();
    for (std::size_t e = start; e < end; ++e) {
      batch.inputs.push_back(s.data.inputs[order[e]]);
      batch.targets.push_back(s.data.targets[order[e]]);
    }
    // optimizer.zero_grad(); loss(model(X), T).backward(): .grad accumulates
    BatchResult b = evaluate_batch(state.config, batch, false);
    if (regularized) add_penalty_gradient(theta, weights, o.l1, o.l2, b.grad);
    Eigen::VectorXd grad = s.zero_grad ? b.grad : Eigen::VectorXd(state.grad + b.grad);
    // optimizer.step(), applied only when the batch's loss, the gradient and
    // the parameters after it are finite
    const OptimizerState before = opt.state();
    Eigen::VectorXd next = theta;
    opt.step(next, grad);
    if (!std::isfinite(b.E) || !finite(grad) || !finite(next)) {
      r.stopped_at = r.updates + 1;
      r.stop_reason = !std::isfinite(b.E) ? (r.updates == 0 ? "start" : "diverged") : finite(grad) ? "diverged" : "gradient";
      opt = Optimizer(s.optimizer, before);
      break;
    }
    theta = next;
    state.grad = grad;
    unpack(theta, state.config);
    ++r.updates;
  }
  state.optimizer = opt.state();
  state.iteration += r.updates;
  if (o.losses) {
    r.E_train = evaluate_batch(state.config, s.data, false).E;
    if (o.test && !o.test->inputs.empty()) r.E_test = evaluate_batch(state.config, *o.test, false).E;
    r.penalty = penalty(theta, weights, o.l1, o.l2);
  }
  return r;
}

namespace {

// The gradient the epoch steps along, at theta: the data's and the penalty's.
Eigen::VectorXd full_gradient(const TrainingSetup& s, Config& probe, const Eigen::VectorXd& theta, double l1, double l2) {
  unpack(theta, probe);
  BatchResult b = evaluate_batch(probe, s.data, false);
  if (l1 != 0 || l2 != 0) add_penalty_gradient(theta, probe.network.weight_count(), l1, l2, b.grad);
  return b.grad;
}

// v · H v by a central difference of the gradient along the unit vector v,
// and H v itself: (g(θ + h v) − g(θ − h v)) / 2h.
Eigen::VectorXd hessian_times(const TrainingSetup& s, Config& probe, const Eigen::VectorXd& theta,
                              const Eigen::VectorXd& v, double l1, double l2) {
  const double h = 1e-5 * std::max(1.0, theta.lpNorm<Eigen::Infinity>());
  const Eigen::VectorXd plus = full_gradient(s, probe, theta + h * v, l1, l2);
  const Eigen::VectorXd minus = full_gradient(s, probe, theta - h * v, l1, l2);
  return (plus - minus) / (2 * h);
}

}  // namespace

Diagnosis diagnose(const TrainingSetup& s, const TrainingState& state, double l1, double l2) {
  Diagnosis d;
  Config probe = state.config;
  const Eigen::VectorXd theta = pack(state.config);
  const BatchResult at = evaluate_batch(state.config, s.data, true);
  d.E = at.E;
  Eigen::VectorXd g = at.grad;
  if (l1 != 0 || l2 != 0) add_penalty_gradient(theta, state.config.network.weight_count(), l1, l2, g);
  if (!s.zero_grad) g += state.grad;
  d.gradient_norm = g.norm();
  // The step the optimizer would take, from a copy of its state.
  Optimizer opt(s.optimizer, state.optimizer);
  Eigen::VectorXd next = theta;
  opt.step(next, g);
  const Eigen::VectorXd step = next - theta;
  d.step_norm = step.norm();
  if (d.gradient_norm > 0) d.momentum_factor = d.step_norm / (s.optimizer.lr * d.gradient_norm);
  if (d.step_norm > 0) {
    const Eigen::VectorXd dir = step / d.step_norm;
    d.slope = -g.dot(dir);
    d.curvature_along_step = dir.dot(hessian_times(s, probe, theta, dir, l1, l2));
    if (d.slope > 0) d.overshoot = d.step_norm * d.curvature_along_step / (2 * d.slope);
  }
  // The largest eigenvalue by power iteration from the gradient's direction
  // (or every parameter alike): on H it finds the eigenvalue largest in size;
  // when that is negative, on H − λ I (every eigenvalue ≥ 0 there) the largest.
  const Eigen::VectorXd start = d.gradient_norm > 0 ? Eigen::VectorXd(g / d.gradient_norm)
                                                    : Eigen::VectorXd(Eigen::VectorXd::Ones(theta.size()).normalized());
  auto power = [&](double shift) {
    Eigen::VectorXd v = start;
    double lambda = 0;
    for (int i = 0; i < 200 && theta.size() > 0; ++i) {
      const Eigen::VectorXd Hv = hessian_times(s, probe, theta, v, l1, l2) - shift * v;
      const double next = v.dot(Hv), n = Hv.norm();
      const bool settled = i > 0 && std::abs(next - lambda) <= 1e-9 * std::abs(next);
      lambda = next;
      if (settled || !(n > 0) || !std::isfinite(n)) break;
      v = Hv / n;
    }
    return lambda + shift;
  };
  double lambda = power(0);
  if (lambda < 0) lambda = power(lambda);
  d.largest_curvature = lambda;
  // Saturated sigmoid and tanh outputs, every layer, every example.
  for (const Forward& f : at.forwards) {
    for (std::size_t l = 1; l < f.out.size(); ++l) {
      const Activation a = state.config.network.layers[l - 1].activation;
      if (a != Activation::sigmoid && a != Activation::tanh) continue;
      const double low = a == Activation::sigmoid ? 0.0 : -1.0;
      for (Eigen::Index j = 0; j < f.out[l].size(); ++j) {
        ++d.saturated_of;
        if (f.out[l][j] < low + 1e-3 || f.out[l][j] > 1 - 1e-3) ++d.saturated;
      }
    }
  }
  // Dead ReLUs: a hidden unit whose net_j ≤ 0 for every example.
  const auto& layers = state.config.network.layers;
  for (std::size_t l = 1; l < layers.size(); ++l) {
    if (layers[l - 1].activation != Activation::relu) continue;
    for (Eigen::Index j = 0; j < layers[l - 1].W.rows(); ++j) {
      ++d.relu_units;
      bool dead = !at.forwards.empty();
      for (const Forward& f : at.forwards) dead = dead && f.net[l][j] <= 0;
      if (dead) ++d.dead_relu;
    }
  }
  return d;
}

}  // namespace bp
