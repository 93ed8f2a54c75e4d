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

Value trace_to_value(Trace&& t, const Config& c) {
  // Terms referred to by their places in `terms`: one array of numbers each.
  auto places = [](const std::vector<std::size_t>& at) { return Value::numbers(std::vector<double>(at.begin(), at.end())); };
  auto strings = [](std::vector<std::string>&& items) {
    std::vector<Value> a(items.size());
    for (std::size_t i = 0; i < items.size(); ++i) a[i] = Value(std::move(items[i]));
    return Value::array(std::move(a));
  };
  // A trace holds hundreds of thousands of Values: each term's object is
  // built with its members in place.
  std::vector<Value> terms(t.terms.size());
  for (std::size_t i = 0; i < t.terms.size(); ++i) {
    Term& term = t.terms[i];
    // Broken over lines only where that helps: a sum of several summands.
    const Formulas& f = t.formulas;
    using Mode = Formulas::Mode;
    const bool formula_lines = f.line_count(term.formula, Mode::symbols) > 1;
    const bool numbers_lines = f.line_count(term.formula, Mode::numbers) > 1;
    Value::Members v;
    v.reserve(16);
    v.emplace_back("id", std::move(term.id));
    v.emplace_back("phase", phase_name(term.phase));
    v.emplace_back("kind", kind_name(term.kind));
    v.emplace_back("param", std::move(term.param));
    v.emplace_back("symbol", f.render_tex(term.symbol, Mode::symbols));
    // A formula broken over lines is those lines joined: rendered once. The
    // members keep the order the page has always had: both formulas, then
    // the lines of either.
    Value lines[2];
    auto formula = [&](Mode mode, bool broken, const char* key, Value& lines_of) {
      if (!broken) {
        v.emplace_back(key, f.render_tex(term.formula, mode));
        return;
      }
      std::vector<std::string> parts = f.lines_tex(term.formula, mode);
      std::size_t size = parts.size();
      for (const auto& line : parts) size += line.size();
      std::string joined;
      joined.reserve(size);
      for (const auto& line : parts) {
        if (!joined.empty()) joined += ' ';
        joined += line;
      }
      v.emplace_back(key, std::move(joined));
      lines_of = strings(std::move(parts));
    };
    formula(Mode::symbols, formula_lines, "formula", lines[0]);
    formula(Mode::numbers, numbers_lines, "numbers", lines[1]);
    if (formula_lines) v.emplace_back("formula_lines", std::move(lines[0]));
    if (numbers_lines) v.emplace_back("numbers_lines", std::move(lines[1]));
    v.emplace_back("value", term.value);
    v.emplace_back("value_text", value_text(term.value, t.digits));
    v.emplace_back("nodes", strings(std::move(term.nodes)));
    v.emplace_back("edges", strings(std::move(term.edges)));
    v.emplace_back("deps", places(term.deps));
    v.emplace_back("explain", std::move(term.explain));
    v.emplace_back("notes", strings(std::move(term.notes)));
    terms[i] = Value::object(std::move(v));
  }
  std::vector<Value> chains(t.chains.size());
  for (std::size_t i = 0; i < t.chains.size(); ++i) {
    Value::Members v;
    v.reserve(2);
    v.emplace_back("param", std::move(t.chains[i].param));
    v.emplace_back("terms", places(t.chains[i].terms));
    chains[i] = Value::object(std::move(v));
  }
  Value phases = Value::array();
  for (Phase p : all_phases) phases.push(phase_name(p));
  Value v = Value::object();
  v.set("phases", std::move(phases));
  v.set("terms", Value::array(std::move(terms)));
  v.set("chains", Value::array(std::move(chains)));
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
