#include "losses/loss_functions.hpp"

#include "losses/loss_elements.hpp"

#include <algorithm>
#include <cmath>

namespace bp {

namespace {

double norm(Reduction r, Eigen::Index n) { return r == Reduction::mean ? 1.0 / static_cast<double>(n) : 1.0; }

// sum, then divided by N for the mean.
double reduce(const Eigen::VectorXd& terms, Reduction r) {
  double s = 0;
  for (Eigen::Index i = 0; i < terms.size(); ++i) s += terms[i];
  return r == Reduction::mean ? s / static_cast<double>(terms.size()) : s;
}

// A loss that is a sum of one term per element: term(x_i, y_i), and
// grad(x_i, y_i, k), its derivative in x_i scaled by k (1/N for the mean, 1 for the sum).
template <class Term, class Grad>
LossResult elementwise(const Eigen::VectorXd& x, const Eigen::VectorXd& y, Reduction r, Term term, Grad grad) {
  const Eigen::Index n = x.size();
  Eigen::VectorXd terms(n), g(n);
  const double k = norm(r, n);
  for (Eigen::Index i = 0; i < n; ++i) {
    terms[i] = term(x[i], y[i]);
    g[i] = grad(x[i], y[i], k);
  }
  return {reduce(terms, r), g};
}

}  // namespace

LossResult mse_loss(const Eigen::VectorXd& x, const Eigen::VectorXd& y, Reduction r) {
  return elementwise(x, y, r, [](double a, double b) { return element::squared(a - b); },
                     [](double a, double b, double k) { return element::squared_grad(a - b, k); });
}

LossResult l1_loss(const Eigen::VectorXd& x, const Eigen::VectorXd& y, Reduction r) {
  return elementwise(x, y, r, [](double a, double b) { return element::absolute(a - b); },
                     [](double a, double b, double k) { return element::absolute_grad(a - b, k); });
}

LossResult smooth_l1_loss(const Eigen::VectorXd& x, const Eigen::VectorXd& y, double beta, Reduction r) {
  return elementwise(x, y, r, [beta](double a, double b) { return element::smooth_l1(a - b, beta); },
                     [beta](double a, double b, double k) { return element::smooth_l1_grad(a - b, beta, k); });
}

LossResult huber_loss(const Eigen::VectorXd& x, const Eigen::VectorXd& y, double delta, Reduction r) {
  return elementwise(x, y, r, [delta](double a, double b) { return element::huber(a - b, delta); },
                     [delta](double a, double b, double k) { return element::huber_grad(a - b, delta, k); });
}

LossResult binary_cross_entropy(const Eigen::VectorXd& p, const Eigen::VectorXd& y, Reduction r) {
  return elementwise(p, y, r, [](double a, double b) { return element::bce(a, b); },
                     [](double a, double b, double k) { return element::bce_grad(a, b, k); });
}

LossResult binary_cross_entropy_with_logits(const Eigen::VectorXd& z, const Eigen::VectorXd& y, Reduction r) {
  return elementwise(z, y, r, [](double a, double b) { return element::bce_logits(a, b); },
                     [](double a, double b, double k) { return element::bce_logits_grad(a, b, k); });
}

Eigen::MatrixXd softmax_rows(const Eigen::MatrixXd& Z) {
  Eigen::MatrixXd S(Z.rows(), Z.cols());
  for (Eigen::Index n = 0; n < Z.rows(); ++n) {
    const double m = Z.row(n).maxCoeff();
    double sum = 0;
    for (Eigen::Index c = 0; c < Z.cols(); ++c) sum += S(n, c) = std::exp(Z(n, c) - m);
    S.row(n) /= sum;
  }
  return S;
}

LossResult cross_entropy(const Eigen::MatrixXd& Z, const Eigen::MatrixXd& Q, double label_smoothing, Reduction r) {
  const Eigen::Index N = Z.rows(), C = Z.cols();
  const double s = label_smoothing;
  Eigen::VectorXd terms(N);
  LossResult result;
  result.grad.resize(N, C);
  const Eigen::MatrixXd S = softmax_rows(Z);
  const double k = norm(r, N);
  for (Eigen::Index n = 0; n < N; ++n) {
    const double m = Z.row(n).maxCoeff();
    double sum = 0;
    for (Eigen::Index c = 0; c < C; ++c) sum += std::exp(Z(n, c) - m);
    const double log_sum = std::log(sum);
    double loss = 0, q_sum = 0;
    for (Eigen::Index c = 0; c < C; ++c) {
      const double q = s == 0.0 ? Q(n, c) : Q(n, c) * (1.0 - s) + s / static_cast<double>(C);
      const double log_softmax = Z(n, c) - m - log_sum;
      loss -= q * log_softmax;
      q_sum += q;
      result.grad(n, c) = -q;
    }
    // Through log_softmax: softmax_c sum_k q_k - q_c (= softmax - q when q sums to 1).
    for (Eigen::Index c = 0; c < C; ++c) result.grad(n, c) = (S(n, c) * q_sum + result.grad(n, c)) * k;
    terms[n] = loss;
  }
  result.value = reduce(terms, r);
  return result;
}

Eigen::MatrixXd one_hot(const std::vector<long>& classes, Eigen::Index C) {
  Eigen::MatrixXd Q = Eigen::MatrixXd::Zero(static_cast<Eigen::Index>(classes.size()), C);
  for (std::size_t n = 0; n < classes.size(); ++n) Q(static_cast<Eigen::Index>(n), classes[n]) = 1.0;
  return Q;
}

}  // namespace bp
