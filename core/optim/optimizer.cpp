#include "optim/optimizer.hpp"

#include <algorithm>
#include <cmath>

#include "base/sized.hpp"

namespace bp {

__attribute__((minsize)) Optimizer::Optimizer(OptimizerOptions options, Eigen::Index size) : options_(options) {
  const Eigen::VectorXd zero = Eigen::VectorXd::Zero(size);
  state_.grad = zero;
  state_.update = zero;
  switch (options_.kind) {
    case OptimizerKind::sgd:
    case OptimizerKind::momentum:
      state_.buffer = zero;
      state_.direction = zero;
      break;
    case OptimizerKind::adagrad:
      state_.s = Eigen::VectorXd::Constant(size, options_.initial_accumulator);
      state_.denominator = zero;
      state_.effective_rate = zero;
      break;
    case OptimizerKind::rmsprop:
      state_.s = zero;
      state_.g_avg = zero;
      state_.buffer = zero;
      state_.denominator = zero;
      state_.effective_rate = zero;
      break;
    case OptimizerKind::adam:
      state_.m = zero;
      state_.v = zero;
      state_.v_max = zero;
      state_.m_hat = zero;
      state_.v_hat = zero;
      state_.denominator = zero;
      state_.effective_rate = zero;
      break;
  }
}

Optimizer::Optimizer(OptimizerOptions options, OptimizerState state)
    : options_(options), state_(std::move(state)), has_buffer_(state_.t > 0) {}

void Optimizer::step(Eigen::VectorXd& params, const Eigen::VectorXd& grad) {
  ++state_.t;
  // state_.update holds the parameters before the step until its end (no
  // allocation per step: the state's vectors keep their size).
  copy_into(state_.update, params);
  // L2 weight decay: g <- g + wd theta (AdamW decays the parameters instead).
  Eigen::VectorXd& g = state_.grad;
  copy_into(g, grad);
  const bool l2 = options_.weight_decay != 0 && !(options_.kind == OptimizerKind::adam && options_.decoupled);
  if (l2) {
    for (Eigen::Index i = 0; i < g.size(); ++i) g[i] = grad[i] + options_.weight_decay * params[i];
  }
  switch (options_.kind) {
    case OptimizerKind::sgd: sgd(params, g); break;
    case OptimizerKind::momentum:
      if (options_.pytorch_form) sgd(params, g);
      else momentum_ewa(params, g);
      break;
    case OptimizerKind::adagrad: adagrad(params, g); break;
    case OptimizerKind::rmsprop: rmsprop(params, g); break;
    case OptimizerKind::adam: adam(params, g); break;
  }
  for (Eigen::Index i = 0; i < params.size(); ++i) state_.update[i] = params[i] - state_.update[i];
}

// torch.optim.SGD: buf = clone(d_p) at first, then buf.mul_(mu).add_(d_p, alpha=1 - tau);
// nesterov: d_p = d_p.add(buf, alpha=mu); param.add_(d_p, alpha=-lr)
void Optimizer::sgd(Eigen::VectorXd& params, const Eigen::VectorXd& g) {
  const double mu = options_.momentum;
  Eigen::VectorXd& b = state_.buffer;
  Eigen::VectorXd& d = state_.direction;
  for (Eigen::Index i = 0; i < g.size(); ++i) {
    d[i] = g[i];
    if (mu != 0) {
      b[i] = has_buffer_ ? b[i] * mu + (1 - options_.dampening) * g[i] : g[i];
      d[i] = options_.nesterov ? g[i] + mu * b[i] : b[i];
    }
    params[i] = params[i] + -options_.lr * d[i];
  }
  has_buffer_ = has_buffer_ || mu != 0;
}

// v <- beta v + (1 - beta) g;  theta <- theta - eta v
void Optimizer::momentum_ewa(Eigen::VectorXd& params, const Eigen::VectorXd& g) {
  const double beta = options_.beta;
  Eigen::VectorXd& v = state_.buffer;
  for (Eigen::Index i = 0; i < g.size(); ++i) {
    v[i] = beta * v[i] + (1 - beta) * g[i];
    state_.direction[i] = v[i];
    params[i] = params[i] - options_.lr * v[i];
  }
}

// torch.optim.Adagrad: clr = lr / (1 + (t - 1) lr_decay); state_sum.addcmul_(g, g, value=1);
// std = state_sum.sqrt().add_(eps); param.addcdiv_(g, std, value=-clr)
void Optimizer::adagrad(Eigen::VectorXd& params, const Eigen::VectorXd& g) {
  const double clr = options_.lr / (1 + static_cast<double>(state_.t - 1) * options_.lr_decay);
  state_.lr_t = clr;
  for (Eigen::Index i = 0; i < g.size(); ++i) {
    state_.s[i] = state_.s[i] + 1.0 * g[i] * g[i];
    const double std = std::sqrt(state_.s[i]) + options_.eps;
    state_.denominator[i] = std;
    state_.effective_rate[i] = clr / std;
    params[i] = params[i] + -clr * g[i] / std;
  }
}

// torch.optim.RMSprop: square_avg.mul_(alpha).addcmul_(g, g, value=1 - alpha);
// centered: grad_avg.mul_(alpha).add_(g, alpha=1 - alpha), avg = square_avg.addcmul(grad_avg, grad_avg, value=-1).sqrt_()
// avg.add_(eps); momentum: buf.mul_(mu).addcdiv_(g, avg), param.add_(buf, alpha=-lr); else param.addcdiv_(g, avg, value=-lr)
void Optimizer::rmsprop(Eigen::VectorXd& params, const Eigen::VectorXd& g) {
  const double a = options_.alpha, mu = options_.momentum;
  for (Eigen::Index i = 0; i < g.size(); ++i) {
    state_.s[i] = state_.s[i] * a + (1 - a) * g[i] * g[i];
    double avg;
    if (options_.centered) {
      state_.g_avg[i] = state_.g_avg[i] * a + (1 - a) * g[i];
      avg = std::sqrt(state_.s[i] + -1.0 * state_.g_avg[i] * state_.g_avg[i]);
    } else {
      avg = std::sqrt(state_.s[i]);
    }
    avg = avg + options_.eps;
    state_.denominator[i] = avg;
    state_.effective_rate[i] = options_.lr / avg;
    if (mu > 0) {
      state_.buffer[i] = state_.buffer[i] * mu + 1.0 * g[i] / avg;
      params[i] = params[i] + -options_.lr * state_.buffer[i];
    } else {
      params[i] = params[i] + -options_.lr * g[i] / avg;
    }
  }
}

// torch.optim.Adam / AdamW: (AdamW: param.mul_(1 - lr wd)) exp_avg.mul_(b1).add_(g, alpha=1 - b1);
// exp_avg_sq.mul_(b2).addcmul_(g, g, value=1 - b2); step_size = lr / bc1;
// denom = (v.sqrt() / sqrt(bc2)).add_(eps)  (amsgrad: v_max = max(v_max, v) instead of v);
// param.addcdiv_(exp_avg, denom, value=-step_size)
void Optimizer::adam(Eigen::VectorXd& params, const Eigen::VectorXd& g) {
  const double b1 = options_.beta1, b2 = options_.beta2;
  const double t = static_cast<double>(state_.t);
  const double bc1 = options_.bias_correction ? 1 - std::pow(b1, t) : 1.0;
  const double bc2 = options_.bias_correction ? 1 - std::pow(b2, t) : 1.0;
  const double step_size = options_.lr / bc1;
  const double bc2_sqrt = std::sqrt(bc2);
  state_.lr_t = step_size;
  for (Eigen::Index i = 0; i < g.size(); ++i) {
    if (options_.decoupled) params[i] = params[i] * (1 - options_.lr * options_.weight_decay);
    state_.m[i] = state_.m[i] * b1 + (1 - b1) * g[i];
    state_.v[i] = state_.v[i] * b2 + (1 - b2) * g[i] * g[i];
    const double v_used = options_.amsgrad ? (state_.v_max[i] = std::max(state_.v_max[i], state_.v[i])) : state_.v[i];
    const double denom = std::sqrt(v_used) / bc2_sqrt + options_.eps;
    state_.m_hat[i] = state_.m[i] / bc1;
    state_.v_hat[i] = v_used / bc2;
    state_.denominator[i] = denom;
    state_.effective_rate[i] = step_size / denom;
    params[i] = params[i] + -step_size * state_.m[i] / denom;
  }
}

}  // namespace bp
