// The trace: every term of one gradient-descent iteration of a network on
// one example, in the order the stepper shows them, as data.
//
// Phases, in order: forward, error, output (the last layer's weights),
// hidden (every other layer, from the top down), bias, update (E_total after
// the step). Ids follow names.hpp, for the classic example:
//   net_h1, out_h1, ..., E_o1, E_o2, E_total,
//   dE_total/dout_o1, dout_o1/dnet_o1, dnet_o1/dw5, dE_total/dw5, w5+, ...
//   dE_o1/dnet_o1, dnet_o1/dout_h1, dE_o1/dout_h1, ..., dE_total/dout_h1,
//   dout_h1/dnet_h1, dnet_h1/dw1, dE_total/dw1, w1+, ...,
//   dE_total/db1, dE_total/db2 (b1+, b2+ when biases are trained), E_total+
// With one bias per neuron: dE_total/db_h1, b_h1+, ... With several hidden
// layers a hidden node's delta is dE_total/dnet_h2_1. Softmax outputs and
// sigmoid + binary cross-entropy add dE_total/dnet_o1 (= out - target, over K
// for the mean) as a term of its own.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "nn/config.hpp"
#include "nn/network.hpp"
#include "base/value.hpp"
#include "trace/formula.hpp"

namespace bp {

// The phases of an iteration, in the stepper's order.
enum class Phase { forward, error, output, hidden, bias, update };
// What a term is: a value of the forward pass, a local derivative, a product
// of factors, a sum, an update, or a sum that simplifies.
enum class Kind { value, local, product, sum, update, simplification };

// Their names in the page's Value and the CLI: "forward", "local", ...
const char* phase_name(Phase p);
const char* kind_name(Kind k);
inline constexpr Phase all_phases[] = {Phase::forward, Phase::error, Phase::output,
                                       Phase::hidden,  Phase::bias,  Phase::update};

struct Term {
  Term() = default;
  Term(std::string term_id, std::string explain_key) : id(std::move(term_id)), explain(std::move(explain_key)) {}

  std::string id;
  Phase phase = Phase::forward;
  Kind kind = Kind::value;
  std::string param;   // the parameter whose chain introduced it (w5, b1), or ""
  // Its symbol and its right-hand side (in symbols, and with the numbers
  // substituted), as structure in Trace::formulas: Trace::tex and
  // Trace::plain render them.
  FormulaId symbol = 0;
  FormulaId formula = 0;
  double value = 0;
  std::vector<std::string> nodes;  // node ids it concerns (i1, h1, o1)
  std::vector<std::string> edges;  // parameter ids it concerns (w5, b1)
  std::vector<std::size_t> deps;   // the terms it is computed from: their places in Trace::terms, all earlier
  std::string explain;  // what the term means, a message key under "explain." (net, dE_dw, ...)
  std::vector<std::string> notes;  // remarks, as message keys (note.original_weight)
};

// For a parameter (w5, b1), every term of its chain, in order, including
// factors first shown for an earlier parameter: places in Trace::terms.
struct Chain {
  std::string param;
  std::vector<std::size_t> terms;
};

struct Trace {
  std::vector<Term> terms;
  std::vector<Chain> chains;  // w1 ... w8, b1, b2 for the classic example
  Forward forward;
  Backward backward;
  Config next;           // the config after the update
  Forward forward_next;  // the forward pass with it (E_total+ and the outputs after the update)
  double E_total = 0;
  double E_total_next = 0;
  int digits = 9;  // significant digits of the numbers in the formulas, and of each value_text
  Formulas formulas;  // every term's symbol and formula

  // A term's symbol and formula as LaTeX, as the page shows them; where the
  // right-hand side is a sum, also broken over lines for a narrow box.
  FormulaText tex(const Term& t) const { return formulas.tex(t.symbol, t.formula); }
  // The same as plain text, for a terminal: ∂E_total/∂w5 = ∂E_total/∂out_o1 · ...
  FormulaText plain(const Term& t) const { return formulas.plain(t.symbol, t.formula); }

  // The ids of a chain's terms.
  std::vector<std::string> chain_ids(const Chain& c) const {
    std::vector<std::string> ids;
    ids.reserve(c.terms.size());
    for (std::size_t i : c.terms) ids.push_back(terms[i].id);
    return ids;
  }
};

// digits: significant digits of the numbers in the LaTeX and of each term's
// value_text in the Value (the values themselves are exact).
Trace build_trace(const Config& c, int digits = 9);

// The update: w+ = w - eta dE_total/dw for every weight, and for the
// biases when they are trained (a shared bias moves by its summed gradient).
Config updated(const Config& c, const Backward& b);
// The same, in place.
void apply_update(Config& c, const Backward& b);

// Everything the page needs: the terms, the chains, the phases, the drawing
// (nodes, edges with their place in the config), the config after the update.
// A term's deps and a chain's terms are places in `terms`, each one array of
// numbers (a Float64Array in JS).
// The formulas are rendered as LaTeX here; the rvalue form moves the other
// texts into the Value.
Value trace_to_value(const Trace& t, const Config& c);
Value trace_to_value(Trace&& t, const Config& c);

}  // namespace bp
