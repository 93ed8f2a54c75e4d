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

namespace bp {

struct Term {
  Term() = default;
  Term(std::string term_id, std::string explain_key) : id(std::move(term_id)), explain(std::move(explain_key)) {}

  std::string id;
  std::string phase;   // forward, error, output, hidden, bias, update
  std::string kind;    // value, local, product, sum, update, simplification
  std::string param;   // the parameter whose chain introduced it (w5, b1), or ""
  std::string symbol;  // LaTeX
  std::string formula; // LaTeX, right-hand side in symbols
  std::string numbers; // LaTeX, right-hand side with the numbers substituted
  // Where the right-hand side is a sum, the same broken over lines for a
  // narrow box: the first summand, then "+ summand" per line (joined with
  // spaces they are formula and numbers). Empty otherwise.
  std::vector<std::string> formula_lines;
  std::vector<std::string> numbers_lines;
  double value = 0;
  std::vector<std::string> nodes;  // node ids it concerns (i1, h1, o1)
  std::vector<std::string> edges;  // parameter ids it concerns (w5, b1)
  std::vector<std::string> deps;   // ids of the terms it is computed from
  std::string explain;  // what the term means, a message key under "explain." (net, dE_dw, ...)
  std::vector<std::string> notes;  // remarks, as message keys (note.original_weight)

  // Adds a summand to formula and numbers, and a line to their broken forms.
  void add_summand(const std::string& summand_formula, const std::string& summand_numbers) {
    const std::string plus = formula.empty() ? "" : "+ ";
    formula += (formula.empty() ? "" : " + ") + summand_formula;
    numbers += (numbers.empty() ? "" : " + ") + summand_numbers;
    formula_lines.push_back(plus + summand_formula);
    numbers_lines.push_back(plus + summand_numbers);
  }
};

struct Trace {
  std::vector<Term> terms;
  // For each parameter (w1 ... w8, b1, b2), every term of its chain, in order,
  // including factors first shown for an earlier parameter.
  std::vector<std::pair<std::string, std::vector<std::string>>> chains;
  Forward forward;
  Backward backward;
  Config next;           // the config after the update
  Forward forward_next;  // the forward pass with it (E_total+ and the outputs after the update)
  double E_total = 0;
  double E_total_next = 0;
};

// digits: significant digits of the numbers in the LaTeX (the values
// themselves are exact).
Trace build_trace(const Config& c, int digits = 9);

// The update: w+ = w - eta dE_total/dw for every weight, and for the
// biases when they are trained (a shared bias moves by its summed gradient).
Config updated(const Config& c, const Backward& b);
// The same, in place.
void apply_update(Config& c, const Backward& b);

// Everything the page needs: the terms, the chains, the phases, the drawing
// (nodes, edges with their place in the config), the config after the update.
Value trace_to_value(const Trace& t, const Config& c);

}  // namespace bp
