#include "losses/loss_tex.hpp"

#include <string>

namespace bp {

namespace {

struct Formula {
  const char* kind;
  const char* body;       // the summand, in x_i = prediction_i, y_i = target_i
  const char* grad;       // d L / d prediction_i, reduction sum
  const char* grad_mean;  // the same for the mean
  const char* also;       // further equations, one a line (separated by \n), or ""
  const char* name;       // the left-hand side
  bool leading_minus;     // BCE and CE: -1/N sum ...
};

const Formula formulas[] = {
    {"mse", "(y_i - \\hat{y}_i)^2", "2(\\hat{y}_i - y_i)", "\\frac{2}{N}(\\hat{y}_i - y_i)", "", "\\mathrm{MSE}", false},
    {"mae", "\\left|y_i - \\hat{y}_i\\right|", "\\operatorname{sign}(\\hat{y}_i - y_i)",
     "\\frac{1}{N}\\operatorname{sign}(\\hat{y}_i - y_i)", "", "\\mathrm{MAE}", false},
    {"smooth_l1",
     "\\begin{cases} 0.5\\,x_i^2 / \\beta & |x_i| < \\beta \\\\ |x_i| - 0.5\\,\\beta & |x_i| \\ge \\beta \\end{cases}",
     "\\begin{cases} x_i / \\beta & |x_i| < \\beta \\\\ \\operatorname{sign}(x_i) & |x_i| \\ge \\beta \\end{cases}",
     "\\frac{1}{N}\\begin{cases} x_i / \\beta & |x_i| < \\beta \\\\ \\operatorname{sign}(x_i) & |x_i| \\ge \\beta \\end{cases}",
     "x_i = \\hat{y}_i - y_i\n\\mathrm{Huber}_{\\delta}(x) = \\delta \\cdot \\mathrm{SmoothL1}_{\\beta = \\delta}(x)",
     "\\mathrm{SmoothL1}_{\\beta}", false},
    {"huber",
     "\\begin{cases} 0.5\\,x_i^2 & |x_i| < \\delta \\\\ \\delta\\,(|x_i| - 0.5\\,\\delta) & |x_i| \\ge \\delta \\end{cases}",
     "\\begin{cases} x_i & |x_i| < \\delta \\\\ \\delta \\operatorname{sign}(x_i) & |x_i| \\ge \\delta \\end{cases}",
     "\\frac{1}{N}\\begin{cases} x_i & |x_i| < \\delta \\\\ \\delta \\operatorname{sign}(x_i) & |x_i| \\ge \\delta \\end{cases}",
     "x_i = \\hat{y}_i - y_i", "\\mathrm{Huber}_{\\delta}", false},
    {"bce", "\\left[y_i \\log \\hat{p}_i + (1 - y_i) \\log(1 - \\hat{p}_i)\\right]",
     "\\frac{\\hat{p}_i - y_i}{\\hat{p}_i (1 - \\hat{p}_i)}",
     "\\frac{1}{N} \\cdot \\frac{\\hat{p}_i - y_i}{\\hat{p}_i (1 - \\hat{p}_i)}",
     "\\log(\\cdot) \\to \\max(\\log(\\cdot), -100)\n\\hat{p}_i \\in [0, 1]", "\\mathrm{BCE}", true},
    {"bce_logits", "\\left[y_i \\log \\sigma(z_i) + (1 - y_i) \\log(1 - \\sigma(z_i))\\right]",
     "\\sigma(z_i) - y_i", "\\frac{1}{N}\\left(\\sigma(z_i) - y_i\\right)",
     "-\\left[y_i \\log \\sigma(z_i) + (1 - y_i) \\log(1 - \\sigma(z_i))\\right] = \\max(z_i, 0) - z_i\\, y_i + "
     "\\log\\left(1 + e^{-|z_i|}\\right)",
     "\\mathrm{BCE}_{\\mathrm{logits}}", true},
    {"ce", "\\sum_{c=0}^{C-1} q_{ic} \\log \\operatorname{softmax}(z_i)_c",
     "\\operatorname{softmax}(z_i) - q_i", "\\frac{1}{N}\\left(\\operatorname{softmax}(z_i) - q_i\\right)",
     "\\log \\operatorname{softmax}(z)_c = z_c - m - \\log \\sum_{k} e^{z_k - m}\n"
     "m = \\max_k z_k\n"
     "q_{ic} = (1 - \\varepsilon)\\, \\mathbb{1}[c = t_i] + \\varepsilon / C",
     "\\mathrm{CE}", true},
};

}  // namespace

Value loss_formulas() {
  Value all = Value::object();
  for (const Formula& f : formulas) {
    const std::string sign = f.leading_minus ? "-" : "";
    const std::string sum = "\\sum_{i=1}^{N} ";
    const std::string wrt = std::string(f.kind) == "bce_logits" || std::string(f.kind) == "ce"
                                ? "\\frac{\\partial L}{\\partial z_i} = "
                                : (std::string(f.kind) == "bce" ? "\\frac{\\partial L}{\\partial \\hat{p}_i} = "
                                                                 : "\\frac{\\partial L}{\\partial \\hat{y}_i} = ");
    Value v = Value::object();
    v.set("mean", std::string(f.name) + " = " + sign + "\\frac{1}{N} " + sum + f.body);
    v.set("sum", std::string(f.name) + " = " + sign + sum + f.body);
    v.set("grad_mean", wrt + f.grad_mean);
    v.set("grad_sum", wrt + f.grad);
    Value also = Value::array();
    std::string rest = f.also;
    while (!rest.empty()) {
      const std::size_t end = rest.find('\n');
      also.push(rest.substr(0, end));
      rest = end == std::string::npos ? "" : rest.substr(end + 1);
    }
    v.set("also", also);
    all.set(f.kind, v);
  }
  return all;
}

}  // namespace bp
