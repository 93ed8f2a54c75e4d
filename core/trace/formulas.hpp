// The LaTeX of each activation and loss, in symbols and with numbers, for
// the trace. Each pair is written the way the page shows it.
#pragma once

#include <string>
#include <vector>

#include "nn/activation.hpp"
#include "losses/loss.hpp"

namespace bp {

struct Tex {
  std::string formula;
  std::string numbers;
};

// out = f(net). For softmax, nets/net_syms hold the whole layer and k the
// neuron; for the others only k is read.
Tex activation_tex(Activation a, const std::vector<std::string>& net_syms, const std::vector<double>& nets,
                   std::size_t k, int digits);

// dout/dnet for an element-wise activation.
Tex activation_derivative_tex(Activation a, const std::string& net_sym, const std::string& out_sym, double net,
                              double out, int digits);

// E_ok and dE_total/dout_ok for output k of K.
struct LossSymbols {
  std::string target, out;  // LaTeX symbols
  double target_value, out_value;
  long K;
};
Tex loss_term_tex(const Loss& loss, const LossSymbols& s, int digits);
Tex loss_gradient_tex(const Loss& loss, const LossSymbols& s, int digits);
// dE_total/dnet_ok = (out - target) / K: sigmoid + bce, softmax + ce.
Tex simplified_delta_tex(const Loss& loss, const LossSymbols& s, int digits);
double simplified_delta(const Loss& loss, const LossSymbols& s);

}  // namespace bp
