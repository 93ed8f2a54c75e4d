// The losses: one entry each. For one output, E_ok and dE/dout_k stand side
// by side, in PyTorch's order of operations (loss_elements.hpp), with the
// LaTeX the trace writes them in; then the entry says the rest: its
// reduction, parameters, the activation and targets it needs, the explorer's
// formulas and the export's PyTorch line. Appending an entry adds a loss
// everywhere: the network, the trace, the export, the configs and the
// page's lists (which name it from their catalogs, loss.<name>).
//
// Genuinely special code stays where the math needs it: cross-entropy reads
// log(out) from the exact log-softmax of the network and smooths its
// targets; the explorer's batch functions (loss_functions.cpp) compute whole
// batches, and cross-entropy there works on rows of logits.
#include <cmath>
#include <numeric>

#include "base/sized.hpp"
#include "base/tex.hpp"
#include "losses/loss.hpp"
#include "losses/loss_elements.hpp"
#include "losses/loss_functions.hpp"

namespace bp {

namespace {

using Eigen::Index;
using Eigen::VectorXd;
using P = LossParameter;

// num/den as a reduced LaTeX coefficient: "" for 1, "2", "\tfrac{1}{2}".
std::string coefficient(long num, long den) {
  const long g = std::gcd(num, den);
  num /= g;
  den /= g;
  if (den == 1) return num == 1 ? "" : std::to_string(num);
  return "\\tfrac{" + std::to_string(num) + "}{" + std::to_string(den) + "}";
}

// "\tfrac{1}{K}" before a bracket, or "" when K = 1.
std::string mean_over(long K) { return coefficient(1, K); }

// num/K as written, not reduced, so the factor stays visible: "\tfrac{2}{2}",
// or "2" when K = 1.
std::string over_outputs(long num, long K) {
  if (K == 1) return std::to_string(num);
  return "\\tfrac{" + std::to_string(num) + "}{" + std::to_string(K) + "}";
}

// A loss that is one term per output. L holds, for out o and target t of
// K outputs (inv_k = 1/K): term (E_ok), raw (its part of the sum S that the
// reduction divides) and grad (dE_total/dout_k); and their LaTeX.
template <class L>
void terms_of(const Loss& loss, const VectorXd& out, const VectorXd& target, const VectorXd&, VectorXd& e) {
  const Index K = out.size();
  const double inv_k = 1.0 / static_cast<double>(K);
  fit(e, K);
  for (Index k = 0; k < K; ++k) e[k] = L::term(out[k], target[k], inv_k, loss);
}

template <class L>
double raw_sum_of(const Loss& loss, const VectorXd& out, const VectorXd& target, const VectorXd&) {
  double sum = 0;
  for (Index k = 0; k < out.size(); ++k) {
    const double term = L::raw(out[k], target[k], loss);
    sum = k == 0 ? term : sum + term;
  }
  return sum;
}

template <class L>
void gradient_of(const Loss& loss, const VectorXd& out, const VectorXd& target, VectorXd& g) {
  const Index K = out.size();
  const double inv_k = 1.0 / static_cast<double>(K);
  fit(g, K);
  for (Index k = 0; k < K; ++k) g[k] = L::grad(out[k], target[k], inv_k, loss);
}

template <class L>
double line_step_of(const Loss& loss, const VectorXd& x, const VectorXd& y, double a, double b, double& ga,
                    double& gb) {
  const Loss l = loss;  // a copy, and sums in locals: nothing the loop writes aliases them
  const Index K = x.size();
  const double inv_k = 1.0 / static_cast<double>(K);
  double sum = 0, sa = 0, sb = 0;
  for (Index k = 0; k < K; ++k) {
    const double out = a * x[k] + b;
    const double term = L::raw(out, y[k], l);
    sum = k == 0 ? term : sum + term;
    const double g = L::grad(out, y[k], inv_k, l);
    sa += g * x[k];
    sb += g;
  }
  ga = sa;
  gb = sb;
  return sum;
}

template <class L>
LossInfo elementwise(LossInfo info) {
  info.terms = terms_of<L>;
  info.raw_sum = raw_sum_of<L>;
  info.gradient = gradient_of<L>;
  info.line_step = line_step_of<L>;
  info.term_tex = L::term_tex;
  info.gradient_tex = L::gradient_tex;
  return info;
}

// half_sse: E_k = 1/2 (target - out)^2;  dE/dout_k = -(target - out),
// computed as torch's backward of 0.5 (target - out)^2 does: 0.5 (2 d) is d
// to the last bit, and overflows where torch's backward does.
struct HalfSse {
  static double term(double o, double t, double, const Loss&) { return 0.5 * (t - o) * (t - o); }
  static double raw(double o, double t, const Loss&) { return (t - o) * (t - o); }
  static double grad(double o, double t, double, const Loss&) { return -(0.5 * (2.0 * (t - o))); }
  static std::string term_tex(const LossTex& a) { return "\\tfrac{1}{2}(" + a.target + " - " + a.out + ")^2"; }
  static std::string gradient_tex(const LossTex& a) { return "-(" + a.target + " - " + a.out + ")"; }
};

// mse: E_k = 1/K (out - target)^2;  dE/dout_k = 2/K (out - target)
struct Mse {
  static double term(double o, double t, double inv_k, const Loss&) { return inv_k * element::squared(o - t); }
  static double raw(double o, double t, const Loss&) { return element::squared(o - t); }
  static double grad(double o, double t, double inv_k, const Loss&) { return element::squared_grad(o - t, inv_k); }
  static std::string term_tex(const LossTex& a) {
    return mean_over(a.K) + "(" + a.target + " - " + a.out + ")^2";
  }
  // d/dout of 1/K (t - o)^2 is -2/K (t - o): the 2/K is shown even where it is 1.
  static std::string gradient_tex(const LossTex& a) {
    return "-" + over_outputs(2, a.K) + "(" + a.target + " - " + a.out + ")";
  }
};

// mae: E_k = 1/K |out - target|;  dE/dout_k = 1/K sign(out - target), 0 at 0
struct Mae {
  static double term(double o, double t, double inv_k, const Loss&) { return inv_k * element::absolute(o - t); }
  static double raw(double o, double t, const Loss&) { return element::absolute(o - t); }
  static double grad(double o, double t, double inv_k, const Loss&) { return element::absolute_grad(o - t, inv_k); }
  static std::string term_tex(const LossTex& a) {
    return mean_over(a.K) + "\\left|" + a.target + " - " + a.out + "\\right|";
  }
  static std::string gradient_tex(const LossTex& a) {
    return mean_over(a.K) + "\\operatorname{sign}(" + a.out + " - " + a.target + ")";
  }
};

// smooth_l1, x = out - target: E_k = 1/K (0.5 x^2 / beta if |x| < beta, else
// |x| - 0.5 beta);  dE/dout_k = 1/K (x / beta inside, sign(x) outside)
struct SmoothL1 {
  static double term(double o, double t, double inv_k, const Loss& l) { return inv_k * element::smooth_l1(o - t, l.beta); }
  static double raw(double o, double t, const Loss& l) { return element::smooth_l1(o - t, l.beta); }
  static double grad(double o, double t, double inv_k, const Loss& l) {
    return element::smooth_l1_grad(o - t, l.beta, inv_k);
  }
  static bool inside(const LossTex& a) { return std::abs(a.out_value - a.target_value) < a.loss->beta; }
  static std::string term_tex(const LossTex& a) {
    const std::string& b = a.parameters[0];
    const std::string x = "\\left|" + a.out + " - " + a.target + "\\right|";
    if (inside(a)) {
      return mean_over(a.K) + "\\frac{0.5\\,(" + a.out + " - " + a.target + ")^2}{" + b + "} \\quad (" + x + " < " + b + ")";
    }
    return mean_over(a.K) + "\\left(" + x + " - 0.5" + a.times + b + "\\right) \\quad (" + x + " \\ge " + b + ")";
  }
  static std::string gradient_tex(const LossTex& a) {
    if (inside(a)) return mean_over(a.K) + "\\frac{" + a.out + " - " + a.target + "}{" + a.parameters[0] + "}";
    return mean_over(a.K) + "\\operatorname{sign}(" + a.out + " - " + a.target + ")";
  }
};

// bce: E_k = -1/K [t log out + (1 - t) log(1 - out)], each log clamped at -100;
// dE/dout_k = 1/K (out - t) / max(out (1 - out), 1e-12f)
struct Bce {
  static double term(double o, double t, double inv_k, const Loss&) { return inv_k * element::bce(o, t); }
  static double raw(double o, double t, const Loss&) { return element::bce(o, t); }
  static double grad(double o, double t, double inv_k, const Loss&) { return element::bce_grad(o, t, inv_k); }
  // Each log is clamped at -100, as PyTorch does; shown where it acts.
  static std::string log_of(const std::string& arg, double value) {
    return std::log(value) < -100 ? "\\max(\\log " + arg + ", -100)" : "\\log " + arg;
  }
  static std::string term_tex(const LossTex& a) {
    return "-" + mean_over(a.K) + "\\left[" + a.target + " " + log_of(a.out, a.out_value) + " + (1 - " + a.target +
           ") " + log_of("(1 - " + a.out + ")", 1 - a.out_value) + "\\right]";
  }
  static std::string gradient_tex(const LossTex& a) {
    const bool clamped = (1 - a.out_value) * a.out_value < element::bce_epsilon;
    const std::string product = a.out + "(1 - " + a.out + ")";
    const std::string den = clamped ? "\\max(" + product + ", 10^{-12})" : product;
    return mean_over(a.K) + "\\frac{" + a.out + " - " + a.target + "}{" + den + "}";
  }
};

// bce_logits, z = out (a logit): E_k = 1/K [max(z, 0) - z t + log(1 + e^(-|z|))],
// computed in PyTorch's stable form;  dE/dout_k = 1/K (sigmoid(z) - t)
struct BceLogits {
  static double term(double o, double t, double inv_k, const Loss&) { return inv_k * element::bce_logits(o, t); }
  static double raw(double o, double t, const Loss&) { return element::bce_logits(o, t); }
  static double grad(double o, double t, double inv_k, const Loss&) { return element::bce_logits_grad(o, t, inv_k); }
  static std::string term_tex(const LossTex& a) {
    return mean_over(a.K) + "\\left[\\max(" + a.out + ", 0) - " + a.out + a.times + a.target +
           " + \\log\\left(1 + e^{-|" + a.out + "|}\\right)\\right]";
  }
  static std::string gradient_tex(const LossTex& a) {
    return mean_over(a.K) + "\\left(\\sigma(" + a.out + ") - " + a.target + "\\right)";
  }
};

// ce, with the smoothed target q = (1 - s) t + s / K: E_k = -q_k log out_k;
// dE/dout_k = -q_k / out_k. Special: log out_k is the network's exact
// log_softmax(net)_k when it has it (log_out), and a zero q_k adds 0 even
// where log out_k is -inf.
struct Ce {
  static double log_at(const VectorXd& out, const VectorXd& log_out, Index k) {
    return log_out.size() == out.size() ? log_out[k] : std::log(out[k]);
  }
  static void terms(const Loss& loss, const VectorXd& out, const VectorXd& target, const VectorXd& log_out, VectorXd& e) {
    const Index K = out.size();
    fit(e, K);
    for (Index k = 0; k < K; ++k) {
      const double q = smoothed(loss, target[k], K);
      e[k] = q == 0.0 ? 0.0 : -q * log_at(out, log_out, k);
    }
  }
  static double raw_sum(const Loss& loss, const VectorXd& out, const VectorXd& target, const VectorXd& log_out) {
    const Index K = out.size();
    double sum = 0;
    for (Index k = 0; k < K; ++k) {
      const double q = smoothed(loss, target[k], K);
      const double term = q == 0.0 ? 0.0 : -q * log_at(out, log_out, k);
      sum = k == 0 ? term : sum + term;
    }
    return sum;
  }
  static void gradient(const Loss& loss, const VectorXd& out, const VectorXd& target, VectorXd& g) {
    const Index K = out.size();
    fit(g, K);
    for (Index k = 0; k < K; ++k) g[k] = -smoothed(loss, target[k], K) / out[k];
  }
  // q_k as written: t, or ((1 - eps) t + eps / K).
  static std::string q(const LossTex& a) {
    const std::string& s = a.parameters[0];
    return "\\left((1 - " + s + ")" + a.times + a.target + " + \\tfrac{" + s + "}{" + std::to_string(a.K) + "}\\right)";
  }
  static std::string term_tex(const LossTex& a) {
    if (a.loss->label_smoothing == 0.0) return "-" + a.target + " \\log " + a.out;
    return "-" + q(a) + " \\log " + a.out;
  }
  static std::string gradient_tex(const LossTex& a) {
    if (a.loss->label_smoothing == 0.0) return "-\\frac{" + a.target + "}{" + a.out + "}";
    const std::string& s = a.parameters[0];
    return "-\\frac{(1 - " + s + ")" + a.times + a.target + " + " + s + " / " + std::to_string(a.K) + "}{" + a.out + "}";
  }
  // Softmax and cross-entropy: dE_total/dnet_k = out_k - q_k.
  static std::string delta_tex(const LossTex& a) {
    if (a.loss->label_smoothing == 0.0) return a.out + " - " + a.target;
    return a.out + " - " + q(a);
  }
  static double delta(const Loss& loss, double out, double target, long K) { return out - smoothed(loss, target, K); }
};

// Sigmoid and BCE: dE_total/dnet_k = (out_k - target_k) / K.
std::string mean_delta_tex(const LossTex& a) { return mean_over(a.K) + "(" + a.out + " - " + a.target + ")"; }
double mean_delta(const Loss&, double out, double target, long K) { return (out - target) / static_cast<double>(K); }

}  // namespace

__attribute__((minsize)) std::vector<LossInfo> make_loss_table() {
  const ExplorerFormula not_in_explorer{"", "", "", "", "", "", false};
  const char* const y_hat = "\\hat{y}_i";
  const auto R = LossReduction::mean;
  const P beta{"beta", P::Type::non_negative, &Loss::beta, 1.0, "\\beta", true};
  const P label_smoothing{"label_smoothing", P::Type::unit, &Loss::label_smoothing, 0.0, "\\varepsilon", false};
  const P delta{"delta", P::Type::positive, &Loss::delta, 1.0, "\\delta", false};
  const std::string smooth_l1_cases =
      "\\begin{cases} x_i / \\beta & |x_i| < \\beta \\\\ \\operatorname{sign}(x_i) & |x_i| \\ge \\beta \\end{cases}";
  const std::string huber_cases =
      "\\begin{cases} x_i & |x_i| < \\delta \\\\ \\delta \\operatorname{sign}(x_i) & |x_i| \\ge \\delta \\end{cases}";
  // Each entry: name, network, reduction, parameters, needs, probability
  // targets, targets sum to one, PyTorch expression and its note, the
  // explorer's formulas; then the functions, which elementwise<L> fills from
  // L (nullptr here), but for what L does not say (the simplified delta);
  // last the explorer's batch function.
  std::vector<LossInfo> table = {
      elementwise<HalfSse>({"half_sse", true, LossReduction::half_sum, {}, std::nullopt, false, false,
                            "0.5 * ((T - out) ** 2).sum() / T.shape[0]",
                            "1/2 sum (target - out)^2 for each example, then the mean over the examples",
                            not_in_explorer, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr}),
      elementwise<Mse>({"mse", true, R, {}, std::nullopt, false, false, "F.mse_loss(out, T)", "",
                        {"\\mathrm{MSE}", "(y_i - \\hat{y}_i)^2", "2(\\hat{y}_i - y_i)", "\\frac{2}{N}(\\hat{y}_i - y_i)",
                         "", y_hat, false},
                        nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr,
                        [](const VectorXd& x, const VectorXd& y, const Loss&, Reduction r) { return mse_loss(x, y, r); }}),
      elementwise<Mae>({"mae", true, R, {}, std::nullopt, false, false, "F.l1_loss(out, T)", "",
                        {"\\mathrm{MAE}", "\\left|y_i - \\hat{y}_i\\right|", "\\operatorname{sign}(\\hat{y}_i - y_i)",
                         "\\frac{1}{N}\\operatorname{sign}(\\hat{y}_i - y_i)", "", y_hat, false},
                        nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr,
                        [](const VectorXd& x, const VectorXd& y, const Loss&, Reduction r) { return l1_loss(x, y, r); }}),
      elementwise<SmoothL1>(
          {"smooth_l1", true, R, {beta}, std::nullopt, false, false, "F.smooth_l1_loss(out, T, beta={beta})", "",
           {"\\mathrm{SmoothL1}_{\\beta}",
            "\\begin{cases} 0.5\\,x_i^2 / \\beta & |x_i| < \\beta \\\\ |x_i| - 0.5\\,\\beta & |x_i| \\ge \\beta "
            "\\end{cases}",
            smooth_l1_cases, "\\frac{1}{N}" + smooth_l1_cases,
            "x_i = \\hat{y}_i - y_i\n\\mathrm{Huber}_{\\delta}(x) = \\delta \\cdot \\mathrm{SmoothL1}_{\\beta = \\delta}(x)",
            y_hat, false},
           nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr,
           [](const VectorXd& x, const VectorXd& y, const Loss& l, Reduction r) { return smooth_l1_loss(x, y, l.beta, r); }}),
      elementwise<Bce>({"bce", true, R, {}, Activation::sigmoid, true, false, "F.binary_cross_entropy(out, T)", "",
                        {"\\mathrm{BCE}", "\\left[y_i \\log \\hat{p}_i + (1 - y_i) \\log(1 - \\hat{p}_i)\\right]",
                         "\\frac{\\hat{p}_i - y_i}{\\hat{p}_i (1 - \\hat{p}_i)}",
                         "\\frac{1}{N} \\cdot \\frac{\\hat{p}_i - y_i}{\\hat{p}_i (1 - \\hat{p}_i)}",
                         "\\log(\\cdot) \\to \\max(\\log(\\cdot), -100)\n\\hat{p}_i \\in [0, 1]", "\\hat{p}_i", true},
                        nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, mean_delta_tex, mean_delta,
                        [](const VectorXd& x, const VectorXd& y, const Loss&, Reduction r) { return binary_cross_entropy(x, y, r); }}),
      elementwise<BceLogits>(
          {"bce_logits", true, R, {}, std::nullopt, true, false, "F.binary_cross_entropy_with_logits(out, T)", "",
           {"\\mathrm{BCE}_{\\mathrm{logits}}", "\\left[y_i \\log \\sigma(z_i) + (1 - y_i) \\log(1 - \\sigma(z_i))\\right]",
            "\\sigma(z_i) - y_i", "\\frac{1}{N}\\left(\\sigma(z_i) - y_i\\right)",
            "-\\left[y_i \\log \\sigma(z_i) + (1 - y_i) \\log(1 - \\sigma(z_i))\\right] = \\max(z_i, 0) - z_i\\, y_i + "
            "\\log\\left(1 + e^{-|z_i|}\\right)",
            "z_i", true},
           nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr,
           [](const VectorXd& x, const VectorXd& y, const Loss&, Reduction r) {
             return binary_cross_entropy_with_logits(x, y, r);
           }}),
      // The model returns the logits in the export: F.cross_entropy applies
      // log-softmax itself.
      {"ce", true, LossReduction::per_example, {label_smoothing}, Activation::softmax, true, true,
       "F.cross_entropy(out, T, label_smoothing={label_smoothing})",
       "the model returns the logits; cross_entropy applies log-softmax itself",
       {"\\mathrm{CE}", "\\sum_{c=0}^{C-1} q_{ic} \\log \\operatorname{softmax}(z_i)_c",
        "\\operatorname{softmax}(z_i) - q_i", "\\frac{1}{N}\\left(\\operatorname{softmax}(z_i) - q_i\\right)",
        "\\log \\operatorname{softmax}(z)_c = z_c - m - \\log \\sum_{k} e^{z_k - m}\n"
        "m = \\max_k z_k\n"
        "q_{ic} = (1 - \\varepsilon)\\, \\mathbb{1}[c = t_i] + \\varepsilon / C",
        "z_i", true},
       Ce::terms, Ce::raw_sum, Ce::gradient, nullptr, Ce::term_tex, Ce::gradient_tex, Ce::delta_tex, Ce::delta, nullptr},
      // Huber is the explorer's only (Huber_delta = delta SmoothL1_{beta = delta}).
      {"huber", false, R, {delta}, std::nullopt, false, false, "F.huber_loss(out, T, delta={delta})", "",
       {"\\mathrm{Huber}_{\\delta}",
        "\\begin{cases} 0.5\\,x_i^2 & |x_i| < \\delta \\\\ \\delta\\,(|x_i| - 0.5\\,\\delta) & |x_i| \\ge \\delta "
        "\\end{cases}",
        huber_cases, "\\frac{1}{N}" + huber_cases, "x_i = \\hat{y}_i - y_i", y_hat, false},
       nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr,
       [](const VectorXd& x, const VectorXd& y, const Loss& l, Reduction r) { return huber_loss(x, y, l.delta, r); }},
  };
  return table;
}

std::optional<LossKind> find_loss(const std::string& name) {
  const auto& table = loss_table();
  for (std::size_t i = 0; i < table.size(); ++i) {
    if (table[i].name == name) return LossKind(i);
  }
  return std::nullopt;
}

const std::vector<std::string>& loss_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> v;
    for (const auto& l : loss_table()) {
      if (l.network) v.push_back(l.name);
    }
    return v;
  }();
  return names;
}

std::string loss_name(LossKind kind) { return kind->name; }

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

}  // namespace bp
