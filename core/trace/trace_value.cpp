#include "trace/trace.hpp"

#include "nn/names.hpp"
#include "trace/formulas.hpp"

// The trace as a Value for the page and the CLI, its formulas rendered as LaTeX.
namespace bp {

namespace {

Value path(std::initializer_list<Value> parts) {
  Value p = Value::array();
  for (const auto& part : parts) p.push(part);
  return p;
}

// The drawing: nodes by layer, and every parameter with its place in the
// config (its "path"), so the page can draw it and edit it.
Value network_value(const Config& c, const Trace& t) {
  const Network& n = c.network;
  std::vector<Eigen::Index> sizes{n.inputs};
  for (const auto& layer : n.layers) sizes.push_back(layer.W.rows());
  const Names names(sizes, n.shared_bias);
  const std::size_t L = n.layers.size();

  Value layers = Value::array();
  for (std::size_t l = 0; l <= L; ++l) {
    Value layer = Value::object();
    layer.set("kind", l == 0 ? "input" : (l == L ? "output" : "hidden"));
    layer.set("activation", l == 0 ? Value() : Value(activation_name(n.layers[l - 1].activation)));
    Value nodes = Value::array();
    for (Eigen::Index j = 0; j < sizes[l]; ++j) {
      Value node = Value::object();
      node.set("id", names.node(l, j));
      node.set("tex", l == 0 ? names.input_tex(j) : names.node_tex(l, j));
      node.set("out", t.forward.out[l][j]);
      if (l > 0) node.set("out_next", t.forward_next.out[l][j]);
      if (l > 0) node.set("net", t.forward.net[l][j]);
      if (l == 0) node.set("path", path({"inputs", static_cast<double>(j)}));
      nodes.push(std::move(node));
    }
    layer.set("nodes", std::move(nodes));
    layers.push(std::move(layer));
  }

  Value weights = Value::array(), biases = Value::array();
  for (std::size_t l = 1; l <= L; ++l) {
    const Layer& layer = n.layers[l - 1];
    const Layer& next = t.next.network.layers[l - 1];
    for (Eigen::Index j = 0; j < layer.W.rows(); ++j) {
      for (Eigen::Index i = 0; i < layer.W.cols(); ++i) {
        Value w = Value::object();
        w.set("id", names.weight(l, j, i));
        w.set("tex", names.weight_tex(l, j, i));
        w.set("from", names.node(l - 1, i));
        w.set("to", names.node(l, j));
        w.set("value", layer.W(j, i));
        w.set("next", next.W(j, i));
        w.set("gradient", t.backward.dW[l](j, i));
        w.set("path", path({"weights", static_cast<double>(l - 1), static_cast<double>(j), static_cast<double>(i)}));
        weights.push(std::move(w));
      }
    }
    const Eigen::Index count = n.shared_bias ? 1 : layer.b.size();
    for (Eigen::Index j = 0; j < count; ++j) {
      Value b = Value::object();
      b.set("id", names.bias(l, j));
      b.set("tex", names.bias_tex(l, j));
      b.set("layer", static_cast<double>(l));
      Value to = Value::array();
      for (Eigen::Index m = n.shared_bias ? 0 : j; m < (n.shared_bias ? layer.b.size() : j + 1); ++m) {
        to.push(names.node(l, m));
      }
      b.set("to", std::move(to));
      b.set("value", layer.b[j]);
      b.set("next", next.b[j]);
      b.set("gradient", n.shared_bias ? shared_bias_gradient(t.backward.db[l]) : t.backward.db[l][j]);
      b.set("path", n.shared_bias ? path({"biases", static_cast<double>(l - 1)})
                                  : path({"biases", static_cast<double>(l - 1), static_cast<double>(j)}));
      biases.push(std::move(b));
    }
  }

  Value targets = Value::array();
  for (Eigen::Index k = 0; k < c.targets.size(); ++k) {
    Value target = Value::object();
    target.set("id", names.target(k));
    target.set("tex", names.target_tex(k));
    target.set("node", names.node(L, k));
    target.set("value", c.targets[k]);
    target.set("path", path({"targets", static_cast<double>(k)}));
    targets.push(std::move(target));
  }

  Value v = Value::object();
  v.set("layers", std::move(layers));
  v.set("weights", std::move(weights));
  v.set("biases", std::move(biases));
  v.set("targets", std::move(targets));
  return v;
}

}  // namespace

// Value has no reserve(): arrays and objects grown one push at a time move
// their items on each growth. A trace holds hundreds of thousands of them,
// most of a few sizes, so each is copied from a prototype of its size (one
// allocation) and filled in place.
class Prototypes {
 public:
  // An array of n nulls.
  Value array(std::size_t n) {
    if (n >= arrays_.size()) arrays_.resize(n + 1);
    Value& a = arrays_[n];
    if (a.is_null()) {
      a = Value::array();
      for (std::size_t i = 0; i < n; ++i) a.push(Value());
    }
    return a;
  }
  // A term's object: its members in order, null.
  const Value& term(bool formula_lines, bool numbers_lines) {
    Value& o = terms_[formula_lines][numbers_lines];
    if (o.is_null()) {
      o = Value::object();
      for (const char* key : {"id", "phase", "kind", "param", "symbol", "formula", "numbers"}) o.set(key, Value());
      if (formula_lines) o.set("formula_lines", Value());
      if (numbers_lines) o.set("numbers_lines", Value());
      for (const char* key : {"value", "value_text", "nodes", "edges", "deps", "explain", "notes"}) o.set(key, Value());
    }
    return o;
  }

 private:
  std::vector<Value> arrays_;
  Value terms_[2][2];
};

Value trace_to_value(Trace&& t, const Config& c) {
  Prototypes prototypes;
  // Terms referred to by their places in `terms`: one array of numbers each.
  auto places = [](const std::vector<std::size_t>& at) { return Value::numbers(std::vector<double>(at.begin(), at.end())); };
  auto strings = [&](std::vector<std::string>&& items) {
    Value a = prototypes.array(items.size());
    for (std::size_t i = 0; i < items.size(); ++i) a[i] = Value(std::move(items[i]));
    return a;
  };
  Value terms = prototypes.array(t.terms.size());
  for (std::size_t i = 0; i < t.terms.size(); ++i) {
    Term& term = t.terms[i];
    // Broken over lines only where that helps: a sum of several summands.
    const Formulas& f = t.formulas;
    using Mode = Formulas::Mode;
    const bool formula_lines = f.line_count(term.formula, Mode::symbols) > 1;
    const bool numbers_lines = f.line_count(term.formula, Mode::numbers) > 1;
    Value v = prototypes.term(formula_lines, numbers_lines);
    v.set("id", term.id);
    v.set("phase", phase_name(term.phase));
    v.set("kind", kind_name(term.kind));
    v.set("param", std::move(term.param));
    v.set("symbol", f.render_tex(term.symbol, Mode::symbols));
    // A formula broken over lines is those lines joined: rendered once.
    auto formula = [&](Mode mode, bool broken, const char* key, const char* lines_key) {
      if (!broken) {
        v.set(key, f.render_tex(term.formula, mode));
        return;
      }
      std::vector<std::string> lines = f.lines_tex(term.formula, mode);
      std::size_t size = lines.size();
      for (const auto& line : lines) size += line.size();
      std::string joined;
      joined.reserve(size);
      for (const auto& line : lines) {
        if (!joined.empty()) joined += ' ';
        joined += line;
      }
      v.set(key, std::move(joined));
      v.set(lines_key, strings(std::move(lines)));
    };
    formula(Mode::symbols, formula_lines, "formula", "formula_lines");
    formula(Mode::numbers, numbers_lines, "numbers", "numbers_lines");
    v.set("value", term.value);
    v.set("value_text", value_text(term.value, t.digits));
    v.set("nodes", strings(std::move(term.nodes)));
    v.set("edges", strings(std::move(term.edges)));
    v.set("deps", places(term.deps));
    v.set("explain", std::move(term.explain));
    v.set("notes", strings(std::move(term.notes)));
    terms[i] = std::move(v);
  }
  Value chains = prototypes.array(t.chains.size());
  for (std::size_t i = 0; i < t.chains.size(); ++i) {
    Value v = Value::object();
    v.set("param", std::move(t.chains[i].param));
    v.set("terms", places(t.chains[i].terms));
    chains[i] = std::move(v);
  }
  Value phases = Value::array();
  for (Phase p : all_phases) phases.push(phase_name(p));
  Value v = Value::object();
  v.set("phases", std::move(phases));
  v.set("terms", std::move(terms));
  v.set("chains", std::move(chains));
  v.set("network", network_value(c, t));
  v.set("loss", loss_to_value(c.loss));
  v.set("learning_rate", c.learning_rate);
  v.set("train_biases", c.train_biases);
  v.set("E_total", t.E_total);
  v.set("E_total_next", t.E_total_next);
  v.set("config", config_to_value(c));
  v.set("next", config_to_value(t.next));
  return v;
}

Value trace_to_value(const Trace& t, const Config& c) { return trace_to_value(Trace(t), c); }

}  // namespace bp
