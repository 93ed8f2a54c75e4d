#include "trace/formulas.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "losses/loss_elements.hpp"
#include "base/tex.hpp"

namespace bp {

namespace {

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

}  // namespace

Tex activation_tex(Activation a, const std::vector<std::string>& net_syms, const std::vector<double>& nets,
                   std::size_t k, int digits) {
  std::vector<TexArg> symbols, numbers;
  for (std::size_t j = 0; j < nets.size(); ++j) {
    symbols.push_back({net_syms[j], net_syms[j]});
    numbers.push_back({tex::number(nets[j], digits), tex::factor(nets[j], digits)});
  }
  return {a->tex(symbols, k), a->tex(numbers, k)};
}

Tex activation_derivative_tex(Activation a, const std::string& net_sym, const std::string& out_sym, double net,
                              double out, int digits) {
  return {a->derivative_tex({net_sym, net_sym}, {out_sym, out_sym}),
          a->derivative_tex({tex::number(net, digits), tex::factor(net, digits)},
                            {tex::number(out, digits), tex::factor(out, digits)})};
}

Tex loss_term_tex(const Loss& loss, const LossSymbols& s, int digits) {
  const std::string t = s.target, o = s.out;
  const std::string tn = tex::factor(s.target_value, digits), on = tex::factor(s.out_value, digits);
  const std::string m = mean_over(s.K);
  switch (loss.kind) {
    case LossKind::half_sse:
      return {"\\tfrac{1}{2}(" + t + " - " + o + ")^2", "\\tfrac{1}{2}(" + tn + " - " + on + ")^2"};
    case LossKind::mse:
      return {m + "(" + t + " - " + o + ")^2", m + "(" + tn + " - " + on + ")^2"};
    case LossKind::mae:
      return {m + "\\left|" + t + " - " + o + "\\right|", m + "\\left|" + tn + " - " + on + "\\right|"};
    case LossKind::smooth_l1: {
      const std::string b = tex::number(loss.beta, digits);
      const double x = std::abs(s.out_value - s.target_value);
      const std::string cond = "\\left|" + o + " - " + t + "\\right|";
      const std::string cond_n = "\\left|" + on + " - " + tn + "\\right|";
      if (x < loss.beta) {
        return {m + "\\frac{0.5\\,(" + o + " - " + t + ")^2}{\\beta} \\quad (" + cond + " < \\beta)",
                m + "\\frac{0.5\\,(" + on + " - " + tn + ")^2}{" + b + "} \\quad (" + cond_n + " < " + b + ")"};
      }
      return {m + "\\left(" + cond + " - 0.5\\,\\beta\\right) \\quad (" + cond + " \\ge \\beta)",
              m + "\\left(" + cond_n + " - 0.5 \\cdot " + b + "\\right) \\quad (" + cond_n + " \\ge " + b + ")"};
    }
    case LossKind::bce: {
      // Each log is clamped at -100, as PyTorch does; shown where it acts.
      auto log_of = [](const std::string& arg, double value) {
        return std::log(value) < -100 ? "\\max(\\log " + arg + ", -100)" : "\\log " + arg;
      };
      const std::string one_minus = "(1 - " + o + ")", one_minus_n = "(1 - " + on + ")";
      return {"-" + m + "\\left[" + t + " " + log_of(o, s.out_value) + " + (1 - " + t + ") " +
                  log_of(one_minus, 1 - s.out_value) + "\\right]",
              "-" + m + "\\left[" + tn + " " + log_of(on, s.out_value) + " + (1 - " + tn + ") " +
                  log_of(one_minus_n, 1 - s.out_value) + "\\right]"};
    }
    case LossKind::bce_logits:
      return {m + "\\left[\\max(" + o + ", 0) - " + o + "\\," + t + " + \\log\\left(1 + e^{-|" + o + "|}\\right)\\right]",
              m + "\\left[\\max(" + on + ", 0) - " + on + " \\cdot " + tn + " + \\log\\left(1 + e^{-|" + on +
                  "|}\\right)\\right]"};
    case LossKind::ce: {
      if (loss.label_smoothing == 0.0) return {"-" + t + " \\log " + o, "-" + tn + " \\log " + on};
      const std::string sm = tex::number(loss.label_smoothing, digits);
      const std::string K = std::to_string(s.K);
      return {"-\\left((1 - \\varepsilon)\\," + t + " + \\tfrac{\\varepsilon}{" + K + "}\\right) \\log " + o,
              "-\\left((1 - " + sm + ") \\cdot " + tn + " + \\tfrac{" + sm + "}{" + K + "}\\right) \\log " + on};
    }
  }
  return {};
}

Tex loss_gradient_tex(const Loss& loss, const LossSymbols& s, int digits) {
  const std::string t = s.target, o = s.out;
  const std::string tn = tex::factor(s.target_value, digits), on = tex::factor(s.out_value, digits);
  const std::string m = mean_over(s.K);
  switch (loss.kind) {
    case LossKind::half_sse:
      return {"-(" + t + " - " + o + ")", "-(" + tn + " - " + on + ")"};
    case LossKind::mse: {
      // d/dout of 1/K (t - o)^2 is -2/K (t - o): the 2/K is shown even where it is 1.
      const std::string c = over_outputs(2, s.K);
      return {"-" + c + "(" + t + " - " + o + ")", "-" + c + "(" + tn + " - " + on + ")"};
    }
    case LossKind::mae:
      return {m + "\\operatorname{sign}(" + o + " - " + t + ")", m + "\\operatorname{sign}(" + on + " - " + tn + ")"};
    case LossKind::smooth_l1: {
      const std::string b = tex::number(loss.beta, digits);
      if (std::abs(s.out_value - s.target_value) < loss.beta) {
        return {m + "\\frac{" + o + " - " + t + "}{\\beta}", m + "\\frac{" + on + " - " + tn + "}{" + b + "}"};
      }
      return {m + "\\operatorname{sign}(" + o + " - " + t + ")", m + "\\operatorname{sign}(" + on + " - " + tn + ")"};
    }
    case LossKind::bce: {
      const bool clamped = (1 - s.out_value) * s.out_value < element::bce_epsilon;
      const std::string den = clamped ? "\\max(" + o + "(1 - " + o + "), 10^{-12})" : o + "(1 - " + o + ")";
      const std::string den_n =
          clamped ? "\\max(" + on + "(1 - " + on + "), 10^{-12})" : on + "(1 - " + on + ")";
      return {m + "\\frac{" + o + " - " + t + "}{" + den + "}", m + "\\frac{" + on + " - " + tn + "}{" + den_n + "}"};
    }
    case LossKind::bce_logits:
      return {m + "\\left(\\sigma(" + o + ") - " + t + "\\right)", m + "\\left(\\sigma(" + on + ") - " + tn + "\\right)"};
    case LossKind::ce:
      if (loss.label_smoothing == 0.0) return {"-\\frac{" + t + "}{" + o + "}", "-\\frac{" + tn + "}{" + on + "}"};
      return {"-\\frac{(1 - \\varepsilon)\\," + t + " + \\varepsilon / " + std::to_string(s.K) + "}{" + o + "}",
              "-\\frac{(1 - " + tex::number(loss.label_smoothing, digits) + ") \\cdot " + tn + " + " +
                  tex::number(loss.label_smoothing, digits) + " / " + std::to_string(s.K) + "}{" + on + "}"};
  }
  return {};
}

Tex simplified_delta_tex(const Loss& loss, const LossSymbols& s, int digits) {
  const std::string tn = tex::factor(s.target_value, digits), on = tex::factor(s.out_value, digits);
  if (loss.kind == LossKind::ce) {
    if (loss.label_smoothing == 0.0) return {s.out + " - " + s.target, on + " - " + tn};
    const std::string sm = tex::number(loss.label_smoothing, digits), K = std::to_string(s.K);
    return {s.out + " - \\left((1 - \\varepsilon)\\," + s.target + " + \\tfrac{\\varepsilon}{" + K + "}\\right)",
            on + " - \\left((1 - " + sm + ") \\cdot " + tn + " + \\tfrac{" + sm + "}{" + K + "}\\right)"};
  }
  const std::string m = mean_over(s.K);
  return {m + "(" + s.out + " - " + s.target + ")", m + "(" + on + " - " + tn + ")"};
}

double simplified_delta(const Loss& loss, const LossSymbols& s) {
  if (loss.kind == LossKind::ce) {
    return s.out_value - smoothed(loss, s.target_value, s.K);
  }
  return (s.out_value - s.target_value) / static_cast<double>(s.K);
}

}  // namespace bp
