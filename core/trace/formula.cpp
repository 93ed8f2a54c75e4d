#include "trace/formula.hpp"

#include "base/tex.hpp"

namespace bp {

FormulaId Formulas::add(Op op, std::uint32_t a, std::uint32_t b, As as) {
  nodes_.push_back({op, as, a, b});
  return static_cast<FormulaId>(nodes_.size() - 1);
}

FormulaId Formulas::operands(Op op, const std::vector<FormulaId>& list) {
  const auto first = static_cast<std::uint32_t>(operands_.size());
  for (FormulaId f : list) operands_.push_back(f);
  return add(op, first, static_cast<std::uint32_t>(list.size()));
}

FormulaId Formulas::symbol(std::string tex, std::string plain) {
  symbols_.push_back({std::move(tex), std::move(plain)});
  return add(Op::symbol, static_cast<std::uint32_t>(symbols_.size() - 1));
}

FormulaId Formulas::partial(FormulaId of, FormulaId by) { return add(Op::partial, of, by); }
FormulaId Formulas::updated(FormulaId s) { return add(Op::updated, s); }

std::uint32_t Formulas::number(double x) {
  numbers_.push_back({x, false, false, {}});
  return static_cast<std::uint32_t>(numbers_.size() - 1);
}

FormulaId Formulas::leaf(FormulaId symbol, std::uint32_t number, As as) { return add(Op::leaf, symbol, number, as); }
FormulaId Formulas::product(const std::vector<FormulaId>& factors) { return operands(Op::product, factors); }
FormulaId Formulas::product(FormulaId a, FormulaId b) {
  const auto first = static_cast<std::uint32_t>(operands_.size());
  operands_.push_back(a);
  operands_.push_back(b);
  return add(Op::product, first, 2);
}

FormulaId Formulas::product(const std::vector<FormulaId>& factors, FormulaId last) {
  const auto first = static_cast<std::uint32_t>(operands_.size());
  for (FormulaId f : factors) operands_.push_back(f);
  operands_.push_back(last);
  return add(Op::product, first, static_cast<std::uint32_t>(factors.size() + 1));
}

FormulaId Formulas::sum(const std::vector<FormulaId>& summands) { return operands(Op::sum, summands); }
FormulaId Formulas::minus(FormulaId a, FormulaId b) { return add(Op::minus, a, b); }
FormulaId Formulas::negate(FormulaId a) { return add(Op::negate, a); }
FormulaId Formulas::times_one_minus(FormulaId a) { return add(Op::times_one_minus, a); }
FormulaId Formulas::simplifies(FormulaId full, FormulaId simple) { return add(Op::simplifies, full, simple); }

FormulaId Formulas::activation(Activation a, const std::vector<FormulaId>& nets, std::size_t k) {
  Apply apply{Apply::What::activation};
  apply.activation = a;
  apply.k = static_cast<std::uint32_t>(k);
  apply.first = static_cast<std::uint32_t>(operands_.size());
  apply.count = static_cast<std::uint32_t>(nets.size());
  for (FormulaId f : nets) operands_.push_back(f);
  applies_.push_back(apply);
  return add(Op::apply, static_cast<std::uint32_t>(applies_.size() - 1));
}

FormulaId Formulas::activation_derivative(Activation a, FormulaId net, FormulaId out) {
  Apply apply{Apply::What::derivative};
  apply.activation = a;
  apply.first = static_cast<std::uint32_t>(operands_.size());
  apply.count = 2;
  operands_.push_back(net);
  operands_.push_back(out);
  applies_.push_back(apply);
  return add(Op::apply, static_cast<std::uint32_t>(applies_.size() - 1));
}

FormulaId Formulas::loss(LossFormula which, FormulaId target, FormulaId out, double target_value, double out_value,
                         long K) {
  Apply apply{which == LossFormula::term       ? Apply::What::loss_term
              : which == LossFormula::gradient ? Apply::What::loss_gradient
                                               : Apply::What::loss_delta};
  apply.target = target;
  apply.out = out;
  apply.target_value = target_value;
  apply.out_value = out_value;
  apply.K = K;
  applies_.push_back(apply);
  return add(Op::apply, static_cast<std::uint32_t>(applies_.size() - 1));
}

const Formulas::Number& Formulas::formatted(std::uint32_t n) const {
  const Number& x = numbers_[n];
  if (!x.formatted) {
    x.term = tex::number(x.value, digits_);
    // As tex::factor: in parentheses where negative or a power of ten.
    x.parentheses = x.value < 0 || x.term.find("\\times") != std::string::npos;
    x.formatted = true;
  }
  return x;
}

template <bool plain>
void Formulas::write_number(std::uint32_t n, As as, std::string& out) const {
  if (plain) {
    const double x = numbers_[n].value;
    out += as == As::factor ? tex::plain_factor(x, digits_) : tex::plain_number(x, digits_);
    return;
  }
  const Number& x = formatted(n);
  const bool parentheses = as == As::factor && x.parentheses;
  if (parentheses) out += '(';
  out += x.term;
  if (parentheses) out += ')';
}

template <bool plain>
void Formulas::write_symbol(FormulaId f, std::string& out) const {
  const Node& n = nodes_[f];
  switch (n.op) {
    case Op::symbol: {
      const Symbol& s = symbols_[n.a];
      out += plain ? s.plain : s.tex;
      return;
    }
    case Op::partial:
      out += plain ? "∂" : "\\frac{\\partial ";
      write_symbol<plain>(n.a, out);
      out += plain ? "/∂" : "}{\\partial ";
      write_symbol<plain>(n.b, out);
      if (!plain) out += "}";
      return;
    case Op::updated:
      write_symbol<plain>(n.a, out);
      out += plain ? "⁺" : "^{+}";
      return;
    default:
      return;
  }
}

template <bool plain>
void Formulas::write(FormulaId f, Mode mode, std::string& out) const {
  const Node& n = nodes_[f];
  switch (n.op) {
    case Op::symbol:
    case Op::partial:
    case Op::updated:
      write_symbol<plain>(f, out);
      return;
    case Op::leaf:
      if (mode == Mode::symbols) write_symbol<plain>(n.a, out);
      else write_number<plain>(n.b, n.as, out);
      return;
    case Op::product:
    case Op::sum: {
      const char* between = n.op == Op::sum ? " + " : plain ? " · " : tex::cdot.c_str();
      for (std::uint32_t i = 0; i < n.b; ++i) {
        if (i > 0) out += between;
        write<plain>(operands_[n.a + i], mode, out);
      }
      return;
    }
    case Op::minus:
      write<plain>(n.a, mode, out);
      out += " - ";
      write<plain>(n.b, mode, out);
      return;
    case Op::negate:
      out += "-";
      write<plain>(n.a, mode, out);
      return;
    case Op::times_one_minus:
      write<plain>(n.a, mode, out);
      out += "(1 - ";
      write<plain>(n.a, mode, out);
      out += ")";
      return;
    case Op::simplifies:
      if (mode == Mode::symbols) {
        write<plain>(n.a, mode, out);
        out += " = ";
      }
      write<plain>(n.b, mode, out);
      return;
    case Op::apply:
      write_apply<plain>(applies_[n.a], mode, out);
      return;
  }
}

std::size_t Formulas::line_count(FormulaId f, Mode mode) const {
  const Node& n = nodes_[f];
  if (n.op == Op::sum) return n.b;
  if (n.op == Op::simplifies && mode == Mode::symbols) {
    const std::size_t full = line_count(n.a, mode);
    return full == 0 ? 0 : full + 1;
  }
  return 0;
}

template <bool plain>
std::vector<std::string> Formulas::lines(FormulaId f, Mode mode) const {
  std::vector<std::string> out;
  const Node& n = nodes_[f];
  if (n.op == Op::sum) {
    out.reserve(n.b);
    for (std::uint32_t i = 0; i < n.b; ++i) {
      scratch_.assign(i == 0 ? "" : "+ ");
      write<plain>(operands_[n.a + i], mode, scratch_);
      out.push_back(scratch_);
    }
  } else if (n.op == Op::simplifies && mode == Mode::symbols) {
    out = lines<plain>(n.a, mode);
    if (!out.empty()) {
      scratch_.assign("= ");
      write<plain>(n.b, mode, scratch_);
      out.push_back(scratch_);
    }
  }
  return out;
}

template <bool plain>
std::string Formulas::argument(FormulaId leaf, Mode mode, bool factor) const {
  std::string s;
  if (plain) s += plain_open;
  const Node& n = nodes_[leaf];
  if (mode == Mode::symbols || n.op != Op::leaf) write_symbol<plain>(n.op == Op::leaf ? n.a : leaf, s);
  else write_number<plain>(n.b, factor ? As::factor : As::term, s);
  if (plain) s += plain_close;
  return s;
}

template <bool plain>
void Formulas::write_apply(const Apply& a, Mode mode, std::string& out) const {
  std::string tex;
  if (a.what == Apply::What::activation || a.what == Apply::What::derivative) {
    std::vector<TexArg> args(a.count);
    for (std::uint32_t i = 0; i < a.count; ++i) {
      const FormulaId leaf = operands_[a.first + i];
      args[i].term = argument<plain>(leaf, mode, false);
      args[i].factor = mode == Mode::symbols ? args[i].term : argument<plain>(leaf, mode, true);
    }
    tex = a.what == Apply::What::activation ? a.activation->tex(args, a.k)
                                            : a.activation->derivative_tex(args[0], args[1]);
  } else {
    // A loss's LaTeX is written once (losses.cpp) and filled in twice: with
    // the symbols, and with the numbers.
    auto wrap = [&](std::string s) { return plain ? plain_open + s + plain_close : s; };
    LossTex t{{}, {}, {}, "\\,", &loss_, a.target_value, a.out_value, a.K};
    if (mode == Mode::symbols) {
      t.target = argument<plain>(a.target, mode, false);
      t.out = argument<plain>(a.out, mode, false);
      for (const LossParameter& p : loss_.kind->parameters) t.parameters.push_back(p.symbol);
    } else {
      t.target = wrap(plain ? tex::plain_factor(a.target_value, digits_) : tex::factor(a.target_value, digits_));
      t.out = wrap(plain ? tex::plain_factor(a.out_value, digits_) : tex::factor(a.out_value, digits_));
      for (const LossParameter& p : loss_.kind->parameters) {
        const double x = loss_.*p.field;
        t.parameters.push_back(wrap(plain ? tex::plain_number(x, digits_) : tex::number(x, digits_)));
      }
      t.times = tex::cdot;
    }
    auto formula = a.what == Apply::What::loss_term       ? loss_.kind->term_tex
                   : a.what == Apply::What::loss_gradient ? loss_.kind->gradient_tex
                                                          : loss_.kind->delta_tex;
    if (formula) tex = formula(t);
  }
  out += plain ? plain_of_tex(tex) : tex;
}

template <bool plain>
FormulaText Formulas::texts(FormulaId symbol, FormulaId formula) const {
  FormulaText t;
  write_symbol<plain>(symbol, t.symbol);
  write<plain>(formula, Mode::symbols, t.formula);
  write<plain>(formula, Mode::numbers, t.numbers);
  t.formula_lines = lines<plain>(formula, Mode::symbols);
  t.numbers_lines = lines<plain>(formula, Mode::numbers);
  return t;
}

std::string Formulas::render_tex(FormulaId f, Mode mode) const {
  scratch_.clear();
  write<false>(f, mode, scratch_);
  return scratch_;
}

std::string Formulas::render_plain(FormulaId f, Mode mode) const {
  std::string out;
  write<true>(f, mode, out);
  return out;
}

std::vector<std::string> Formulas::lines_tex(FormulaId f, Mode mode) const { return lines<false>(f, mode); }
std::vector<std::string> Formulas::lines_plain(FormulaId f, Mode mode) const { return lines<true>(f, mode); }
FormulaText Formulas::tex(FormulaId symbol, FormulaId formula) const { return texts<false>(symbol, formula); }
FormulaText Formulas::plain(FormulaId symbol, FormulaId formula) const { return texts<true>(symbol, formula); }

}  // namespace bp
