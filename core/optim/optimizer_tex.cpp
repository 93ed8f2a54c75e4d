// Each optimizer's update for one step, as LaTeX: the equation in symbols
// beside the same equation with the step's numbers. theta, g and the state
// are vectors, written as columns.
#include <cmath>

#include "optim/race.hpp"
#include "base/tex.hpp"

namespace bp {

namespace {

class Writer {
 public:
  Writer(const OptimizerOptions& o, const StepDetail& d, int digits) : o_(o), d_(d), digits_(digits) {}

  std::string num(double x) const { return tex::number(x, digits_); }
  std::string vec(const Eigen::VectorXd& v) const {
    std::string s = "\\begin{pmatrix}";
    for (Eigen::Index i = 0; i < v.size(); ++i) s += (i ? " \\\\ " : "") + num(v[i]);
    return s + "\\end{pmatrix}";
  }
  // numbers is "= ... = ...": its parts, each from an equals sign, are also kept apart.
  void line(std::string formula, std::string numbers) {
    std::vector<std::string> parts;
    std::size_t from = 0;
    for (std::size_t at = numbers.find(" = "); at != std::string::npos; at = numbers.find(" = ", from)) {
      parts.push_back(numbers.substr(from, at - from));
      from = at + 1;
    }
    parts.push_back(numbers.substr(from));
    lines_.push_back({std::move(formula), std::move(numbers), std::move(parts)});
  }

  std::vector<TexLine> take() { return std::move(lines_); }

  // g_t = grad f(theta_{t-1}), plus the L2 term when there is one.
  void gradient() {
    const bool l2 = o_.weight_decay != 0 && !(o_.kind == OptimizerKind::adam && o_.decoupled);
    if (l2) {
      line("g_t = \\nabla f(\\theta_{t-1}) + \\lambda\\, \\theta_{t-1}", "= " + vec(d_.after.grad));
    } else {
      line("g_t = \\nabla f(\\theta_{t-1})", "= " + vec(d_.after.grad));
    }
  }

  void theta(const std::string& formula, const std::string& numbers) {
    line("\\theta_t = " + formula, "= " + numbers + " = " + vec(d_.theta_after));
  }

  const OptimizerOptions& o_;
  const StepDetail& d_;
  int digits_;
  std::vector<TexLine> lines_;
};

}  // namespace

std::vector<TexLine> update_tex(const OptimizerOptions& o, const StepDetail& d, int digits) {
  Writer w(o, d, digits);
  const auto& before = d.before;
  const auto& after = d.after;
  const std::string eta = w.num(o.lr);
  // AdamW decays theta before the step: the step starts from the decayed theta.
  const bool decays = o.kind == OptimizerKind::adam && o.decoupled && o.weight_decay != 0;
  const std::string th = w.vec(decays ? Eigen::VectorXd(d.theta_before * (1 - o.lr * o.weight_decay)) : d.theta_before);
  const long t = d.step;
  switch (o.kind) {
    case OptimizerKind::sgd:
    case OptimizerKind::momentum: {
      w.gradient();
      if (o.kind == OptimizerKind::momentum && !o.pytorch_form) {
        w.line("v_t = \\beta\\, v_{t-1} + (1 - \\beta)\\, g_t",
               "= " + w.num(o.beta) + " " + w.vec(before.buffer) + " + " + w.num(1 - o.beta) + " " +
                   w.vec(after.grad) + " = " + w.vec(after.buffer));
        w.theta("\\theta_{t-1} - \\eta\\, v_t", th + " - " + eta + " " + w.vec(after.buffer));
        break;
      }
      if (o.momentum == 0) {
        w.theta("\\theta_{t-1} - \\eta\\, g_t", th + " - " + eta + " " + w.vec(after.grad));
        break;
      }
      if (t == 1) {
        w.line("b_1 = g_1", "= " + w.vec(after.buffer));
      } else {
        w.line("b_t = \\mu\\, b_{t-1} + (1 - \\tau)\\, g_t",
               "= " + w.num(o.momentum) + " " + w.vec(before.buffer) + " + " + w.num(1 - o.dampening) + " " +
                   w.vec(after.grad) + " = " + w.vec(after.buffer));
      }
      if (o.nesterov) {
        w.line("d_t = g_t + \\mu\\, b_t", "= " + w.vec(after.direction));
        w.theta("\\theta_{t-1} - \\eta\\, d_t", th + " - " + eta + " " + w.vec(after.direction));
      } else {
        w.theta("\\theta_{t-1} - \\eta\\, b_t", th + " - " + eta + " " + w.vec(after.buffer));
      }
      break;
    }
    case OptimizerKind::adagrad: {
      w.gradient();
      w.line("s_t = s_{t-1} + g_t \\odot g_t", "= " + w.vec(before.s) + " + " + w.vec(after.grad.cwiseProduct(after.grad)) +
                                                   " = " + w.vec(after.s));
      std::string rate = "\\eta";
      if (o.lr_decay != 0) {
        w.line("\\eta_t = \\frac{\\eta}{1 + (t - 1)\\,\\delta}",
               "= \\frac{" + eta + "}{1 + " + std::to_string(t - 1) + " \\cdot " + w.num(o.lr_decay) + "} = " +
                   w.num(after.lr_t));
        rate = "\\eta_t";
      }
      w.line("\\frac{" + rate + "}{\\sqrt{s_t} + \\varepsilon}", "= " + w.vec(after.effective_rate));
      w.theta("\\theta_{t-1} - \\frac{" + rate + "}{\\sqrt{s_t} + \\varepsilon} \\odot g_t",
              th + " - " + w.vec(after.effective_rate) + " \\odot " + w.vec(after.grad));
      break;
    }
    case OptimizerKind::rmsprop: {
      w.gradient();
      const std::string a = w.num(o.alpha), one_minus = w.num(1 - o.alpha);
      w.line("s_t = \\alpha\\, s_{t-1} + (1 - \\alpha)\\, g_t \\odot g_t",
             "= " + a + " " + w.vec(before.s) + " + " + one_minus + " " + w.vec(after.grad.cwiseProduct(after.grad)) +
                 " = " + w.vec(after.s));
      std::string denominator = "\\sqrt{s_t} + \\varepsilon";
      if (o.centered) {
        w.line("\\bar{g}_t = \\alpha\\, \\bar{g}_{t-1} + (1 - \\alpha)\\, g_t",
               "= " + a + " " + w.vec(before.g_avg) + " + " + one_minus + " " + w.vec(after.grad) + " = " +
                   w.vec(after.g_avg));
        denominator = "\\sqrt{s_t - \\bar{g}_t^2} + \\varepsilon";
      }
      w.line(denominator, "= " + w.vec(after.denominator));
      if (o.momentum > 0) {
        w.line("b_t = \\mu\\, b_{t-1} + \\frac{g_t}{" + denominator + "}",
               "= " + w.num(o.momentum) + " " + w.vec(before.buffer) + " + " +
                   w.vec(after.grad.cwiseQuotient(after.denominator)) + " = " + w.vec(after.buffer));
        w.theta("\\theta_{t-1} - \\eta\\, b_t", th + " - " + eta + " " + w.vec(after.buffer));
      } else {
        w.theta("\\theta_{t-1} - \\eta\\, \\frac{g_t}{" + denominator + "}",
                th + " - " + eta + " " + w.vec(after.grad.cwiseQuotient(after.denominator)));
      }
      break;
    }
    case OptimizerKind::adam: {
      if (decays) {
        w.line("\\theta_{t-1} \\leftarrow \\theta_{t-1} (1 - \\eta\\, \\lambda)",
               "= " + w.vec(d.theta_before) + " \\cdot (1 - " + eta + " \\cdot " + w.num(o.weight_decay) + ") = " + th);
      }
      w.gradient();
      const std::string b1 = w.num(o.beta1), b2 = w.num(o.beta2), ts = std::to_string(t);
      w.line("m_t = \\beta_1 m_{t-1} + (1 - \\beta_1)\\, g_t",
             "= " + b1 + " " + w.vec(before.m) + " + " + w.num(1 - o.beta1) + " " + w.vec(after.grad) + " = " +
                 w.vec(after.m));
      w.line("v_t = \\beta_2 v_{t-1} + (1 - \\beta_2)\\, g_t^2",
             "= " + b2 + " " + w.vec(before.v) + " + " + w.num(1 - o.beta2) + " " +
                 w.vec(after.grad.cwiseProduct(after.grad)) + " = " + w.vec(after.v));
      const std::string v_used = o.amsgrad ? "\\max(v_{\\max}, v_t)" : "v_t";
      if (o.bias_correction) {
        w.line("\\hat{m}_t = \\frac{m_t}{1 - \\beta_1^{t}}",
               "= \\frac{" + w.vec(after.m) + "}{1 - " + b1 + "^{" + ts + "}} = " + w.vec(after.m_hat));
        w.line("\\hat{v}_t = \\frac{" + v_used + "}{1 - \\beta_2^{t}}",
               "= \\frac{" + w.vec(o.amsgrad ? after.v_max : after.v) + "}{1 - " + b2 + "^{" + ts + "}} = " +
                   w.vec(after.v_hat));
      } else {
        w.line("\\hat{m}_t = m_t", "= " + w.vec(after.m_hat));
        w.line("\\hat{v}_t = " + v_used, "= " + w.vec(after.v_hat));
      }
      w.theta("\\theta_{t-1} - \\eta\\, \\frac{\\hat{m}_t}{\\sqrt{\\hat{v}_t} + \\varepsilon}",
              th + " - " + eta + " " +
                  w.vec(after.m_hat.cwiseQuotient((after.v_hat.cwiseSqrt().array() + o.eps).matrix())));
      break;
    }
  }
  return w.take();
}

}  // namespace bp
