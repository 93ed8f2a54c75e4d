#include "nn/network.hpp"

#include "base/sized.hpp"

namespace bp {

namespace {
// a_1 b_1 + a_2 b_2 + ..., summed left to right as the page writes it, so
// the page's numbers and the core's agree to the last bit. Sizes are >= 1.
template <class A, class B>
double sum_of_products(const A& a, const B& b) {
  double s = a[0] * b[0];
  for (Eigen::Index i = 1; i < a.size(); ++i) s += a[i] * b[i];
  return s;
}
}  // namespace

Eigen::Index Network::weight_count() const {
  Eigen::Index count = 0;
  for (const auto& layer : layers) count += layer.W.size();
  return count;
}

Eigen::Index Network::bias_count() const {
  if (shared_bias) return static_cast<Eigen::Index>(layers.size());
  Eigen::Index count = 0;
  for (const auto& layer : layers) count += layer.b.size();
  return count;
}

void forward(const Network& n, const Loss& loss, const Eigen::VectorXd& x, const Eigen::VectorXd& target,
             Forward& f, bool terms) {
  const std::size_t L = n.layers.size();
  f.net.resize(L + 1);
  f.out.resize(L + 1);
  copy_into(f.out[0], x);
  for (std::size_t l = 1; l <= L; ++l) {
    const Layer& layer = n.layers[l - 1];
    // net_h1 = w1 i1 + w2 i2 + b1
    Eigen::VectorXd& net = f.net[l];
    fit(net, layer.W.rows());
    for (Eigen::Index j = 0; j < layer.W.rows(); ++j) {
      net[j] = sum_of_products(layer.W.row(j), f.out[l - 1]) + layer.b[j];
    }
    activate(layer.activation, net, f.out[l]);
  }
  if (L > 0 && n.layers.back().activation == Activation::softmax) {
    const Eigen::VectorXd& z = f.net[L];
    const double m = z.maxCoeff();
    f.log_out = (z.array() - m - std::log((z.array() - m).exp().sum())).matrix();
  } else {
    fit(f.log_out, 0);
  }
  if (terms) loss_terms(loss, f.out[L], target, f.log_out, f.E);
  f.E_sum = raw_loss_sum(loss, f.out[L], target, f.log_out);
  f.E_total = reduce_loss(loss, f.E_sum, f.out[L].size(), 1);
}

Forward forward(const Network& n, const Loss& loss, const Eigen::VectorXd& x, const Eigen::VectorXd& target) {
  Forward f;
  forward(n, loss, x, target, f);
  return f;
}

void backward(const Network& n, const Loss& loss, const Forward& f, const Eigen::VectorXd& target, Backward& b,
              bool local_derivatives) {
  const std::size_t L = n.layers.size();
  b.dout_dnet.resize(L + 1);
  b.dE_dout.resize(L + 1);
  b.delta.resize(L + 1);
  b.dW.resize(L + 1);
  b.db.resize(L + 1);

  const Layer& top = n.layers.back();
  loss_gradient(loss, f.out[L], target, b.dE_dout_output);
  copy_into(b.dE_dout[L], b.dE_dout_output);
  if (top.activation == Activation::softmax) {
    if (loss.kind == LossKind::ce) {
      // The simplification: dE_total/dnet = out - q.
      fit(b.delta[L], f.out[L].size());
      for (Eigen::Index k = 0; k < f.out[L].size(); ++k) b.delta[L][k] = f.out[L][k] - smoothed(loss, target[k], target.size());
    } else {
      softmax_backward(f.out[L], b.dE_dout_output, b.delta[L]);
    }
  } else {
    if (local_derivatives) activation_derivative(top.activation, f.net[L], f.out[L], b.dout_dnet[L]);
    activation_backward(top.activation, f.net[L], f.out[L], b.dE_dout_output, b.delta[L]);
  }

  for (std::size_t l = L; l >= 1; --l) {
    // dE_total/dw = delta_to * out_from
    const Eigen::VectorXd& delta = b.delta[l];
    const Eigen::VectorXd& in = f.out[l - 1];
    fit(b.dW[l], delta.size(), in.size());
    for (Eigen::Index i = 0; i < in.size(); ++i) {
      for (Eigen::Index j = 0; j < delta.size(); ++j) b.dW[l](j, i) = delta[j] * in[i];
    }
    copy_into(b.db[l], delta);
    if (l == 1) break;
    const Layer& above = n.layers[l - 1];
    const Layer& layer = n.layers[l - 2];
    // dE_total/dout_h = sum_k delta_k w_kh, summed over k in order.
    Eigen::VectorXd& dE_dout = b.dE_dout[l - 1];
    fit(dE_dout, above.W.cols());
    for (Eigen::Index h = 0; h < above.W.cols(); ++h) {
      dE_dout[h] = sum_of_products(b.delta[l], above.W.col(h));
    }
    if (local_derivatives) activation_derivative(layer.activation, f.net[l - 1], f.out[l - 1], b.dout_dnet[l - 1]);
    activation_backward(layer.activation, f.net[l - 1], f.out[l - 1], dE_dout, b.delta[l - 1]);
  }
}

Backward backward(const Network& n, const Loss& loss, const Forward& f, const Eigen::VectorXd& target) {
  Backward b;
  backward(n, loss, f, target, b);
  return b;
}

double shared_bias_gradient(const Eigen::VectorXd& db) {
  double s = db[0];
  for (Eigen::Index j = 1; j < db.size(); ++j) s += db[j];
  return s;
}

}  // namespace bp
