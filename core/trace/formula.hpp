// The trace's formulas kept as structure: symbols, numbers, products, sums,
// differences and the descriptors' formulas (an activation, a loss) applied
// to them. One tree gives a term's right-hand side twice: in symbols
// (w_{5} \cdot \mathit{out}_{h1}) and with the numbers substituted
// (0.4 \cdot 0.593269992). Each is rendered as LaTeX for the page or as plain
// text for a terminal (w5 · out_h1), when asked; a number is formatted once,
// at its first use.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "losses/loss.hpp"
#include "nn/activation.hpp"

namespace bp {

// A node of a formula: its place in Formulas.
using FormulaId = std::uint32_t;

// A term's texts: its symbol, its right-hand side in symbols and with the
// numbers, and where that is a sum, the same broken over lines for a narrow
// box (the first summand, then "+ summand" per line; empty otherwise).
struct FormulaText {
  std::string symbol, formula, numbers;
  std::vector<std::string> formula_lines, numbers_lines;
};

class Formulas {
 public:
  Formulas() = default;
  Formulas(const Loss& loss, int digits) : loss_(loss), digits_(digits) {}

  // How a number is written in its place: as a term (-0.5) or as a factor,
  // in parentheses where it would read wrongly in a product or after a minus
  // ((-0.5), (3.5 \times 10^{-5})).
  enum class As : std::uint8_t { term, factor };

  // Symbols.
  FormulaId symbol(std::string tex, std::string plain);  // net_{h1} / net_h1
  FormulaId partial(FormulaId of, FormulaId by);         // \frac{\partial of}{\partial by} / ∂of/∂by
  FormulaId updated(FormulaId s);                        // s^{+} / s⁺
  // A number, formatted at its first use; several leaves may share it.
  std::uint32_t number(double x);
  double value(std::uint32_t number) const { return numbers_[number].value; }
  // A symbol standing for a number: the symbol in the formula, the number
  // (as a term or a factor) where the numbers are substituted.
  FormulaId leaf(FormulaId symbol, std::uint32_t number, As as = As::factor);
  FormulaId leaf(FormulaId symbol, double x, As as = As::factor) { return leaf(symbol, number(x), as); }

  // Operations. Their operands are given as a list of places.
  FormulaId product(const std::vector<FormulaId>& factors);  // a \cdot b \cdot c
  FormulaId product(FormulaId a, FormulaId b);
  FormulaId product(const std::vector<FormulaId>& factors, FormulaId last);  // factors \cdot last
  FormulaId sum(const std::vector<FormulaId>& summands);     // a + b + c (one line each)
  FormulaId minus(FormulaId a, FormulaId b);                 // a - b
  FormulaId negate(FormulaId a);                             // -a
  FormulaId times_one_minus(FormulaId a);                    // a(1 - a)
  // full = simple in symbols; only simple with the numbers.
  FormulaId simplifies(FormulaId full, FormulaId simple);

  // The descriptors' formulas. An activation's out = f(net): nets are leaves,
  // the whole layer for a whole-layer activation (softmax, k the neuron), else
  // the neuron's own.
  FormulaId activation(Activation a, const std::vector<FormulaId>& nets, std::size_t k);
  FormulaId activation_derivative(Activation a, FormulaId net, FormulaId out);  // dout/dnet, of two leaves
  // A loss's E_ok, dE_total/dout_k and simplified dE_total/dnet_k, for output
  // k of K: target and out are symbols, their values given.
  enum class LossFormula : std::uint8_t { term, gradient, delta };
  FormulaId loss(LossFormula which, FormulaId target, FormulaId out, double target_value, double out_value, long K);

  // A term's texts, as LaTeX and as plain text.
  FormulaText tex(FormulaId symbol, FormulaId formula) const;
  FormulaText plain(FormulaId symbol, FormulaId formula) const;

  // One rendering of a node: in symbols or with the numbers, as LaTeX or as
  // plain text. (Apart, so that a build that never asks for plain text, the
  // page's module, links none of it.)
  enum class Mode : std::uint8_t { symbols, numbers };
  std::string render_tex(FormulaId f, Mode mode) const;
  std::string render_plain(FormulaId f, Mode mode) const;
  // The lines of a formula broken for a narrow box: one per summand of a sum
  // (and "= simple" after a simplified one); fewer than two when it is not
  // broken.
  std::size_t line_count(FormulaId f, Mode mode) const;
  std::vector<std::string> lines_tex(FormulaId f, Mode mode) const;
  std::vector<std::string> lines_plain(FormulaId f, Mode mode) const;

  int digits() const { return digits_; }
  // Room for about this many terms' formulas, and symbols.
  void reserve(std::size_t terms, std::size_t symbols) {
    nodes_.reserve(8 * terms);
    operands_.reserve(4 * terms);
    numbers_.reserve(2 * terms + symbols);
    symbols_.reserve(symbols);
  }

 private:
  enum class Op : std::uint8_t {
    symbol, partial, updated, leaf, product, sum, minus, negate, times_one_minus, simplifies, apply
  };
  struct Node {
    Op op;
    As as;
    std::uint32_t a, b;  // by op: operands, a span of operands_, a symbol, a number, an application
  };
  struct Symbol {
    std::string tex, plain;
  };
  struct Number {
    double value;
    mutable bool formatted = false;
    mutable bool parentheses = false;  // as a factor
    mutable std::string term;          // LaTeX
  };
  struct Apply {
    enum class What : std::uint8_t { activation, derivative, loss_term, loss_gradient, loss_delta } what;
    Activation activation{0};
    std::uint32_t k = 0;
    std::uint32_t first = 0, count = 0;  // operands: leaves, in operands_
    FormulaId target = 0, out = 0;       // loss: symbols
    double target_value = 0, out_value = 0;
    long K = 1;
  };

  FormulaId add(Op op, std::uint32_t a, std::uint32_t b = 0, As as = As::factor);
  FormulaId operands(Op op, const std::vector<FormulaId>& list);
  const Number& formatted(std::uint32_t n) const;
  template <bool plain> void write(FormulaId f, Mode mode, std::string& out) const;
  template <bool plain> void write_symbol(FormulaId f, std::string& out) const;
  template <bool plain> void write_number(std::uint32_t n, As as, std::string& out) const;
  template <bool plain> void write_apply(const Apply& a, Mode mode, std::string& out) const;
  template <bool plain> std::string argument(FormulaId leaf, Mode mode, bool factor) const;
  template <bool plain> std::vector<std::string> lines(FormulaId f, Mode mode) const;
  template <bool plain> FormulaText texts(FormulaId symbol, FormulaId formula) const;

  std::vector<Node> nodes_;
  std::vector<std::uint32_t> operands_;
  std::vector<Symbol> symbols_;
  std::vector<Number> numbers_;
  std::vector<Apply> applies_;
  // Where a text is written before it is copied out at its size: one
  // allocation for each text rather than one each time it grows.
  mutable std::string scratch_;
  Loss loss_;
  int digits_ = 9;
};

// The plain text of a descriptor's LaTeX (an activation's, a loss's), whose
// arguments are already plain text, each between plain_open and plain_close:
// \frac{1}{1 + e^{-x}} reads 1/(1 + e^(-x)), \cdot reads ·, and so on.
inline constexpr char plain_open = '\x01', plain_close = '\x02';
std::string plain_of_tex(const std::string& tex);

}  // namespace bp
