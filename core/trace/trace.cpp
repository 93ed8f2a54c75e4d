#include "trace/trace_builder.hpp"

// The forward pass, the error and the update, and the assembly of the trace.
namespace bp {
namespace detail {

Term& Builder::add(Term t) {
  t.phase = phase_;
  t.param = param_;
  index_.emplace(t.id, terms_.size());
  terms_.push_back(std::move(t));
  use(terms_.back().id);
  return terms_.back();
}

void Builder::use(const std::string& id) {
  if (param_.empty() || chains_.empty()) return;
  if (in_chain_.insert(id).second) chains_.back().second.push_back(id);
}

void Builder::forward_phase() {
  phase_ = "forward";
  for (std::size_t l = 1; l <= L_; ++l) {
    const Layer& layer = c_.network.layers[l - 1];
    std::vector<std::string> net_syms;
    std::vector<double> nets;
    for (Eigen::Index j = 0; j < layer.W.rows(); ++j) {
      net_syms.push_back(net_sym(l, j));
      nets.push_back(f_.net[l][j]);
    }
    for (Eigen::Index j = 0; j < layer.W.rows(); ++j) {
      Term net{net_id(l, j), "net"};
      net.kind = "value";
      net.symbol = net_sym(l, j);
      net.nodes.push_back(node(l, j));
      for (Eigen::Index i = 0; i < layer.W.cols(); ++i) {
        net.add_summand(n_.weight_tex(l, j, i) + tex::cdot + out_sym(l - 1, i),
                        fac(layer.W(j, i)) + tex::cdot + fac(f_.out[l - 1][i]));
        net.nodes.push_back(node(l - 1, i));
        net.edges.push_back(n_.weight(l, j, i));
        if (l > 1) net.deps.push_back(out_id(l - 1, i));
      }
      net.add_summand(n_.bias_tex(l, j), fac(layer.b[j]));
      net.edges.push_back(n_.bias(l, j));
      net.value = f_.net[l][j];
      add(net);

      Term out{out_id(l, j), "out"};
      out.kind = "value";
      out.symbol = out_sym(l, j);
      const Tex t = activation_tex(layer.activation, net_syms, nets, static_cast<std::size_t>(j), digits_);
      out.formula = t.formula;
      out.numbers = t.numbers;
      out.value = f_.out[l][j];
      out.nodes = {node(l, j)};
      out.deps = {net_id(l, j)};
      if (layer.activation == Activation::softmax) {
        for (Eigen::Index k = 0; k < j; ++k) out.deps.push_back(net_id(l, k));
      }
      add(out);
    }
    if (layer.activation == Activation::softmax) {
      // A softmax output needs every net of its layer: move the outs after the nets.
      std::stable_partition(terms_.end() - 2 * layer.W.rows(), terms_.end(),
                            [](const Term& t) { return t.id.rfind("net_", 0) == 0; });
      for (std::size_t k = terms_.size() - 2 * layer.W.rows(); k < terms_.size(); ++k) index_[terms_[k].id] = k;
      for (auto it = terms_.end() - layer.W.rows(); it != terms_.end(); ++it) {
        for (Eigen::Index k = 0; k < layer.W.rows(); ++k) {
          if (std::find(it->deps.begin(), it->deps.end(), net_id(l, k)) == it->deps.end()) {
            it->deps.push_back(net_id(l, k));
          }
        }
      }
    }
  }
}

void Builder::error_phase() {
  phase_ = "error";
  Term total{"E_total", "E_total"};
  total.kind = "sum";
  total.symbol = tex::E_total;
  for (Eigen::Index k = 0; k < c_.targets.size(); ++k) {
    Term e{"E_" + node(L_, k), "E_part"};
    e.kind = "value";
    e.symbol = E_sym(k);
    const Tex t = loss_term_tex(c_.loss, loss_symbols(k, f_.out[L_][k], out_sym(L_, k)), digits_);
    e.formula = t.formula;
    e.numbers = t.numbers;
    e.value = f_.E[k];
    e.nodes = {node(L_, k)};
    e.deps = {out_id(L_, k)};
    add(e);
    total.add_summand(E_sym(k), fac(f_.E[k]));
    total.nodes.push_back(node(L_, k));
    total.deps.push_back(e.id);
  }
  total.value = f_.E_total;
  if (c_.loss.kind == LossKind::mse && c_.targets.size() == 2) total.notes.push_back("note.mse_two_outputs");
  add(total);
}

void Builder::update_phase(const Forward& next) {
  phase_ = "update";
  param_.clear();
  Term e{"E_total+", "E_next"};
  e.kind = "value";
  e.symbol = tex::E_total + "^{+}";
  for (Eigen::Index k = 0; k < c_.targets.size(); ++k) {
    const Tex t = loss_term_tex(c_.loss, loss_symbols(k, next.out[L_][k], out_sym(L_, k) + "^{+}"), digits_);
    e.add_summand(t.formula, t.numbers);
    e.nodes.push_back(node(L_, k));
  }
  for (const Term& t : terms_) {
    if (t.kind == "update") e.deps.push_back(t.id);
  }
  e.value = next.E_total;
  e.notes = {"note.after_update"};
  if (is_classic(c_)) e.notes.push_back("note.blog_numbers");
  add(e);
}

}  // namespace detail

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
  return t;
}

}  // namespace bp
