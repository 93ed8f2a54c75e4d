#include "losses/loss_tex.hpp"

#include <string>

#include "losses/loss.hpp"

namespace bp {

Value loss_formulas() {
  Value all = Value::object();
  for (const LossInfo& loss : loss_table()) {
    const ExplorerFormula& f = loss.explorer;
    if (f.name.empty()) continue;
    const std::string sign = f.leading_minus ? "-" : "";
    const std::string sum = "\\sum_{i=1}^{N} ";
    const std::string wrt = "\\frac{\\partial L}{\\partial " + f.input + "} = ";
    Value v = Value::object();
    v.set("mean", f.name + " = " + sign + "\\frac{1}{N} " + sum + f.body);
    v.set("sum", f.name + " = " + sign + sum + f.body);
    v.set("grad_mean", wrt + f.grad_mean);
    v.set("grad_sum", wrt + f.grad_sum);
    Value also = Value::array();
    std::string rest = f.also;
    while (!rest.empty()) {
      const std::size_t end = rest.find('\n');
      also.push(rest.substr(0, end));
      rest = end == std::string::npos ? "" : rest.substr(end + 1);
    }
    v.set("also", also);
    all.set(loss.name, v);
  }
  return all;
}

}  // namespace bp
