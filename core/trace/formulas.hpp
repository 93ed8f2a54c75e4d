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

// x with `digits` significant digits, as a term and as a factor
// (tex::number, tex::factor), formatted once.
TexArg number_text(double x, int digits);
// A term's value as the page shows it: rounded to `digits` significant
// digits (halves away from zero), then written as JavaScript writes that
// number: 0.0821670406, -0.0226025405, 0.00000351018778, 3.51018778e-7, 1e+21.
// Number(x.toPrecision(digits)).toString() in the page's terms.
std::string value_text(double x, int digits);

// A symbol, the same as a term and as a factor.
inline TexArg symbol_text(const std::string& symbol) { return {symbol, symbol}; }

// out = f(net). For softmax, nets (their symbols, their numbers) hold the
// whole layer and k the neuron; for the others only k is read.
Tex activation_tex(Activation a, const std::vector<TexArg>& net_symbols, const std::vector<TexArg>& net_numbers,
                   std::size_t k);

// dout/dnet for an element-wise activation, in symbols and in numbers.
Tex activation_derivative_tex(Activation a, const TexArg& net_symbol, const TexArg& out_symbol,
                              const TexArg& net_number, const TexArg& out_number);

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
