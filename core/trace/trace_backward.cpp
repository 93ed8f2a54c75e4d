#include "trace/trace_builder.hpp"

// The backward pass: the output layer, the hidden layers, the biases.
namespace bp::detail {

void Builder::weight_terms(std::size_t l, Eigen::Index j, Eigen::Index i, const std::vector<std::string>& upstream,
                           const std::string& upstream_tex, const std::string& upstream_numbers) {
  const std::string w = n_.weight(l, j, i), w_tex = n_.weight_tex(l, j, i);
  const std::string to = node(l, j), from = node(l - 1, i);

  Term local{"dnet_" + to + "/d" + w, "dnet_dw"};
  local.kind = "local";
  local.symbol = tex::partial(net_sym(l, j), w_tex);
  local.formula = out_sym(l - 1, i);
  local.numbers = num(f_.out[l - 1][i]);
  local.value = f_.out[l - 1][i];
  local.nodes = {from, to};
  local.edges = {w};
  if (l > 1) local.deps = {out_id(l - 1, i)};
  add(local);

  Term grad{"dE_total/d" + w, "dE_dw"};
  grad.kind = "product";
  grad.symbol = tex::partial(tex::E_total, w_tex);
  grad.formula = upstream_tex + tex::cdot + local.symbol;
  grad.numbers = upstream_numbers + tex::cdot + fac(local.value);
  grad.value = b_.dW[l](j, i);
  grad.nodes = {from, to};
  grad.edges = {w};
  grad.deps = upstream;
  grad.deps.push_back(local.id);
  add(grad);

  Term update{w + "+", "update"};
  update.kind = "update";
  update.symbol = w_tex + "^{+}";
  update.formula = w_tex + " - \\eta" + tex::cdot + grad.symbol;
  const double old = c_.network.layers[l - 1].W(j, i);
  update.numbers = num(old) + " - " + num(c_.learning_rate) + tex::cdot + fac(grad.value);
  update.value = old - c_.learning_rate * grad.value;
  update.nodes = {from, to};
  update.edges = {w};
  update.deps = {grad.id};
  add(update);
}

Term Builder::add_dout_dnet(std::size_t l, Eigen::Index j) {
  Term local{"dout_" + node(l, j) + "/dnet_" + node(l, j), "dout_dnet"};
  local.kind = "local";
  local.symbol = tex::partial(out_sym(l, j), net_sym(l, j));
  const Tex d = activation_derivative_tex(c_.network.layers[l - 1].activation, net_sym(l, j), out_sym(l, j),
                                          f_.net[l][j], f_.out[l][j], digits_);
  local.formula = d.formula;
  local.numbers = d.numbers;
  local.value = b_.dout_dnet[l][j];
  local.nodes = {node(l, j)};
  local.deps = {out_id(l, j)};
  return add(local);
}

void Builder::output_phase() {
  phase_ = "output";
  const std::size_t l = L_;
  const Layer& layer = c_.network.layers[l - 1];
  const Eigen::Index K = layer.W.rows();
  auto dE_dout_id = [&](Eigen::Index k) { return "dE_total/dout_" + node(l, k); };
  auto add_dE_dout = [&](Eigen::Index k) {
    Term t{dE_dout_id(k), "dE_dout"};
    t.kind = "local";
    t.symbol = tex::partial(tex::E_total, out_sym(l, k));
    const Tex g = loss_gradient_tex(c_.loss, loss_symbols(k, f_.out[l][k], out_sym(l, k)), digits_);
    t.formula = g.formula;
    t.numbers = g.numbers;
    t.value = b_.dE_dout_output[k];
    t.nodes = {node(l, k)};
    t.deps = {out_id(l, k)};
    if (c_.loss.kind == LossKind::mse) {
      t.notes.push_back("note.mse_gradient");
      if (K == 2) t.notes.push_back("note.mse_gradient_two_outputs");
    }
    add(t);
  };

  for (Eigen::Index k = 0; k < K; ++k) {
    start_chain(n_.weight(l, k, 0));
    std::vector<std::string> upstream;
    std::string up_tex, up_numbers;
    if (softmax_) {
      for (Eigen::Index m = 0; m < K; ++m) {
        if (k == 0) add_dE_dout(m); else use(dE_dout_id(m));
      }
      Term delta{delta_id(l, k), "delta"};
      delta.symbol = delta_sym(l, k);
      delta.nodes = {node(l, k)};
      for (Eigen::Index m = 0; m < K; ++m) {
        // d out_m / d net_k = out_m (1[m = k] - out_k)
        Term jac{"dout_" + node(l, m) + "/dnet_" + node(l, k), "jacobian"};
        jac.kind = "local";
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
        jac.deps = {out_id(l, m), out_id(l, k)};
        add(jac);
        delta.add_summand(term(dE_dout_id(m)).symbol + tex::cdot + jac.symbol,
                          fac(b_.dE_dout_output[m]) + tex::cdot + fac(jac.value));
        delta.deps.push_back(dE_dout_id(m));
        delta.deps.push_back(jac.id);
        delta.nodes.push_back(node(l, m));
      }
      if (c_.loss.kind == LossKind::ce) {
        const Tex s = simplified_delta_tex(c_.loss, loss_symbols(k, f_.out[l][k], out_sym(l, k)), digits_);
        delta.kind = "simplification";
        delta.formula += " = " + s.formula;
        delta.formula_lines.push_back("= " + s.formula);
        delta.numbers = s.numbers;
        delta.numbers_lines.clear();
        delta.notes = {"note.softmax_ce_simplification"};
      } else {
        delta.kind = "sum";
      }
      delta.value = b_.delta[l][k];
      add(delta);
      upstream = {delta.id};
      up_tex = delta.symbol;
      up_numbers = fac(delta.value);
    } else {
      add_dE_dout(k);
      const Term local = add_dout_dnet(l, k);
      if (layer.activation == Activation::sigmoid && c_.loss.kind == LossKind::bce) {
        const LossSymbols s = loss_symbols(k, f_.out[l][k], out_sym(l, k));
        const Tex simple = simplified_delta_tex(c_.loss, s, digits_);
        Term t{"dE_total/dnet_" + node(l, k), "simplification"};
        t.kind = "simplification";
        t.symbol = tex::partial(tex::E_total, net_sym(l, k));
        t.formula = term(dE_dout_id(k)).symbol + tex::cdot + local.symbol + " = " + simple.formula;
        t.numbers = simple.numbers;
        t.value = simplified_delta(c_.loss, s);
        t.nodes = {node(l, k)};
        t.deps = {dE_dout_id(k), local.id};
        t.notes = {"note.sigmoid_bce_simplification"};
        add(t);
      }
      upstream = {dE_dout_id(k), local.id};
      up_tex = term(dE_dout_id(k)).symbol + tex::cdot + local.symbol;
      up_numbers = fac(b_.dE_dout_output[k]) + tex::cdot + fac(local.value);
    }
    for (Eigen::Index i = 0; i < layer.W.cols(); ++i) {
      if (i > 0) {
        start_chain(n_.weight(l, k, i));
        for (const Term& t : terms_) {
          if (t.param == n_.weight(l, k, 0) && t.id.rfind("dnet_", 0) != 0 && t.kind != "product" &&
              t.kind != "update") {
            use(t.id);
          }
        }
      }
      weight_terms(l, k, i, upstream, up_tex, up_numbers);
    }
  }
}

Tex Builder::delta_factor(std::size_t l, Eigen::Index j, std::vector<std::string>& deps) const {
  const std::string id = delta_id(l, j);
  if (has(id)) {
    deps.push_back(id);
    return {term(id).symbol, fac(term(id).value)};
  }
  const std::string dE = "dE_total/dout_" + node(l, j), local = "dout_" + node(l, j) + "/dnet_" + node(l, j);
  deps.push_back(dE);
  deps.push_back(local);
  return {term(dE).symbol + tex::cdot + term(local).symbol, fac(term(dE).value) + tex::cdot + fac(term(local).value)};
}

std::string Builder::ensure_delta(std::size_t l, Eigen::Index j) {
  const std::string id = delta_id(l, j);
  if (has(id)) {
    use(id);
    return id;
  }
  Term d{id, "delta"};
  d.kind = "product";
  d.symbol = delta_sym(l, j);
  const Tex f = delta_factor(l, j, d.deps);
  d.formula = f.formula;
  d.numbers = f.numbers;
  d.value = b_.delta[l][j];
  d.nodes = {node(l, j)};
  for (const auto& dep : d.deps) use(dep);
  add(d);
  return id;
}

void Builder::hidden_phase() {
  phase_ = "hidden";
  for (std::size_t l = L_ - 1; l >= 1; --l) {
    const Layer& layer = c_.network.layers[l - 1];
    const Layer& above = c_.network.layers[l];
    // Per-path products dE_o1/dout_h1 where the layer above is the output layer.
    const bool paths = l + 1 == L_ && !softmax_;
    for (Eigen::Index h = 0; h < layer.W.rows(); ++h) {
      start_chain(n_.weight(l, h, 0));
      Term total{"dE_total/dout_" + node(l, h), "dE_dout_hidden"};
      total.kind = "sum";
      total.symbol = tex::partial(tex::E_total, out_sym(l, h));
      total.nodes = {node(l, h)};
      for (Eigen::Index k = 0; k < above.W.rows(); ++k) {
        const std::string delta = ensure_delta(l + 1, k);
        Term w{"dnet_" + node(l + 1, k) + "/dout_" + node(l, h), "dnet_dout"};
        w.kind = "local";
        w.symbol = tex::partial(net_sym(l + 1, k), out_sym(l, h));
        w.formula = n_.weight_tex(l + 1, k, h);
        w.numbers = num(above.W(k, h));
        w.value = above.W(k, h);
        w.nodes = {node(l, h), node(l + 1, k)};
        w.edges = {n_.weight(l + 1, k, h)};
        w.notes = {"note.original_weight"};
        add(w);
        if (paths) {
          Term p{"dE_" + node(l + 1, k) + "/dout_" + node(l, h), "dE_dout_path"};
          p.kind = "product";
          p.symbol = tex::partial(E_sym(k), out_sym(l, h));
          p.formula = term(delta).symbol + tex::cdot + w.symbol;
          p.numbers = fac(term(delta).value) + tex::cdot + fac(w.value);
          p.value = b_.delta[l + 1][k] * above.W(k, h);
          p.nodes = w.nodes;
          p.edges = w.edges;
          p.deps = {delta, w.id};
          add(p);
          total.add_summand(p.symbol, fac(p.value));
          total.deps.push_back(p.id);
        } else {
          total.add_summand(term(delta).symbol + tex::cdot + w.symbol, fac(term(delta).value) + tex::cdot + fac(w.value));
          total.deps.push_back(delta);
          total.deps.push_back(w.id);
        }
        total.nodes.push_back(node(l + 1, k));
        total.edges.push_back(n_.weight(l + 1, k, h));
      }
      total.value = b_.dE_dout[l][h];
      add(total);

      const Term local = add_dout_dnet(l, h);

      const std::vector<std::string> upstream{total.id, local.id};
      const std::string up_tex = total.symbol + tex::cdot + local.symbol;
      const std::string up_numbers = fac(total.value) + tex::cdot + fac(local.value);
      const std::string first = param_;
      for (Eigen::Index i = 0; i < layer.W.cols(); ++i) {
        if (i > 0) {
          start_chain(n_.weight(l, h, i));
          const auto& first_chain = std::find_if(chains_.begin(), chains_.end(),
                                                 [&](const auto& c) { return c.first == first; })->second;
          for (const auto& id : first_chain) {
            if (id.rfind("dnet_" + node(l, h) + "/", 0) != 0 && id.rfind("dE_total/dw", 0) != 0 &&
                id.back() != '+') {
              use(id);
            }
          }
        }
        weight_terms(l, h, i, upstream, up_tex, up_numbers);
      }
    }
    if (l == 1) break;
  }
}

void Builder::bias_phase() {
  phase_ = "bias";
  for (std::size_t l = 1; l <= L_; ++l) {
    const Layer& layer = c_.network.layers[l - 1];
    const Eigen::Index count = c_.network.shared_bias ? 1 : layer.b.size();
    for (Eigen::Index j = 0; j < count; ++j) {
      const std::string b = n_.bias(l, j), b_tex = n_.bias_tex(l, j);
      start_chain(b);
      Term grad{"dE_total/d" + b, "bias"};
      grad.kind = c_.network.shared_bias ? "sum" : "product";
      grad.symbol = tex::partial(tex::E_total, b_tex);
      grad.edges = {b};
      const Eigen::Index from = c_.network.shared_bias ? 0 : j, to = c_.network.shared_bias ? layer.b.size() : j + 1;
      for (Eigen::Index m = from; m < to; ++m) {
        const Tex d = delta_factor(l, m, grad.deps);
        grad.add_summand(d.formula + tex::cdot + tex::partial(net_sym(l, m), b_tex), d.numbers + tex::cdot + "1");
        grad.nodes.push_back(node(l, m));
      }
      for (const auto& dep : grad.deps) use(dep);
      grad.value = c_.network.shared_bias ? shared_bias_gradient(b_.db[l]) : b_.db[l][j];
      grad.notes.push_back(c_.network.shared_bias ? "note.shared_bias" : "note.bias_per_neuron");
      if (!c_.train_biases) grad.notes.push_back("note.bias_frozen");
      add(grad);
      if (c_.train_biases) {
        Term update{b + "+", "update"};
        update.kind = "update";
        update.symbol = b_tex + "^{+}";
        update.formula = b_tex + " - \\eta" + tex::cdot + grad.symbol;
        update.numbers = num(layer.b[j]) + " - " + num(c_.learning_rate) + tex::cdot + fac(grad.value);
        update.value = layer.b[j] - c_.learning_rate * grad.value;
        update.nodes = grad.nodes;
        update.edges = {b};
        update.deps = {grad.id};
        add(update);
      }
    }
  }
}

}  // namespace bp::detail
