#include "train/epoch.hpp"

#include <algorithm>
#include <cmath>

namespace bp {

namespace {

// splitmix64, as the network's initial weights are drawn (init.cpp).
std::uint64_t splitmix64(std::uint64_t& state) {
  std::uint64_t z = (state += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

bool finite(const Eigen::VectorXd& v) {
  for (Eigen::Index i = 0; i < v.size(); ++i)
    if (!std::isfinite(v[i])) return false;
  return true;
}

}  // namespace

std::vector<std::size_t> epoch_order(std::size_t examples, std::uint64_t seed) {
  std::vector<std::size_t> order(examples);
  for (std::size_t i = 0; i < examples; ++i) order[i] = i;
  std::uint64_t state = seed;
  for (std::size_t i = examples; i-- > 1;) std::swap(order[i], order[splitmix64(state) % (i + 1)]);
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
  Dataset batch;
  for (std::size_t start = 0; start < n; start += o.batch_size) {
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

}  // namespace bp
