// The trace builder: one method per phase. Internal to core/trace*.cpp.
#pragma once

#include <algorithm>
#include <string>
#include <unordered_map>
#include <unordered_set>
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

class Builder {
 public:
  Builder(const Config& c, const Forward& f, const Backward& b, int digits)
      : c_(c), f_(f), b_(b), n_(layer_sizes(c.network), c.network.shared_bias), digits_(digits),
        L_(c.network.layers.size()), softmax_(c.network.layers.back().activation == Activation::softmax) {}

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
  std::string net_id(std::size_t l, Eigen::Index j) const { return "net_" + node(l, j); }
  std::string out_id(std::size_t l, Eigen::Index j) const { return l == 0 ? node(0, j) : "out_" + node(l, j); }
  std::string net_sym(std::size_t l, Eigen::Index j) const { return tex::net(n_.node_tex(l, j)); }
  std::string out_sym(std::size_t l, Eigen::Index j) const {
    return l == 0 ? n_.input_tex(j) : tex::out(n_.node_tex(l, j));
  }
  std::string E_sym(Eigen::Index k) const { return "E_{" + n_.node_tex(L_, k) + "}"; }
  std::string num(double x) const { return tex::number(x, digits_); }
  std::string fac(double x) const { return tex::factor(x, digits_); }
  LossSymbols loss_symbols(Eigen::Index k, double out_value, const std::string& out_symbol) const {
    return {n_.target_tex(k), out_symbol, c_.targets[k], out_value, static_cast<long>(c_.targets.size())};
  }

  // The delta dE_total/dnet of node (l, j): the id of its own term.
  std::string delta_id(std::size_t l, Eigen::Index j) const {
    if (l == L_ && !softmax_) return "dE_" + node(l, j) + "/dnet_" + node(l, j);
    return "dE_total/dnet_" + node(l, j);
  }
  std::string delta_sym(std::size_t l, Eigen::Index j) const {
    if (l == L_ && !softmax_) return tex::partial(E_sym(j), net_sym(l, j));
    return tex::partial(tex::E_total, net_sym(l, j));
  }
  // The delta as a factor in a formula: its own term where it has one, else
  // dE_total/dout * dout/dnet.
  Tex delta_factor(std::size_t l, Eigen::Index j, std::vector<std::string>& deps) const;
  // Adds the delta's own term if it has none yet; returns its id.
  std::string ensure_delta(std::size_t l, Eigen::Index j);

  Term& add(Term t);
  // Adds dout/dnet of node j in layer l, the activation's local derivative; returns a copy.
  Term add_dout_dnet(std::size_t l, Eigen::Index j);
  void use(const std::string& id);  // puts an earlier term into the current chain
  bool has(const std::string& id) const { return index_.count(id) != 0; }
  const Term& term(const std::string& id) const { return terms_[index_.at(id)]; }
  void start_chain(const std::string& param) {
    param_ = param;
    chains_.push_back({param, {}});
    in_chain_.clear();
  }
  void weight_terms(std::size_t l, Eigen::Index j, Eigen::Index i, const std::vector<std::string>& upstream,
                    const std::string& upstream_tex, const std::string& upstream_numbers);

  const Config& c_;
  const Forward& f_;
  const Backward& b_;
  Names n_;
  int digits_;
  std::size_t L_;
  bool softmax_;
  std::string phase_, param_;
  std::vector<Term> terms_;
  std::unordered_map<std::string, std::size_t> index_;  // id -> its place in terms_
  std::vector<std::pair<std::string, std::vector<std::string>>> chains_;
  std::unordered_set<std::string> in_chain_;  // the ids of the current chain
};

}  // namespace bp::detail
