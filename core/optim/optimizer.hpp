// The optimizers, over a parameter vector: step(params, grad) updates in
// place and keeps its state (m, v, s, buffers, t, ...) for display. Each
// update is written in torch 1.13's order of operations (torch/optim/*.py,
// _single_tensor_*), so trajectories agree with PyTorch in float64.
#pragma once

#include <Eigen/Core>
#include <string>
#include <vector>

namespace bp {

enum class OptimizerKind { sgd, momentum, adagrad, rmsprop, adam };

const std::vector<std::string>& optimizer_names();
std::string optimizer_name(OptimizerKind kind);

struct OptimizerOptions {
  OptimizerKind kind = OptimizerKind::sgd;
  double lr = 0.01;
  double weight_decay = 0;  // L2: g <- g + wd theta (AdamW: decoupled, below)

  // SGD in PyTorch's form (kind sgd, or momentum with pytorch_form):
  //   b <- g on the first step, then b <- mu b + (1 - tau) g;  nesterov: d = g + mu b, else d = b
  double momentum = 0;   // mu
  double dampening = 0;  // tau
  bool nesterov = false;
  // Momentum in the lesson's form (exponentially weighted average):
  //   v <- beta v + (1 - beta) g;  theta <- theta - eta v
  bool pytorch_form = false;  // momentum: use PyTorch's SGD(momentum=mu) instead
  double beta = 0.9;

  // AdaGrad: s <- s + g (.) g;  theta <- theta - eta_t g / (sqrt(s) + eps),  eta_t = eta / (1 + (t - 1) lr_decay)
  double lr_decay = 0;
  double initial_accumulator = 0;

  // RMSprop: s <- alpha s + (1 - alpha) g (.) g;  theta <- theta - eta g / (sqrt(s) + eps)
  //   centered: g_avg <- alpha g_avg + (1 - alpha) g, and sqrt(s - g_avg^2) instead of sqrt(s)
  //   momentum mu > 0: b <- mu b + g / (sqrt(s) + eps);  theta <- theta - eta b
  double alpha = 0.99;
  bool centered = false;

  // Adam: m <- b1 m + (1 - b1) g;  v <- b2 v + (1 - b2) g^2;
  //   m_hat = m / (1 - b1^t), v_hat = v / (1 - b2^t);  theta <- theta - eta m_hat / (sqrt(v_hat) + eps)
  double beta1 = 0.9, beta2 = 0.999;
  bool bias_correction = true;  // off: m_hat = m, v_hat = v (the slow start it fixes)
  bool decoupled = false;       // AdamW: theta <- theta (1 - eta wd) before the step, no L2 term
  bool amsgrad = false;         // v_hat from the largest v so far

  double eps = 1e-8;  // AdaGrad's default is 1e-10
};

// PyTorch's defaults for a kind (Adam: lr 0.001, AdaGrad: eps 1e-10, ...).
OptimizerOptions default_options(OptimizerKind kind);

// The state after the last step, for display. Vectors have the size of the
// parameters; unused ones are empty.
struct OptimizerState {
  long t = 0;
  Eigen::VectorXd grad;       // g as used (after weight decay)
  Eigen::VectorXd buffer;     // momentum: v (lesson) or b (PyTorch); RMSprop's momentum buffer
  Eigen::VectorXd direction;  // SGD/PyTorch momentum: the d the step uses
  Eigen::VectorXd s;          // AdaGrad's sum of squares; RMSprop's average of squares
  Eigen::VectorXd g_avg;      // RMSprop centered
  Eigen::VectorXd m, v, v_max, m_hat, v_hat;  // Adam
  Eigen::VectorXd denominator;     // sqrt(...) + eps, as the step divides by it
  Eigen::VectorXd effective_rate;  // per coordinate: the rate that multiplies g (or m_hat), eta / denominator
  Eigen::VectorXd update;          // theta_new - theta_old
  double lr_t = 0;                 // AdaGrad's decayed rate; Adam's eta / (1 - b1^t)
};

class Optimizer {
 public:
  Optimizer(OptimizerOptions options, Eigen::Index size);
  // Resumes from a state an earlier optimizer with the same options left.
  Optimizer(OptimizerOptions options, OptimizerState state);

  // One step: params <- params - (the optimizer's update for grad).
  void step(Eigen::VectorXd& params, const Eigen::VectorXd& grad);

  const OptimizerOptions& options() const { return options_; }
  const OptimizerState& state() const { return state_; }

 private:
  void sgd(Eigen::VectorXd& params, const Eigen::VectorXd& g);
  void momentum_ewa(Eigen::VectorXd& params, const Eigen::VectorXd& g);
  void adagrad(Eigen::VectorXd& params, const Eigen::VectorXd& g);
  void rmsprop(Eigen::VectorXd& params, const Eigen::VectorXd& g);
  void adam(Eigen::VectorXd& params, const Eigen::VectorXd& g);

  OptimizerOptions options_;
  OptimizerState state_;
  bool has_buffer_ = false;
};

}  // namespace bp
