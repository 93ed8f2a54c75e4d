#include "trace/trace_builder.hpp"

// The forward pass, the error and the update, and the assembly of the trace.
namespace bp {
namespace detail {

namespace {
// is_classic compares whole configs as JSON: asked only of a network of the classic's shape.
bool is_classic_example(const Config& c) {
  static const Config classic = classic_config();
  const auto& a = c.network.layers;
  const auto& b = classic.network.layers;
  if (a.size() != b.size()) return false;
  for (std::size_t l = 0; l < a.size(); ++l) {
    if (a[l].W.rows() != b[l].W.rows() || a[l].W.cols() != b[l].W.cols()) return false;
  }
  return is_classic(c);
}
}  // namespace

std::size_t Builder::add(Term&& t) {
  t.phase = phase_;
  t.param = param_;
  const std::size_t i = terms_.size();
  terms_.push_back(std::move(t));
  in_chain_.push_back(0);
  use(i);
  return i;
}

void Builder::use(std::size_t term) {
  if (param_.empty() || chains_.empty()) return;
  if (in_chain_[term] == chains_.size()) return;
  in_chain_[term] = chains_.size();
  chains_.back().terms.push_back(term);
}

void Builder::forward_phase() {
  phase_ = Phase::forward;
  std::vector<FormulaId> summands, nets;
  for (std::size_t l = 1; l <= L_; ++l) {
    const Layer& layer = c_.network.layers[l - 1];
    const bool softmax = layer.activation == Activation::softmax;
    auto add_net = [&](Eigen::Index j) {
      Term net{net_id(l, j), "net"};
      net.kind = Kind::value;
      net.symbol = net_sym(l, j);
      net.nodes.reserve(static_cast<std::size_t>(layer.W.cols()) + 1);
      net.nodes.push_back(node(l, j));
      summands.clear();
      for (Eigen::Index i = 0; i < layer.W.cols(); ++i) {
        summands.push_back(fx_.product(weight_leaf(l, j, i), out_leaf(l - 1, i)));
        net.nodes.push_back(node(l - 1, i));
        net.edges.push_back(n_.weight(l, j, i));
        if (l > 1) net.deps.push_back(out_[l - 1][at(i)]);
      }
      summands.push_back(fx_.leaf(fx_.symbol(n_.bias_tex(l, j), n_.bias(l, j)), layer.b[j]));
      net.formula = fx_.sum(summands);
      net.edges.push_back(n_.bias(l, j));
      net.value = f_.net[l][j];
      net_[l][at(j)] = add(std::move(net));
    };
    auto add_out = [&](Eigen::Index j) {
      Term out{out_id(l, j), "out"};
      out.kind = Kind::value;
      out.symbol = out_sym(l, j);
      // A whole-layer activation (softmax) reads every net of its layer.
      nets.clear();
      if (layer.activation->whole_layer) {
        for (Eigen::Index k = 0; k < layer.W.rows(); ++k) nets.push_back(net_leaf(l, k));
        out.formula = fx_.activation(layer.activation, nets, static_cast<std::size_t>(j));
      } else {
        nets.push_back(net_leaf(l, j));
        out.formula = fx_.activation(layer.activation, nets, 0);
      }
      out.value = f_.out[l][j];
      out.nodes = {node(l, j)};
      out.deps = {net_[l][at(j)]};
      // A softmax output needs every net of its layer.
      if (softmax) {
        for (Eigen::Index k = 0; k < layer.W.rows(); ++k) {
          if (k != j) out.deps.push_back(net_[l][at(k)]);
        }
      }
      out_[l][at(j)] = add(std::move(out));
    };
    if (softmax) {
      // The outs after every net of the layer.
      for (Eigen::Index j = 0; j < layer.W.rows(); ++j) add_net(j);
      for (Eigen::Index j = 0; j < layer.W.rows(); ++j) add_out(j);
    } else {
      for (Eigen::Index j = 0; j < layer.W.rows(); ++j) {
        add_net(j);
        add_out(j);
      }
    }
  }
}

void Builder::error_phase() {
  phase_ = Phase::error;
  Term total{ids::E_total, "E_total"};
  total.kind = Kind::sum;
  total.symbol = E_total_sym_;
  std::vector<FormulaId> summands;
  for (Eigen::Index k = 0; k < c_.targets.size(); ++k) {
    Term e{ids::error(node(L_, k)), "E_part"};
    e.kind = Kind::value;
    e.symbol = E_sym(k);
    e.formula = loss_formula(Formulas::LossFormula::term, k, f_.out[L_][k], out_sym(L_, k));
    e.value = f_.E[k];
    e.nodes = {node(L_, k)};
    e.deps = {out_[L_][at(k)]};
    summands.push_back(fx_.leaf(e.symbol, f_.E[k]));
    total.nodes.push_back(node(L_, k));
    total.deps.push_back(add(std::move(e)));
  }
  total.formula = fx_.sum(summands);
  total.value = f_.E_total;
  if (c_.loss.kind == LossKind::mse && c_.targets.size() == 2) total.notes.push_back("note.mse_two_outputs");
  add(std::move(total));
}

void Builder::update_phase(const Forward& next) {
  phase_ = Phase::update;
  param_.clear();
  Term e{ids::E_total_next, "E_next"};
  e.kind = Kind::value;
  e.symbol = fx_.updated(E_total_sym_);
  std::vector<FormulaId> summands;
  for (Eigen::Index k = 0; k < c_.targets.size(); ++k) {
    summands.push_back(loss_formula(Formulas::LossFormula::term, k, next.out[L_][k], fx_.updated(out_sym(L_, k))));
    e.nodes.push_back(node(L_, k));
  }
  e.formula = fx_.sum(summands);
  for (std::size_t i = 0; i < terms_.size(); ++i) {
    if (terms_[i].kind == Kind::update) e.deps.push_back(i);
  }
  e.value = next.E_total;
  e.notes = {"note.after_update"};
  if (is_classic_example(c_)) e.notes.push_back("note.blog_numbers");
  add(std::move(e));
}

}  // namespace detail

const char* phase_name(Phase p) {
  switch (p) {
    case Phase::forward: return "forward";
    case Phase::error: return "error";
    case Phase::output: return "output";
    case Phase::hidden: return "hidden";
    case Phase::bias: return "bias";
    case Phase::update: return "update";
  }
  return "";
}

const char* kind_name(Kind k) {
  switch (k) {
    case Kind::value: return "value";
    case Kind::local: return "local";
    case Kind::product: return "product";
    case Kind::sum: return "sum";
    case Kind::update: return "update";
    case Kind::simplification: return "simplification";
  }
  return "";
}

Trace build_trace(const Config& c, int digits) {
  const Forward f = forward(c.network, c.loss, c.inputs, c.targets);
  const Backward b = backward(c.network, c.loss, f, c.targets);
  const Config next = updated(c, b);
  const Forward after = forward(next.network, next.loss, next.inputs, next.targets);

  detail::Builder builder(c, f, b, digits);
  builder.forward_phase();
  builder.error_phase();
  builder.output_phase();
  builder.hidden_phase();
  builder.bias_phase();
  builder.update_phase(after);
  Trace t = builder.take();
  t.forward = f;
  t.backward = b;
  t.next = next;
  t.forward_next = after;
  t.E_total = f.E_total;
  t.E_total_next = after.E_total;
  t.digits = digits;
  return t;
}

}  // namespace bp
