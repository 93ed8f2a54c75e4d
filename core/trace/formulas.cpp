#include "trace/formulas.hpp"

#include "base/tex.hpp"

namespace bp {

namespace {

// A loss's LaTeX is written once (losses.cpp) and filled in twice: with the
// symbols, and with the numbers.
LossTex symbols(const Loss& loss, const LossSymbols& s) {
  LossTex a{s.target, s.out, {}, "\\,", &loss, s.target_value, s.out_value, s.K};
  for (const LossParameter& p : loss.kind->parameters) a.parameters.push_back(p.symbol);
  return a;
}

LossTex numbers(const Loss& loss, const LossSymbols& s, int digits) {
  LossTex a{tex::factor(s.target_value, digits), tex::factor(s.out_value, digits), {}, tex::cdot, &loss,
            s.target_value, s.out_value, s.K};
  for (const LossParameter& p : loss.kind->parameters) a.parameters.push_back(tex::number(loss.*p.field, digits));
  return a;
}

Tex written(std::string (*formula)(const LossTex&), const Loss& loss, const LossSymbols& s, int digits) {
  if (!formula) return {};
  return {formula(symbols(loss, s)), formula(numbers(loss, s, digits))};
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
  return written(loss.kind->term_tex, loss, s, digits);
}

Tex loss_gradient_tex(const Loss& loss, const LossSymbols& s, int digits) {
  return written(loss.kind->gradient_tex, loss, s, digits);
}

Tex simplified_delta_tex(const Loss& loss, const LossSymbols& s, int digits) {
  return written(loss.kind->delta_tex, loss, s, digits);
}

double simplified_delta(const Loss& loss, const LossSymbols& s) {
  if (loss.kind->delta) return loss.kind->delta(loss, s.out_value, s.target_value, s.K);
  return (s.out_value - s.target_value) / static_cast<double>(s.K);
}

}  // namespace bp
