#include "trace/trace_builder.hpp"

// The backward pass: the output layer, the hidden layers, the biases.
namespace bp::detail {

void Builder::weight_terms(std::size_t l, Eigen::Index j, Eigen::Index i, const std::vector<std::size_t>& upstream,
                           const std::vector<FormulaId>& upstream_factors) {
  const std::string w = n_.weight(l, j, i);
  const FormulaId w_sym = weight_sym(l, j, i);
  const std::string to = node(l, j), from = node(l - 1, i);

  Term local{ids::partial(net_id(l, j), w), "dnet_dw"};
  local.kind = Kind::local;
  local.symbol = fx_.partial(net_sym(l, j), w_sym);
  local.formula = out_leaf(l - 1, i, As::term);
  local.value = f_.out[l - 1][i];
  local.nodes = {from, to};
  local.edges = {w};
  if (l > 1) local.deps = {out_[l - 1][at(i)]};
  const FormulaId local_symbol = local.symbol;
  const std::size_t local_at = add(std::move(local));

  Term grad{ids::gradient(w), "dE_dw"};
  grad.kind = Kind::product;
  grad.symbol = fx_.partial(E_total_sym_, w_sym);
  grad.formula = fx_.product(upstream_factors, fx_.leaf(local_symbol, out_num_[l - 1][at(i)]));
  grad.value = b_.dW[l](j, i);
  grad.nodes = {from, to};
  grad.edges = {w};
  grad.deps = upstream;
  grad.deps.push_back(local_at);

  Term update{ids::updated(w), "update"};
  update.kind = Kind::update;
  update.symbol = fx_.updated(w_sym);
  const double old = c_.network.layers[l - 1].W(j, i);
  update.formula = fx_.minus(weight_leaf(l, j, i, As::term), fx_.product(lr_, fx_.leaf(grad.symbol, grad.value)));
  update.value = old - c_.learning_rate * grad.value;
  update.nodes = {from, to};
  update.edges = {w};
  update.deps = {add(std::move(grad))};
  add(std::move(update));
}

std::size_t Builder::add_dout_dnet(std::size_t l, Eigen::Index j) {
  Term local{ids::partial(out_id(l, j), net_id(l, j)), "dout_dnet"};
  local.kind = Kind::local;
  local.symbol = fx_.partial(out_sym(l, j), net_sym(l, j));
  local.formula = fx_.activation_derivative(c_.network.layers[l - 1].activation, net_leaf(l, j), out_leaf(l, j));
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
    t.symbol = fx_.partial(E_total_sym_, out_sym(l, k));
    t.formula = loss_formula(Formulas::LossFormula::gradient, k, f_.out[l][k], out_sym(l, k));
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
    std::vector<FormulaId> up_factors;
    if (softmax_) {
      for (Eigen::Index m = 0; m < K; ++m) {
        if (k == 0) add_dE_dout(m); else use(dE_dout_[l][at(m)]);
      }
      Term delta{delta_id(l, k), "delta"};
      delta.symbol = delta_sym(l, k);
      delta.nodes = {node(l, k)};
      std::vector<FormulaId> summands;
      for (Eigen::Index m = 0; m < K; ++m) {
        // d out_m / d net_k = out_m (1[m = k] - out_k)
        Term jac{ids::partial(out_id(l, m), net_id(l, k)), "jacobian"};
        jac.kind = Kind::local;
        jac.symbol = fx_.partial(out_sym(l, m), net_sym(l, k));
        const double om = f_.out[l][m], ok = f_.out[l][k];
        if (m == k) {
          jac.formula = fx_.times_one_minus(out_leaf(l, k));
          jac.value = ok * (1 - ok);
        } else {
          jac.formula = fx_.negate(fx_.product(out_leaf(l, m), out_leaf(l, k)));
          jac.value = -om * ok;
        }
        jac.nodes = {node(l, m), node(l, k)};
        jac.deps = {out_[l][at(m)], out_[l][at(k)]};
        const FormulaId dE_factor = fx_.leaf(term(dE_dout_[l][at(m)]).symbol, b_.dE_dout_output[m]);
        summands.push_back(fx_.product(dE_factor, fx_.leaf(jac.symbol, jac.value)));
        delta.deps.push_back(dE_dout_[l][at(m)]);
        delta.deps.push_back(add(std::move(jac)));
        delta.nodes.push_back(node(l, m));
      }
      delta.formula = fx_.sum(summands);
      if (c_.loss.kind == LossKind::ce) {
        delta.kind = Kind::simplification;
        const FormulaId simple = loss_formula(Formulas::LossFormula::delta, k, f_.out[l][k], out_sym(l, k));
        delta.formula = fx_.simplifies(delta.formula, simple);
        delta.notes = {"note.softmax_ce_simplification"};
      } else {
        delta.kind = Kind::sum;
      }
      delta.value = b_.delta[l][k];
      up_factors = {fx_.leaf(delta.symbol, delta.value)};
      delta_[l][at(k)] = add(std::move(delta));
      upstream = {delta_[l][at(k)]};
    } else {
      add_dE_dout(k);
      const std::size_t dE = dE_dout_[l][at(k)];
      const std::size_t local = add_dout_dnet(l, k);
      if (layer.activation == Activation::sigmoid && c_.loss.kind == LossKind::bce) {
        Term t{ids::partial(ids::E_total, net_id(l, k)), "simplification"};
        t.kind = Kind::simplification;
        t.symbol = fx_.partial(E_total_sym_, net_sym(l, k));
        t.formula = fx_.simplifies(fx_.product(term_leaf(dE), term_leaf(local)),
                                   loss_formula(Formulas::LossFormula::delta, k, f_.out[l][k], out_sym(l, k)));
        t.value = simplified_delta(c_.loss, f_.out[l][k], c_.targets[k], static_cast<long>(c_.targets.size()));
        t.nodes = {node(l, k)};
        t.deps = {dE, local};
        t.notes = {"note.sigmoid_bce_simplification"};
        add(std::move(t));
      }
      upstream = {dE, local};
      up_factors = {fx_.leaf(term(dE).symbol, b_.dE_dout_output[k]), term_leaf(local)};
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
      weight_terms(l, k, i, upstream, up_factors);
    }
  }
}

void Builder::delta_factor(std::size_t l, Eigen::Index j, std::vector<std::size_t>& deps,
                           std::vector<FormulaId>& factors) {
  const std::size_t delta = delta_[l][at(j)];
  if (delta != none) {
    deps.push_back(delta);
    factors.push_back(term_leaf(delta));
    return;
  }
  const std::size_t dE = dE_dout_[l][at(j)], local = dout_dnet_[l][at(j)];
  deps.push_back(dE);
  deps.push_back(local);
  factors.push_back(term_leaf(dE));
  factors.push_back(term_leaf(local));
}

std::size_t Builder::ensure_delta(std::size_t l, Eigen::Index j) {
  if (delta_[l][at(j)] != none) {
    use(delta_[l][at(j)]);
    return delta_[l][at(j)];
  }
  Term d{delta_id(l, j), "delta"};
  d.kind = Kind::product;
  d.symbol = delta_sym(l, j);
  std::vector<FormulaId> factors;
  delta_factor(l, j, d.deps, factors);
  d.formula = fx_.product(factors);
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
      total.symbol = fx_.partial(E_total_sym_, out_sym(l, h));
      total.nodes = {node(l, h)};
      const FormulaId h_out_sym = out_sym(l, h);
      std::vector<FormulaId> summands;
      for (Eigen::Index k = 0; k < above.W.rows(); ++k) {
        const std::size_t delta = ensure_delta(l + 1, k);
        Term w{ids::partial(net_id(l + 1, k), out_id(l, h)), "dnet_dout"};
        w.kind = Kind::local;
        w.symbol = fx_.partial(net_sym(l + 1, k), h_out_sym);
        w.formula = weight_leaf(l + 1, k, h, As::term);
        w.value = above.W(k, h);
        w.nodes = {node(l, h), node(l + 1, k)};
        w.edges = {n_.weight(l + 1, k, h)};
        w.notes = {"note.original_weight"};
        const FormulaId w_factor = fx_.leaf(w.symbol, weight_num_[l + 1][weight_at(l + 1, k, h)]);
        const FormulaId d_factor = fx_.leaf(term(delta).symbol, delta_num_[l + 1][at(k)]);
        std::vector<std::string> w_nodes = w.nodes, w_edges = w.edges;
        const std::size_t w_at = add(std::move(w));
        if (paths) {
          Term p{ids::partial(ids::error(node(l + 1, k)), out_id(l, h)), "dE_dout_path"};
          p.kind = Kind::product;
          p.symbol = fx_.partial(E_sym(k), h_out_sym);
          p.formula = fx_.product(d_factor, w_factor);
          p.value = b_.delta[l + 1][k] * above.W(k, h);
          p.nodes = std::move(w_nodes);
          p.edges = std::move(w_edges);
          p.deps = {delta, w_at};
          summands.push_back(fx_.leaf(p.symbol, p.value));
          total.deps.push_back(add(std::move(p)));
        } else {
          summands.push_back(fx_.product(d_factor, w_factor));
          total.deps.push_back(delta);
          total.deps.push_back(w_at);
        }
        total.nodes.push_back(node(l + 1, k));
        total.edges.push_back(n_.weight(l + 1, k, h));
      }
      total.formula = fx_.sum(summands);
      total.value = b_.dE_dout[l][h];
      const std::size_t total_at = dE_dout_[l][at(h)] = add(std::move(total));

      const std::size_t local = add_dout_dnet(l, h);

      const std::vector<std::size_t> upstream{total_at, local};
      const std::vector<FormulaId> up_factors{term_leaf(total_at), term_leaf(local)};
      for (Eigen::Index i = 0; i < layer.W.cols(); ++i) {
        if (i > 0) {
          start_chain(n_.weight(l, h, i));
          // The first weight's chain without its own dnet/dw, dE_total/dw and update.
          const std::vector<std::size_t>& shared = chains_[first].terms;
          for (std::size_t t = 0; t + 3 < shared.size(); ++t) use(shared[t]);
        }
        weight_terms(l, h, i, upstream, up_factors);
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
      const std::string b = n_.bias(l, j);
      const FormulaId b_sym = fx_.symbol(n_.bias_tex(l, j), b);
      start_chain(b);
      Term grad{ids::gradient(b), "bias"};
      grad.kind = c_.network.shared_bias ? Kind::sum : Kind::product;
      grad.symbol = fx_.partial(E_total_sym_, b_sym);
      std::vector<FormulaId> summands, factors;
      grad.edges = {b};
      const Eigen::Index from = c_.network.shared_bias ? 0 : j, to = c_.network.shared_bias ? layer.b.size() : j + 1;
      for (Eigen::Index m = from; m < to; ++m) {
        factors.clear();
        delta_factor(l, m, grad.deps, factors);
        factors.push_back(fx_.leaf(fx_.partial(net_sym(l, m), b_sym), 1.0));
        summands.push_back(fx_.product(factors));
        grad.nodes.push_back(node(l, m));
      }
      grad.formula = fx_.sum(summands);
      for (std::size_t dep : grad.deps) use(dep);
      grad.value = c_.network.shared_bias ? shared_bias_gradient(b_.db[l]) : b_.db[l][j];
      grad.notes.push_back(c_.network.shared_bias ? "note.shared_bias" : "note.bias_per_neuron");
      if (!c_.train_biases) grad.notes.push_back("note.bias_frozen");
      const std::vector<std::string> grad_nodes = c_.train_biases ? grad.nodes : std::vector<std::string>{};
      const FormulaId grad_symbol = grad.symbol;
      const double grad_value = grad.value;
      const std::size_t grad_at = add(std::move(grad));
      if (c_.train_biases) {
        Term update{ids::updated(b), "update"};
        update.kind = Kind::update;
        update.symbol = fx_.updated(b_sym);
        update.formula =
            fx_.minus(fx_.leaf(b_sym, layer.b[j], As::term), fx_.product(lr_, fx_.leaf(grad_symbol, grad_value)));
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
