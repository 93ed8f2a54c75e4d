#include "train/training_loop.hpp"

#include <algorithm>
#include <cmath>

#include "base/loop.hpp"
#include "base/sized.hpp"
#include "nn/names.hpp"

namespace bp {

namespace {

std::vector<Eigen::Index> sizes_of(const Network& n) {
  std::vector<Eigen::Index> sizes{n.inputs};
  for (const auto& layer : n.layers) sizes.push_back(layer.W.rows());
  return sizes;
}

struct Workspace {
  Forward f;
  Backward b;
};

// The batch's mean loss and gradient; each example's forward pass is kept
// when asked (for display).
void batch(const Config& c, const Dataset& data, Workspace& w, BatchResult& out, bool keep_forwards) {
  const std::size_t L = c.network.layers.size();
  const double B = static_cast<double>(data.inputs.size());
  double sum = 0;
  out.E_example.clear();
  out.forwards.clear();
  fit(out.grad, parameter_count(c));
  out.grad.setZero();
  for (std::size_t e = 0; e < data.inputs.size(); ++e) {
    forward(c.network, c.loss, data.inputs[e], data.targets[e], w.f, keep_forwards);
    backward(c.network, c.loss, w.f, data.targets[e], w.b, keep_forwards);
    sum = e == 0 ? w.f.E_sum : sum + w.f.E_sum;
    out.E_example.push_back(w.f.E_total);
    if (keep_forwards) out.forwards.push_back(w.f);
    Eigen::Index k = 0;
    for (std::size_t l = 1; l <= L; ++l) {
      const Eigen::MatrixXd& dW = w.b.dW[l];
      for (Eigen::Index j = 0; j < dW.rows(); ++j)
        for (Eigen::Index i = 0; i < dW.cols(); ++i) out.grad[k++] += dW(j, i);
    }
    if (c.train_biases) {
      for (std::size_t l = 1; l <= L; ++l) {
        if (c.network.shared_bias) {
          out.grad[k++] += shared_bias_gradient(w.b.db[l]);
        } else {
          for (Eigen::Index j = 0; j < w.b.db[l].size(); ++j) out.grad[k++] += w.b.db[l][j];
        }
      }
    }
  }
  // The mean over the batch, reduced as torch reduces it (one example:
  // exactly that example's loss and gradient).
  out.E = reduce_loss(c.loss, sum, c.network.outputs(), static_cast<Eigen::Index>(data.inputs.size()));
  if (B != 1) out.grad /= B;
}

}  // namespace

ParameterLayout parameter_layout(const Config& c) {
  const Names names(sizes_of(c.network), c.network.shared_bias);
  ParameterLayout layout;
  const std::size_t L = c.network.layers.size();
  for (std::size_t l = 1; l <= L; ++l) {
    const Layer& layer = c.network.layers[l - 1];
    for (Eigen::Index j = 0; j < layer.W.rows(); ++j)
      for (Eigen::Index i = 0; i < layer.W.cols(); ++i) layout.names.push_back(names.weight(l, j, i));
  }
  if (c.train_biases) {
    for (std::size_t l = 1; l <= L; ++l) {
      const Eigen::Index count = c.network.shared_bias ? 1 : c.network.layers[l - 1].b.size();
      for (Eigen::Index j = 0; j < count; ++j) layout.names.push_back(names.bias(l, j));
    }
  }
  for (const auto& name : layout.names) layout.terms.push_back(ids::gradient(name));
  return layout;
}

Eigen::Index parameter_count(const Config& c) {
  Eigen::Index n = 0;
  for (const auto& layer : c.network.layers) n += layer.W.size() + (c.train_biases ? (c.network.shared_bias ? 1 : layer.b.size()) : 0);
  return n;
}

Eigen::VectorXd pack(const Config& c) {
  Eigen::VectorXd theta(parameter_count(c));
  Eigen::Index k = 0;
  for (const auto& layer : c.network.layers)
    for (Eigen::Index j = 0; j < layer.W.rows(); ++j)
      for (Eigen::Index i = 0; i < layer.W.cols(); ++i) theta[k++] = layer.W(j, i);
  if (c.train_biases) {
    for (const auto& layer : c.network.layers) {
      if (c.network.shared_bias) theta[k++] = layer.b[0];
      else
        for (Eigen::Index j = 0; j < layer.b.size(); ++j) theta[k++] = layer.b[j];
    }
  }
  return theta;
}

void unpack(const Eigen::VectorXd& theta, Config& c) {
  Eigen::Index k = 0;
  for (auto& layer : c.network.layers)
    for (Eigen::Index j = 0; j < layer.W.rows(); ++j)
      for (Eigen::Index i = 0; i < layer.W.cols(); ++i) layer.W(j, i) = theta[k++];
  if (c.train_biases) {
    for (auto& layer : c.network.layers) {
      if (c.network.shared_bias) layer.b.setConstant(theta[k++]);
      else
        for (Eigen::Index j = 0; j < layer.b.size(); ++j) layer.b[j] = theta[k++];
    }
  }
}

BatchResult evaluate_batch(const Config& c, const Dataset& data, bool keep_forwards) {
  Workspace w;
  BatchResult out;
  batch(c, data, w, out, keep_forwards);
  return out;
}

TrainingState initial_state(const TrainingSetup& s) {
  TrainingState state;
  state.config = s.config;
  const Eigen::Index n = parameter_count(s.config);
  state.optimizer = Optimizer(s.optimizer, n).state();
  state.grad = Eigen::VectorXd::Zero(n);
  return state;
}

namespace {

LoopError error_of(const TrainingSetup& s, const TrainingState& state) {
  const Layer& last = state.config.network.layers.back();
  return loop_error(s.bug, s.retain_graph, state.iteration, state.config.network.layers.size(), last.W.rows(), last.W.cols());
}

}  // namespace

Iteration run_iteration(const TrainingSetup& s, TrainingState& state) {
  Iteration it;
  it.grad_before = state.grad;
  it.lines = loop_listing(s.bug, s.zero_grad);
  it.error = error_of(s, state);
  const bool stops = it.error.iteration == 1;
  if (!stops) it.error = LoopError{};
  // .grad is None until a backward writes it: before the run's first backward.
  bool none = state.iteration == 0;
  Eigen::VectorXd grad = state.grad;
  it.grad_zeroed = grad;
  it.grad_after = grad;
  it.theta_before = pack(state.config);
  it.optimizer_before = state.optimizer;
  Optimizer opt(s.optimizer, state.optimizer);
  Eigen::VectorXd theta = it.theta_before;
  for (const ListedLine& l : it.lines) {
    if (stops && l.line == it.error.line) break;  // PyTorch raises here
    switch (l.line) {
      case Line::zero_grad:
        // optimizer.zero_grad(): .grad <- 0 (a None .grad stays None)
        if (!l.skipped) grad.setZero();
        it.grad_zeroed = grad;
        break;
      case Line::forward:
        // forward and the loss, with this iteration's gradient ready for backward
        it.batch = evaluate_batch(state.config, s.data, true);
        break;
      case Line::loss:
        break;
      case Line::backward:
      case Line::backward_again:
        // E.backward(): .grad <- .grad + dE/dtheta
        grad += it.batch.grad;
        none = false;
        it.grad_after = grad;
        break;
      case Line::step:
        // optimizer.step(): the update for .grad; a None .grad is skipped
        if (l.skipped) break;
        if (none) {
          it.grad_none = true;
          break;
        }
        it.grad_step = grad;
        opt.step(theta, grad);
        break;
    }
    it.grad_at.push_back(grad);
  }
  it.grad_end = grad;
  it.theta_after = theta;
  it.optimizer_after = opt.state();
  if (stops) return it;
  unpack(theta, state.config);
  state.optimizer = opt.state();
  state.grad = grad;
  ++state.iteration;
  return it;
}

Run run_iterations(const TrainingSetup& s, TrainingState& state, long iterations) {
  Run run;
  // Where PyTorch stops the loop: the iterations before it run.
  const LoopError error = error_of(s, state);
  if (error.iteration >= 1 && error.iteration <= iterations) {
    run.error = error;
    iterations = error.iteration - 1;
  }
  run.E.reserve(static_cast<std::size_t>(iterations) + 1);
  // zero_grad (or not), forward, loss, backward, step, over the parameters as
  // one vector, in the order of the listing (loop_bugs.hpp).
  struct Loop {
    const TrainingSetup& s;
    TrainingState& state;
    Workspace w;
    BatchResult result;
    Optimizer opt;
    Eigen::VectorXd theta, grad;
    bool none;  // .grad not yet written by a backward
    Eigen::VectorXd theta_saved, grad_saved;
    OptimizerState opt_saved;
    bool none_saved = false;

    double loss() {
      unpack(theta, state.config);
      batch(state.config, s.data, w, result, false);
      return result.E;
    }
    void backward() {
      if (s.zero_grad) copy_into(grad, result.grad);
      else grad += result.grad;
    }
    void update() {
      switch (s.bug) {
        case LoopBug::none:
          backward();
          opt.step(theta, grad);
          break;
        case LoopBug::backward_twice:
          backward();
          grad += result.grad;
          opt.step(theta, grad);
          break;
        case LoopBug::step_before_backward:
          if (s.zero_grad) grad.setZero();
          if (!none) opt.step(theta, grad);
          grad += result.grad;
          break;
        case LoopBug::zero_grad_before_step:
          grad += result.grad;
          if (s.zero_grad) grad.setZero();
          opt.step(theta, grad);
          break;
        case LoopBug::no_step:
          backward();
          break;
      }
      none = false;
    }
    bool finite() const { return all_finite(theta.data(), theta.size()); }
    bool gradient_finite() const { return all_finite(grad.data(), grad.size()); }
    void save() {
      theta_saved = theta;
      grad_saved = grad;
      opt_saved = opt.state();
      none_saved = none;
    }
    void restore() {
      theta = theta_saved;
      grad = grad_saved;
      opt = Optimizer(s.optimizer, opt_saved);
      none = none_saved;
    }
  } loop{s, state, {}, {}, Optimizer(s.optimizer, state.optimizer), pack(state.config), state.grad, state.iteration == 0, {}, {}, {}};
  const LoopEnd end = run_loop(loop, iterations, [&](double E) { run.E.push_back(E); });
  if (end.diverged_at >= 0) {
    run.diverged_at = state.iteration + end.diverged_at;
    run.stop_reason = end.reason;
    run.error = LoopError{};
  }
  unpack(loop.theta, state.config);
  state.optimizer = loop.opt.state();
  state.grad = loop.grad;
  state.iteration += end.updates;
  return run;
}

long below_from(const std::vector<double>& a, const std::vector<double>& b) {
  long from = -1;
  for (std::size_t i = std::min(a.size(), b.size()); i-- > 0 && a[i] < b[i];) from = static_cast<long>(i);
  return from;
}

long constant_from(const std::vector<double>& E) {
  const std::size_t n = E.size();
  if (n < 2 || E[n - 1] != E[n - 2]) return -1;
  std::size_t i = n - 2;
  while (i > 0 && E[i - 1] == E[n - 1]) --i;
  return static_cast<long>(i);
}

}  // namespace bp
