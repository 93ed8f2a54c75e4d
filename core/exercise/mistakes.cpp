#include "exercise/mistakes.hpp"

#include <cmath>
#include <limits>
#include <map>
#include <utility>

#include "nn/names.hpp"

namespace bp::exercise {

namespace {

constexpr double none = std::numeric_limits<double>::quiet_NaN();

std::vector<Eigen::Index> sizes_of(const Config& c) {
  std::vector<Eigen::Index> sizes{c.network.inputs};
  for (const auto& layer : c.network.layers) sizes.push_back(layer.W.rows());
  return sizes;
}

// What the mistakes read besides the term: the config before and after the
// update, and where each node and parameter sits in it.
struct Context {
  Context(const Trace& trace, const Config& config)
      : t(trace), c(config), sizes(sizes_of(config)), names(sizes, config.network.shared_bias) {
    for (std::size_t l = 0; l < sizes.size(); ++l) {
      for (Eigen::Index j = 0; j < sizes[l]; ++j) nodes[names.node(l, j)] = {l, j};
    }
    for (std::size_t l = 1; l < sizes.size(); ++l) {
      const Layer& layer = c.network.layers[l - 1];
      const Layer& next = t.next.network.layers[l - 1];
      for (Eigen::Index j = 0; j < layer.W.rows(); ++j) {
        for (Eigen::Index i = 0; i < layer.W.cols(); ++i) {
          params[names.weight(l, j, i)] = {layer.W(j, i), next.W(j, i)};
        }
      }
      const Eigen::Index biases = c.network.shared_bias ? 1 : layer.b.size();
      for (Eigen::Index j = 0; j < biases; ++j) params[names.bias(l, j)] = {layer.b[j], next.b[j]};
    }
  }
  // The layer of a term's first node (0 for an input).
  std::size_t layer_of(const Term& term) const {
    if (term.nodes.empty()) return 0;
    const auto at = nodes.find(term.nodes[0]);
    return at == nodes.end() ? 0 : at->second.first;
  }
  Eigen::Index neuron_of(const Term& term) const {
    if (term.nodes.empty()) return 0;
    const auto at = nodes.find(term.nodes[0]);
    return at == nodes.end() ? 0 : at->second.second;
  }
  // A parameter of the term (its first edge): before and after the update.
  std::pair<double, double> param(const Term& term) const {
    if (term.edges.empty()) return {none, none};
    const auto at = params.find(term.edges[0]);
    return at == params.end() ? std::pair<double, double>{none, none} : at->second;
  }
  Eigen::Index widest() const {
    Eigen::Index w = 0;
    for (auto s : sizes) w = std::max(w, s);
    return w;
  }

  const Trace& t;
  const Config& c;
  std::vector<Eigen::Index> sizes;
  Names names;
  std::map<std::string, std::pair<std::size_t, Eigen::Index>> nodes;
  std::map<std::string, std::pair<double, double>> params;
};

// One mistake: the kind of term where it is made (its explain key), and what
// the student writes there instead of the term's value. `variant` picks one
// way of making it (which path is left out, which input multiplies the bias,
// in which layer σ′ is dropped); a variant that does not fit the term gives
// NaN. `itself`: whether the term where it is made can be asked with it
// (σ′ dropped is 1 there: no answer anyone gives).
struct Mistake {
  const char* id;
  const char* made_at;
  bool itself;
  Eigen::Index (*variants)(const Context&);
  double (*value)(const Context&, const Term&, Eigen::Index variant);
};

Eigen::Index one(const Context&) { return 1; }
// Every layer at once (0), or only layer l (l = 1 … L).
Eigen::Index per_layer(const Context& x) { return static_cast<Eigen::Index>(x.sizes.size()); }
bool in_layer(const Context& x, const Term& term, Eigen::Index variant) {
  return variant == 0 || x.layer_of(term) == static_cast<std::size_t>(variant);
}
Eigen::Index widest(const Context& x) { return x.widest(); }

// The sum of dE_total/dout_h1 over every path but the one through neuron k
// of the layer above: its terms are the paths dE_o1/dout_h1, or pairs
// delta · weight.
double without_path(const Context& x, const Term& term, Eigen::Index k) {
  const auto& terms = x.t.terms;
  const bool paths = !term.deps.empty() && terms[term.deps[0]].explain == "dE_dout_path";
  const std::size_t step = paths ? 1 : 2;
  const std::size_t count = term.deps.size() / step;
  if (count < 2 || static_cast<std::size_t>(k) >= count) return none;
  double sum = 0;
  bool first = true;
  for (std::size_t p = 0; p < count; ++p) {
    if (p == static_cast<std::size_t>(k)) continue;
    const double v = paths ? terms[term.deps[p]].value : terms[term.deps[2 * p]].value * terms[term.deps[2 * p + 1]].value;
    sum = first ? v : sum + v;
    first = false;
  }
  return sum;
}

// The catalog. Each value is what the student puts in place of the term
// where the mistake is made.
const Mistake catalog[] = {
    // ∂E/∂out with the wrong sign: (target − out) instead of −(target − out).
    {"sign_dE_dout", "dE_dout", true, one, [](const Context&, const Term& t, Eigen::Index) { return -t.value; }},
    // The activation's derivative σ′ = ∂out/∂net left out of the chain: 1
    // in its place (in every layer, or only in one).
    {"sigma_prime_dropped", "dout_dnet", false, per_layer,
     [](const Context& x, const Term& t, Eigen::Index v) { return in_layer(x, t, v) ? 1.0 : none; }},
    // ∂out/∂net evaluated at out instead of net: σ′(out) = σ(out)(1 − σ(out)).
    {"out_for_net", "dout_dnet", true, per_layer,
     [](const Context& x, const Term& t, Eigen::Index v) {
       if (!in_layer(x, t, v)) return none;
       const std::size_t l = x.layer_of(t);
       const Activation a = x.c.network.layers[l - 1].activation;
       if (a->whole_layer) return none;
       const Eigen::VectorXd& out = x.t.forward.out[l];
       Eigen::VectorXd f_out, d;
       activate(a, out, f_out);
       activation_derivative(a, out, f_out, d);
       return d[x.neuron_of(t)];
     }},
    // ∂net_o1/∂out_h1 = w5 taken after the update (w5+) instead of before.
    {"updated_weight", "dnet_dout", true, one,
     [](const Context& x, const Term& t, Eigen::Index) { return x.param(t).second; }},
    // One path of ∂E_total/∂out_h1 left out: the path through output k.
    {"path_left_out", "dE_dout_hidden", true, widest, without_path},
    // The update without η: w − ∂E/∂w (variant 0), or ∂E/∂w as the new
    // weight (variant 1).
    {"eta_not_applied", "update", true, [](const Context&) -> Eigen::Index { return 2; },
     [](const Context& x, const Term& t, Eigen::Index v) {
       if (t.deps.empty()) return none;
       const double g = x.t.terms[t.deps[0]].value;
       return v == 0 ? x.param(t).first - g : g;
     }},
    // A bias's gradient multiplied by an input of its neuron, as a weight's
    // is: ∂E/∂b1 · i_k instead of ∂E/∂b1 · 1.
    {"bias_as_weight", "bias", true, widest,
     [](const Context& x, const Term& t, Eigen::Index i) {
       const std::size_t l = x.layer_of(t);
       if (l == 0 || i >= x.sizes[l - 1]) return none;
       return t.value * x.t.forward.out[l - 1][i];
     }},
};

// A term recomputed from its factors with one mistake made wherever it can
// be: its value, and whether the mistake reached it.
class Evaluator {
 public:
  Evaluator(const Context& x, const Mistake& m, Eigen::Index variant)
      : x_(x), m_(m), variant_(variant), done_(x.t.terms.size(), 0), value_(x.t.terms.size()), changed_(x.t.terms.size(), 0) {}

  std::pair<double, bool> operator()(std::size_t i) {
    if (!done_[i]) {
      const auto [v, changed] = compute(i);
      value_[i] = v;
      changed_[i] = changed;
      done_[i] = 1;
    }
    return {value_[i], changed_[i] != 0};
  }

 private:
  std::pair<double, bool> compute(std::size_t i) {
    const Term& t = x_.t.terms[i];
    if (t.explain == m_.made_at) {
      const double v = m_.value(x_, t, variant_);
      if (!std::isnan(v)) return {v, true};
    }
    bool changed = false;
    std::vector<double> deps;
    deps.reserve(t.deps.size());
    for (std::size_t d : t.deps) {
      const auto [v, c] = (*this)(d);
      deps.push_back(v);
      changed = changed || c;
    }
    if (!changed) return {t.value, false};
    const auto& terms = x_.t.terms;
    auto product = [&](std::size_t from, std::size_t to) {
      double p = deps[from];
      for (std::size_t k = from + 1; k < to; ++k) p *= deps[k];
      return p;
    };
    auto sum_of_pairs = [&] {
      double s = deps[0] * deps[1];
      for (std::size_t k = 2; k + 1 < deps.size(); k += 2) s += deps[k] * deps[k + 1];
      return s;
    };
    // dE_total/dw = upstream · ∂net/∂w; a path dE_o1/dout_h1 = δ_o1 · w5;
    // dE_total/dnet = dE_total/dout · dout/dnet (also where it simplifies).
    if (t.explain == "dE_dw" || t.explain == "dE_dout_path" ||
        (t.explain == "simplification" && t.deps.size() == 2) ||
        (t.explain == "delta" && t.kind == Kind::product)) {
      return {product(0, deps.size()), true};
    }
    // A softmax's delta: Σ_m dE_total/dout_m · ∂out_m/∂net_k.
    if (t.explain == "delta" && t.kind == Kind::sum) return {sum_of_pairs(), true};
    if (t.explain == "dE_dout_hidden") {
      if (terms[t.deps[0]].explain == "dE_dout_path") {
        double s = deps[0];
        for (std::size_t k = 1; k < deps.size(); ++k) s += deps[k];
        return {s, true};
      }
      return {sum_of_pairs(), true};
    }
    // A bias: Σ over its neurons of delta (its own term, or dE/dout · dout/dnet) · 1.
    if (t.explain == "bias") {
      double s = 0;
      bool first = true;
      for (std::size_t k = 0; k < deps.size(); ++k) {
        double v = deps[k];
        if (k + 1 < deps.size() && terms[t.deps[k + 1]].explain == "dout_dnet") v *= deps[++k];
        s = first ? v : s + v;
        first = false;
      }
      return {s, true};
    }
    // w+ = w − η ∂E/∂w.
    if (t.explain == "update") return {x_.param(t).first - x_.c.learning_rate * deps[0], true};
    // Anything else (a simplified formula, E_total+) is not recomputed.
    return {t.value, false};
  }

  const Context& x_;
  const Mistake& m_;
  Eigen::Index variant_;
  std::vector<char> done_;
  std::vector<double> value_;
  std::vector<char> changed_;
};

bool close(double a, double b, double relative) { return std::fabs(a - b) <= relative * std::fabs(b); }

}  // namespace

const std::vector<std::string>& mistake_ids() {
  static const std::vector<std::string> ids = [] {
    std::vector<std::string> v;
    for (const Mistake& m : catalog) {
      if (v.empty() || v.back() != m.id) v.emplace_back(m.id);
    }
    return v;
  }();
  return ids;
}

std::vector<MistakeValue> mistakes_for(const Trace& t, const Config& c, std::size_t index, double tolerance) {
  std::vector<MistakeValue> found;
  if (index >= t.terms.size()) return found;
  const Context x(t, c);
  const Term& term = t.terms[index];
  for (const Mistake& m : catalog) {
    if (!m.itself && term.explain == m.made_at) continue;
    const Eigen::Index variants = m.variants(x);
    for (Eigen::Index v = 0; v < variants; ++v) {
      Evaluator evaluate(x, m, v);
      const auto [value, reached] = evaluate(index);
      if (!reached || !std::isfinite(value) || close(value, term.value, tolerance)) continue;
      bool seen = false;
      for (const MistakeValue& f : found) seen = seen || close(value, f.value, 1e-12);
      if (!seen) found.push_back({m.id, value});
    }
  }
  return found;
}

}  // namespace bp::exercise
