#include "trace/trace_builder.hpp"

// The backward pass: the output layer, the hidden layers, the biases.
namespace bp::detail {

void Builder::weight_terms(std::size_t l, Eigen::Index j, Eigen::Index i, const std::vector<std::size_t>& upstream,
                           const std::string& upstream_tex, const std::string& upstream_numbers) {
  const std::string w = n_.weight(l, j, i), w_tex = n_.weight_tex(l, j, i);
  const std::string to = node(l, j), from = node(l - 1, i);

  Term local{ids::partial(net_id(l, j), w), "dnet_dw"};
  local.kind = Kind::local;
  local.symbol = tex::partial(net_sym(l, j), w_tex);
  local.formula = out_sym(l - 1, i);
  const TexArg& in = out_text_[l - 1][at(i)];
  local.numbers = in.term;
  local.value = f_.out[l - 1][i];
  local.nodes = {from, to};
  local.edges = {w};
  if (l > 1) local.deps = {out_[l - 1][at(i)]};
  const std::string local_symbol = local.symbol;
  const std::size_t local_at = add(std::move(local));

  Term grad{ids::gradient(w), "dE_dw"};
  grad.kind = Kind::product;
  grad.symbol = tex::partial(tex::E_total, w_tex);
  grad.formula = upstream_tex + tex::cdot + local_symbol;
  grad.numbers = upstream_numbers + tex::cdot + in.factor;
  grad.value = b_.dW[l](j, i);
  grad.nodes = {from, to};
  grad.edges = {w};
  grad.deps = upstream;
  grad.deps.push_back(local_at);

  Term update{ids::updated(w), "update"};
  update.kind = Kind::update;
  update.symbol = w_tex + "^{+}";
  update.formula = w_tex + " - \\eta" + tex::cdot + grad.symbol;
  const double old = c_.network.layers[l - 1].W(j, i);
  update.numbers = weight_text(l, j, i).term + " - " + lr_text_.term + tex::cdot + fac(grad.value);
  update.value = old - c_.learning_rate * grad.value;
  update.nodes = {from, to};
  update.edges = {w};
  update.deps = {add(std::move(grad))};
  add(std::move(update));
}

std::size_t Builder::add_dout_dnet(std::size_t l, Eigen::Index j) {
  Term local{ids::partial(out_id(l, j), net_id(l, j)), "dout_dnet"};
  local.kind = Kind::local;
  local.symbol = tex::partial(out_sym(l, j), net_sym(l, j));
  Tex d = activation_derivative_tex(c_.network.layers[l - 1].activation, symbol_text(net_sym(l, j)),
                                    symbol_text(out_sym(l, j)), net_text_[l][at(j)], out_text_[l][at(j)]);
  local.formula = std::move(d.formula);
  local.numbers = std::move(d.numbers);
  local.value = b_.dout_dnet[l][j];
  local.nodes = {node(l, j)};
  local.deps = {out_[l][at(j)]};
  return dout_dnet_[l][at(j)] = add(std::move(local));
}

void Builder::output_phase() {
  phase_ = Phase::output;
  const std::size_t l = L_;
  const Layer& layer = c_.network.layers[l - 1];
  const Eigen::Index K = layer.W.rows();
  auto add_dE_dout = [&](Eigen::Index k) {
    Term t{ids::partial(ids::E_total, out_id(l, k)), "dE_dout"};
    t.kind = Kind::local;
    t.symbol = tex::partial(tex::E_total, out_sym(l, k));
    Tex g = loss_gradient_tex(c_.loss, loss_symbols(k, f_.out[l][k], out_sym(l, k)), digits_);
    t.formula = std::move(g.formula);
    t.numbers = std::move(g.numbers);
    t.value = b_.dE_dout_output[k];
    t.nodes = {node(l, k)};
    t.deps = {out_[l][at(k)]};
    if (c_.loss.kind == LossKind::mse) {
      t.notes.push_back("note.mse_gradient");
      if (K == 2) t.notes.push_back("note.mse_gradient_two_outputs");
    }
    dE_dout_[l][at(k)] = add(std::move(t));
  };

  for (Eigen::Index k = 0; k < K; ++k) {
    start_chain(n_.weight(l, k, 0));
    std::vector<std::size_t> upstream;
    std::string up_tex, up_numbers;
    if (softmax_) {
      for (Eigen::Index m = 0; m < K; ++m) {
        if (k == 0) add_dE_dout(m); else use(dE_dout_[l][at(m)]);
      }
      Term delta{delta_id(l, k), "delta"};
      delta.symbol = delta_sym(l, k);
      delta.nodes = {node(l, k)};
      for (Eigen::Index m = 0; m < K; ++m) {
        // d out_m / d net_k = out_m (1[m = k] - out_k)
        Term jac{ids::partial(out_id(l, m), net_id(l, k)), "jacobian"};
        jac.kind = Kind::local;
        jac.symbol = tex::partial(out_sym(l, m), net_sym(l, k));
        const double om = f_.out[l][m], ok = f_.out[l][k];
        if (m == k) {
          jac.formula = out_sym(l, k) + "(1 - " + out_sym(l, k) + ")";
          jac.numbers = fac(ok) + "(1 - " + fac(ok) + ")";
          jac.value = ok * (1 - ok);
        } else {
          jac.formula = "-" + out_sym(l, m) + tex::cdot + out_sym(l, k);
          jac.numbers = "-" + fac(om) + tex::cdot + fac(ok);
          jac.value = -om * ok;
        }
        jac.nodes = {node(l, m), node(l, k)};
        jac.deps = {out_[l][at(m)], out_[l][at(k)]};
        delta.add_summand(term(dE_dout_[l][at(m)]).symbol + tex::cdot + jac.symbol,
                          fac(b_.dE_dout_output[m]) + tex::cdot + fac(jac.value));
        delta.deps.push_back(dE_dout_[l][at(m)]);
        delta.deps.push_back(add(std::move(jac)));
        delta.nodes.push_back(node(l, m));
      }
      if (c_.loss.kind == LossKind::ce) {
        const Tex s = simplified_delta_tex(c_.loss, loss_symbols(k, f_.out[l][k], out_sym(l, k)), digits_);
        delta.kind = Kind::simplification;
        delta.formula += " = " + s.formula;
        delta.formula_lines.push_back("= " + s.formula);
        delta.numbers = s.numbers;
        delta.numbers_lines.clear();
        delta.notes = {"note.softmax_ce_simplification"};
      } else {
        delta.kind = Kind::sum;
      }
      delta.value = b_.delta[l][k];
      up_tex = delta.symbol;
      up_numbers = fac(delta.value);
      delta_[l][at(k)] = add(std::move(delta));
      upstream = {delta_[l][at(k)]};
    } else {
      add_dE_dout(k);
      const std::size_t dE = dE_dout_[l][at(k)];
      const std::size_t local = add_dout_dnet(l, k);
      if (layer.activation == Activation::sigmoid && c_.loss.kind == LossKind::bce) {
        const LossSymbols s = loss_symbols(k, f_.out[l][k], out_sym(l, k));
        const Tex simple = simplified_delta_tex(c_.loss, s, digits_);
        Term t{ids::partial(ids::E_total, net_id(l, k)), "simplification"};
        t.kind = Kind::simplification;
        t.symbol = tex::partial(tex::E_total, net_sym(l, k));
        t.formula = term(dE).symbol + tex::cdot + term(local).symbol + " = " + simple.formula;
        t.numbers = simple.numbers;
        t.value = simplified_delta(c_.loss, s);
        t.nodes = {node(l, k)};
        t.deps = {dE, local};
        t.notes = {"note.sigmoid_bce_simplification"};
        add(std::move(t));
      }
      upstream = {dE, local};
      up_tex = term(dE).symbol + tex::cdot + term(local).symbol;
      up_numbers = fac(b_.dE_dout_output[k]) + tex::cdot + fac(term(local).value);
    }
    // The first weight's chain so far — the factors it added, and with a
    // softmax the dE_total/dout terms an earlier neuron added — is every
    // later weight's of this neuron too.
    const std::vector<std::size_t> shared = chains_.back().terms;
    for (Eigen::Index i = 0; i < layer.W.cols(); ++i) {
      if (i > 0) {
        start_chain(n_.weight(l, k, i));
        for (std::size_t t : shared) use(t);
      }
      weight_terms(l, k, i, upstream, up_tex, up_numbers);
    }
  }
}

Tex Builder::delta_factor(std::size_t l, Eigen::Index j, std::vector<std::size_t>& deps) const {
  const std::size_t delta = delta_[l][at(j)];
  if (delta != none) {
    deps.push_back(delta);
    return {term(delta).symbol, fac(term(delta).value)};
  }
  const std::size_t dE = dE_dout_[l][at(j)], local = dout_dnet_[l][at(j)];
  deps.push_back(dE);
  deps.push_back(local);
  return {term(dE).symbol + tex::cdot + term(local).symbol, fac(term(dE).value) + tex::cdot + fac(term(local).value)};
}

std::size_t Builder::ensure_delta(std::size_t l, Eigen::Index j) {
  if (delta_[l][at(j)] != none) {
    use(delta_[l][at(j)]);
    return delta_[l][at(j)];
  }
  Term d{delta_id(l, j), "delta"};
  d.kind = Kind::product;
  d.symbol = delta_sym(l, j);
  Tex f = delta_factor(l, j, d.deps);
  d.formula = std::move(f.formula);
  d.numbers = std::move(f.numbers);
  d.value = b_.delta[l][j];
  d.nodes = {node(l, j)};
  for (std::size_t dep : d.deps) use(dep);
  return delta_[l][at(j)] = add(std::move(d));
}

void Builder::hidden_phase() {
  phase_ = Phase::hidden;
  for (std::size_t l = L_ - 1; l >= 1; --l) {
    const Layer& layer = c_.network.layers[l - 1];
    const Layer& above = c_.network.layers[l];
    // Per-path products dE_o1/dout_h1 where the layer above is the output layer.
    const bool paths = l + 1 == L_ && !softmax_;
    for (Eigen::Index h = 0; h < layer.W.rows(); ++h) {
      start_chain(n_.weight(l, h, 0));
      const std::size_t first = chains_.size() - 1;
      Term total{ids::partial(ids::E_total, out_id(l, h)), "dE_dout_hidden"};
      total.kind = Kind::sum;
      total.symbol = tex::partial(tex::E_total, out_sym(l, h));
      total.nodes = {node(l, h)};
      const std::string h_out_sym = out_sym(l, h);
      for (Eigen::Index k = 0; k < above.W.rows(); ++k) {
        const std::size_t delta = ensure_delta(l + 1, k);
        Term w{ids::partial(net_id(l + 1, k), out_id(l, h)), "dnet_dout"};
        w.kind = Kind::local;
        w.symbol = tex::partial(net_sym(l + 1, k), h_out_sym);
        w.formula = n_.weight_tex(l + 1, k, h);
        const TexArg& w_text = weight_text(l + 1, k, h);
        w.numbers = w_text.term;
        w.value = above.W(k, h);
        w.nodes = {node(l, h), node(l + 1, k)};
        w.edges = {n_.weight(l + 1, k, h)};
        w.notes = {"note.original_weight"};
        const std::string w_symbol = w.symbol;
        std::vector<std::string> w_nodes = w.nodes, w_edges = w.edges;
        const std::size_t w_at = add(std::move(w));
        if (paths) {
          Term p{ids::partial(ids::error(node(l + 1, k)), out_id(l, h)), "dE_dout_path"};
          p.kind = Kind::product;
          p.symbol = tex::partial(E_sym(k), h_out_sym);
          p.formula = term(delta).symbol + tex::cdot + w_symbol;
          p.numbers = delta_text_[l + 1][at(k)].factor + tex::cdot + w_text.factor;
          p.value = b_.delta[l + 1][k] * above.W(k, h);
          p.nodes = std::move(w_nodes);
          p.edges = std::move(w_edges);
          p.deps = {delta, w_at};
          total.add_summand(p.symbol, fac(p.value));
          total.deps.push_back(add(std::move(p)));
        } else {
          total.add_summand(term(delta).symbol + tex::cdot + w_symbol,
                            delta_text_[l + 1][at(k)].factor + tex::cdot + w_text.factor);
          total.deps.push_back(delta);
          total.deps.push_back(w_at);
        }
        total.nodes.push_back(node(l + 1, k));
        total.edges.push_back(n_.weight(l + 1, k, h));
      }
      total.value = b_.dE_dout[l][h];
      const std::string up_tex_first = total.symbol;
      const double total_value = total.value;
      const std::size_t total_at = dE_dout_[l][at(h)] = add(std::move(total));

      const std::size_t local = add_dout_dnet(l, h);

      const std::vector<std::size_t> upstream{total_at, local};
      const std::string up_tex = up_tex_first + tex::cdot + term(local).symbol;
      const std::string up_numbers = fac(total_value) + tex::cdot + fac(term(local).value);
      for (Eigen::Index i = 0; i < layer.W.cols(); ++i) {
        if (i > 0) {
          start_chain(n_.weight(l, h, i));
          // The first weight's chain without its own dnet/dw, dE_total/dw and update.
          const std::vector<std::size_t>& shared = chains_[first].terms;
          for (std::size_t t = 0; t + 3 < shared.size(); ++t) use(shared[t]);
        }
        weight_terms(l, h, i, upstream, up_tex, up_numbers);
      }
    }
    if (l == 1) break;
  }
}

void Builder::bias_phase() {
  phase_ = Phase::bias;
  for (std::size_t l = 1; l <= L_; ++l) {
    const Layer& layer = c_.network.layers[l - 1];
    const Eigen::Index count = c_.network.shared_bias ? 1 : layer.b.size();
    for (Eigen::Index j = 0; j < count; ++j) {
      const std::string b = n_.bias(l, j), b_tex = n_.bias_tex(l, j);
      start_chain(b);
      Term grad{ids::gradient(b), "bias"};
      grad.kind = c_.network.shared_bias ? Kind::sum : Kind::product;
      grad.symbol = tex::partial(tex::E_total, b_tex);
      grad.edges = {b};
      const Eigen::Index from = c_.network.shared_bias ? 0 : j, to = c_.network.shared_bias ? layer.b.size() : j + 1;
      for (Eigen::Index m = from; m < to; ++m) {
        const Tex d = delta_factor(l, m, grad.deps);
        grad.add_summand(d.formula + tex::cdot + tex::partial(net_sym(l, m), b_tex), d.numbers + tex::cdot + "1");
        grad.nodes.push_back(node(l, m));
      }
      for (std::size_t dep : grad.deps) use(dep);
      grad.value = c_.network.shared_bias ? shared_bias_gradient(b_.db[l]) : b_.db[l][j];
      grad.notes.push_back(c_.network.shared_bias ? "note.shared_bias" : "note.bias_per_neuron");
      if (!c_.train_biases) grad.notes.push_back("note.bias_frozen");
      const std::vector<std::string> grad_nodes = c_.train_biases ? grad.nodes : std::vector<std::string>{};
      const std::string grad_symbol = grad.symbol;
      const double grad_value = grad.value;
      const std::size_t grad_at = add(std::move(grad));
      if (c_.train_biases) {
        Term update{ids::updated(b), "update"};
        update.kind = Kind::update;
        update.symbol = b_tex + "^{+}";
        update.formula = b_tex + " - \\eta" + tex::cdot + grad_symbol;
        update.numbers = num(layer.b[j]) + " - " + lr_text_.term + tex::cdot + fac(grad_value);
        update.value = layer.b[j] - c_.learning_rate * grad_value;
        update.nodes = grad_nodes;
        update.edges = {b};
        update.deps = {grad_at};
        add(std::move(update));
      }
    }
  }
}

}  // namespace bp::detail
