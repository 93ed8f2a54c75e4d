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

TexArg number_text(double x, int digits) {
  TexArg t;
  t.term = tex::number(x, digits);
  // As tex::factor: in parentheses where negative or a power of ten.
  t.factor = x < 0 || t.term.find("\\times") != std::string::npos ? "(" + t.term + ")" : t.term;
  return t;
}

Tex activation_tex(Activation a, const std::vector<TexArg>& net_symbols, const std::vector<TexArg>& net_numbers,
                   std::size_t k) {
  return {a->tex(net_symbols, k), a->tex(net_numbers, k)};
}

Tex activation_derivative_tex(Activation a, const TexArg& net_symbol, const TexArg& out_symbol,
                              const TexArg& net_number, const TexArg& out_number) {
  return {a->derivative_tex(net_symbol, out_symbol), a->derivative_tex(net_number, out_number)};
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
