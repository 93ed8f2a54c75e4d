// The trace builder: one method per phase. Internal to core/trace*.cpp.
#pragma once

#include <algorithm>
#include <string>
#include <vector>

#include "trace/formulas.hpp"
#include "nn/names.hpp"
#include "base/tex.hpp"
#include "trace/trace.hpp"

namespace bp::detail {

inline std::vector<Eigen::Index> layer_sizes(const Network& n) {
  std::vector<Eigen::Index> sizes{n.inputs};
  for (const auto& layer : n.layers) sizes.push_back(layer.W.rows());
  return sizes;
}

// Terms are referred to by their place in terms_: the builder keeps, for
// each node, the places of its terms (net, out, dout/dnet, delta), so that
// no id is ever looked up. A chain is a list of places, and each term
// remembers the last chain it was put into, so adding to a chain is O(1).
class Builder {
 public:
  static constexpr std::size_t none = static_cast<std::size_t>(-1);

  Builder(const Config& c, const Forward& f, const Backward& b, int digits)
      : c_(c), f_(f), b_(b), n_(layer_sizes(c.network), c.network.shared_bias),
        L_(c.network.layers.size()), softmax_(c.network.layers.back().activation == Activation::softmax),
        fx_(c.loss, digits) {
    const auto sizes = n_.sizes();
    for (auto size : sizes) {
      net_.emplace_back(static_cast<std::size_t>(size), none);
      out_.emplace_back(static_cast<std::size_t>(size), none);
      dout_dnet_.emplace_back(static_cast<std::size_t>(size), none);
      delta_.emplace_back(static_cast<std::size_t>(size), none);
      dE_dout_.emplace_back(static_cast<std::size_t>(size), none);
    }
    // About a term per weight for each of dnet/dw, dE/dw and the update, and
    // one per hidden weight for dnet/dout.
    std::size_t weights = 0;
    for (std::size_t l = 1; l < sizes.size(); ++l) weights += static_cast<std::size_t>(sizes[l] * sizes[l - 1]);
    // The symbols and the numbers that recur in many formulas, made once:
    // each node's net and out, each weight, each delta, the learning rate.
    std::size_t nodes = 0;
    for (auto size : sizes) nodes += static_cast<std::size_t>(size);
    fx_.reserve(4 * weights + 8 * nodes, weights + 2 * nodes + 8);
    net_sym_.resize(sizes.size());
    out_sym_.resize(sizes.size());
    weight_sym_.resize(sizes.size());
    net_num_.resize(sizes.size());
    out_num_.resize(sizes.size());
    delta_num_.resize(sizes.size());
    weight_num_.resize(sizes.size());
    for (std::size_t l = 0; l < sizes.size(); ++l) {
      for (Eigen::Index j = 0; j < sizes[l]; ++j) {
        out_num_[l].push_back(fx_.number(f_.out[l][j]));
        if (l == 0) {
          out_sym_[l].push_back(fx_.symbol(n_.input_tex(j), n_.node(0, j)));
          continue;
        }
        const std::string node_tex = n_.node_tex(l, j);
        net_sym_[l].push_back(fx_.symbol(tex::net(node_tex), net_id(l, j)));
        out_sym_[l].push_back(fx_.symbol(tex::out(node_tex), out_id(l, j)));
        net_num_[l].push_back(fx_.number(f_.net[l][j]));
        delta_num_[l].push_back(fx_.number(b_.delta[l][j]));
        for (Eigen::Index i = 0; i < sizes[l - 1]; ++i) {
          weight_sym_[l].push_back(fx_.symbol(n_.weight_tex(l, j, i), n_.weight(l, j, i)));
          weight_num_[l].push_back(fx_.number(c_.network.layers[l - 1].W(j, i)));
        }
      }
    }
    for (Eigen::Index k = 0; k < sizes.back(); ++k) {
      E_sym_.push_back(fx_.symbol("E_{" + n_.node_tex(L_, k) + "}", ids::error(node(L_, k))));
    }
    E_total_sym_ = fx_.symbol(tex::E_total, ids::E_total);
    lr_ = fx_.leaf(fx_.symbol("\\eta", "η"), c_.learning_rate, Formulas::As::term);
    terms_.reserve(4 * weights + 8 * static_cast<std::size_t>(sizes.size() * sizes.back()) + 16);
    chains_.reserve(weights + 16);
  }

  void forward_phase();
  void error_phase();
  void output_phase();
  void hidden_phase();
  void bias_phase();
  void update_phase(const Forward& next);

  Trace take() {
    Trace t;
    t.terms = std::move(terms_);
    t.chains = std::move(chains_);
    t.formulas = std::move(fx_);
    return t;
  }

 private:
  // Names and symbols.
  using As = Formulas::As;
  std::string node(std::size_t l, Eigen::Index j) const { return n_.node(l, j); }
  std::string net_id(std::size_t l, Eigen::Index j) const { return n_.net_id(l, j); }
  std::string out_id(std::size_t l, Eigen::Index j) const { return n_.out_id(l, j); }
  FormulaId net_sym(std::size_t l, Eigen::Index j) const { return net_sym_[l][at(j)]; }
  FormulaId out_sym(std::size_t l, Eigen::Index j) const { return out_sym_[l][at(j)]; }
  FormulaId E_sym(Eigen::Index k) const { return E_sym_[at(k)]; }
  std::size_t weight_at(std::size_t l, Eigen::Index j, Eigen::Index i) const {
    return static_cast<std::size_t>(j * c_.network.layers[l - 1].W.cols() + i);
  }
  FormulaId weight_sym(std::size_t l, Eigen::Index j, Eigen::Index i) const {
    return weight_sym_[l][weight_at(l, j, i)];
  }
  // Leaves: a node's net and out, a weight, each standing for its number.
  FormulaId net_leaf(std::size_t l, Eigen::Index j, As as = As::factor) {
    return fx_.leaf(net_sym(l, j), net_num_[l][at(j)], as);
  }
  FormulaId out_leaf(std::size_t l, Eigen::Index j, As as = As::factor) {
    return fx_.leaf(out_sym(l, j), out_num_[l][at(j)], as);
  }
  FormulaId weight_leaf(std::size_t l, Eigen::Index j, Eigen::Index i, As as = As::factor) {
    return fx_.leaf(weight_sym(l, j, i), weight_num_[l][weight_at(l, j, i)], as);
  }
  // An earlier term as a factor: its symbol, its value.
  FormulaId term_leaf(std::size_t t) { return fx_.leaf(term(t).symbol, term(t).value); }
  FormulaId loss_formula(Formulas::LossFormula which, Eigen::Index k, double out_value, FormulaId out_symbol) {
    return fx_.loss(which, target_sym(k), out_symbol, c_.targets[k], out_value, static_cast<long>(c_.targets.size()));
  }
  FormulaId target_sym(Eigen::Index k) { return fx_.symbol(n_.target_tex(k), n_.target(k)); }

  // The delta dE_total/dnet of node (l, j): the id of its own term.
  std::string delta_id(std::size_t l, Eigen::Index j) const {
    if (l == L_ && !softmax_) return ids::partial(ids::error(node(l, j)), net_id(l, j));
    return ids::partial(ids::E_total, net_id(l, j));
  }
  FormulaId delta_sym(std::size_t l, Eigen::Index j) {
    if (l == L_ && !softmax_) return fx_.partial(E_sym(j), net_sym(l, j));
    return fx_.partial(E_total_sym_, net_sym(l, j));
  }
  static std::size_t at(Eigen::Index j) { return static_cast<std::size_t>(j); }
  // The delta as a factor in a formula: its own term where it has one, else
  // dE_total/dout * dout/dnet.
  // (Its factors are added to `factors`.)
  void delta_factor(std::size_t l, Eigen::Index j, std::vector<std::size_t>& deps, std::vector<FormulaId>& factors);
  // Adds the delta's own term if it has none yet; returns its place.
  std::size_t ensure_delta(std::size_t l, Eigen::Index j);

  // Adds a term (in the current phase and chain); returns its place.
  std::size_t add(Term&& t);
  // Adds dout/dnet of node j in layer l, the activation's local derivative; returns its place.
  std::size_t add_dout_dnet(std::size_t l, Eigen::Index j);
  void use(std::size_t term);  // puts an earlier term into the current chain
  const Term& term(std::size_t i) const { return terms_[i]; }
  void start_chain(std::string param) {
    param_ = param;
    chains_.push_back({std::move(param), {}});
  }
  // upstream: the terms of dE_total/dnet of node (l, j); upstream_factors: the same as factors.
  void weight_terms(std::size_t l, Eigen::Index j, Eigen::Index i, const std::vector<std::size_t>& upstream,
                    const std::vector<FormulaId>& upstream_factors);

  const Config& c_;
  const Forward& f_;
  const Backward& b_;
  Names n_;
  std::size_t L_;
  bool softmax_;
  Phase phase_ = Phase::forward;
  std::string param_;
  std::vector<Term> terms_;
  std::vector<std::size_t> in_chain_;  // for each term, 1 + the last chain it was put into (0: none)
  std::vector<Chain> chains_;
  // The places of each node's terms, by layer: net, out, dE_total/dout,
  // dout/dnet, delta (none where it has none).
  std::vector<std::vector<std::size_t>> net_, out_, dE_dout_, dout_dnet_, delta_;
  // Every formula, and the symbols and numbers that recur: each node's net
  // and out, each layer's weights (row by row), each delta, E_k, E_total and
  // the learning rate as a leaf.
  Formulas fx_;
  std::vector<std::vector<FormulaId>> net_sym_, out_sym_, weight_sym_;
  std::vector<std::vector<std::uint32_t>> net_num_, out_num_, delta_num_, weight_num_;
  std::vector<FormulaId> E_sym_;
  FormulaId E_total_sym_ = 0, lr_ = 0;
};

}  // namespace bp::detail
