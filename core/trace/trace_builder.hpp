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
      : c_(c), f_(f), b_(b), n_(layer_sizes(c.network), c.network.shared_bias), digits_(digits),
        L_(c.network.layers.size()), softmax_(c.network.layers.back().activation == Activation::softmax) {
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
    // The numbers that recur in many formulas, formatted once: each node's
    // net and out, each weight, each delta, the learning rate.
    for (std::size_t l = 0; l < sizes.size(); ++l) {
      net_text_.emplace_back();
      out_text_.emplace_back();
      delta_text_.emplace_back();
      weight_text_.emplace_back();
      for (Eigen::Index j = 0; j < sizes[l]; ++j) {
        out_text_[l].push_back(text(f_.out[l][j]));
        if (l == 0) continue;
        net_text_[l].push_back(text(f_.net[l][j]));
        delta_text_[l].push_back(text(b_.delta[l][j]));
        for (Eigen::Index i = 0; i < sizes[l - 1]; ++i) weight_text_[l].push_back(text(c_.network.layers[l - 1].W(j, i)));
      }
    }
    lr_text_ = text(c_.learning_rate);
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
    return t;
  }

 private:
  // Names and symbols.
  std::string node(std::size_t l, Eigen::Index j) const { return n_.node(l, j); }
  std::string net_id(std::size_t l, Eigen::Index j) const { return n_.net_id(l, j); }
  std::string out_id(std::size_t l, Eigen::Index j) const { return n_.out_id(l, j); }
  std::string net_sym(std::size_t l, Eigen::Index j) const { return tex::net(n_.node_tex(l, j)); }
  std::string out_sym(std::size_t l, Eigen::Index j) const {
    return l == 0 ? n_.input_tex(j) : tex::out(n_.node_tex(l, j));
  }
  std::string E_sym(Eigen::Index k) const { return "E_{" + n_.node_tex(L_, k) + "}"; }
  std::string num(double x) const { return tex::number(x, digits_); }
  std::string fac(double x) const { return tex::factor(x, digits_); }
  TexArg text(double x) const { return number_text(x, digits_); }
  const TexArg& weight_text(std::size_t l, Eigen::Index j, Eigen::Index i) const {
    return weight_text_[l][static_cast<std::size_t>(j * c_.network.layers[l - 1].W.cols() + i)];
  }
  LossSymbols loss_symbols(Eigen::Index k, double out_value, const std::string& out_symbol) const {
    return {n_.target_tex(k), out_symbol, c_.targets[k], out_value, static_cast<long>(c_.targets.size())};
  }

  // The delta dE_total/dnet of node (l, j): the id of its own term.
  std::string delta_id(std::size_t l, Eigen::Index j) const {
    if (l == L_ && !softmax_) return ids::partial(ids::error(node(l, j)), net_id(l, j));
    return ids::partial(ids::E_total, net_id(l, j));
  }
  std::string delta_sym(std::size_t l, Eigen::Index j) const {
    if (l == L_ && !softmax_) return tex::partial(E_sym(j), net_sym(l, j));
    return tex::partial(tex::E_total, net_sym(l, j));
  }
  static std::size_t at(Eigen::Index j) { return static_cast<std::size_t>(j); }
  // The delta as a factor in a formula: its own term where it has one, else
  // dE_total/dout * dout/dnet.
  Tex delta_factor(std::size_t l, Eigen::Index j, std::vector<std::size_t>& deps) const;
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
  void weight_terms(std::size_t l, Eigen::Index j, Eigen::Index i, const std::vector<std::size_t>& upstream,
                    const std::string& upstream_tex, const std::string& upstream_numbers);

  const Config& c_;
  const Forward& f_;
  const Backward& b_;
  Names n_;
  int digits_;
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
  // The same nodes' numbers (net, out, delta) and each layer's weights (row by row), as text.
  std::vector<std::vector<TexArg>> net_text_, out_text_, delta_text_, weight_text_;
  TexArg lr_text_;
};

}  // namespace bp::detail
