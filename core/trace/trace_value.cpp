#include "trace/trace.hpp"

#include "nn/names.hpp"

// The update, and the trace as a Value for the page and the CLI.
namespace bp {

namespace {

Value strings(const std::vector<std::string>& items) { return Value::array_of(items); }

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
      nodes.push(node);
    }
    layer.set("nodes", nodes);
    layers.push(layer);
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
        weights.push(w);
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
      b.set("to", to);
      b.set("value", layer.b[j]);
      b.set("next", next.b[j]);
      b.set("gradient", n.shared_bias ? shared_bias_gradient(t.backward.db[l]) : t.backward.db[l][j]);
      b.set("path", n.shared_bias ? path({"biases", static_cast<double>(l - 1)})
                                  : path({"biases", static_cast<double>(l - 1), static_cast<double>(j)}));
      biases.push(b);
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
    targets.push(target);
  }

  Value v = Value::object();
  v.set("layers", layers);
  v.set("weights", weights);
  v.set("biases", biases);
  v.set("targets", targets);
  return v;
}

}  // namespace

Value trace_to_value(const Trace& t, const Config& c) {
  Value terms = Value::array();
  for (const Term& term : t.terms) {
    Value v = Value::object();
    v.set("id", term.id);
    v.set("phase", term.phase);
    v.set("kind", term.kind);
    v.set("param", term.param);
    v.set("symbol", term.symbol);
    v.set("formula", term.formula);
    v.set("numbers", term.numbers);
    // Broken over lines only where that helps: a sum of several summands.
    if (term.formula_lines.size() > 1) v.set("formula_lines", strings(term.formula_lines));
    if (term.numbers_lines.size() > 1) v.set("numbers_lines", strings(term.numbers_lines));
    v.set("value", term.value);
    v.set("nodes", strings(term.nodes));
    v.set("edges", strings(term.edges));
    v.set("deps", strings(term.deps));
    v.set("explain", term.explain);
    v.set("notes", strings(term.notes));
    terms.push(v);
  }
  Value chains = Value::array();
  for (const auto& [param, ids] : t.chains) {
    Value chain = Value::object();
    chain.set("param", param);
    chain.set("terms", strings(ids));
    chains.push(chain);
  }
  Value v = Value::object();
  v.set("phases", strings({"forward", "error", "output", "hidden", "bias", "update"}));
  v.set("terms", terms);
  v.set("chains", chains);
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

}  // namespace bp
