// PyTorch's loss functions on a batch, each with its gradient with respect
// to its input (the prediction, or the logits), written as torch 1.13
// computes them in float64 so the digits agree.
//
// N is the number of elements (or, for cross-entropy, of samples); reduction
// "mean" divides by N, "sum" does not.
#pragma once

#include <Eigen/Core>
#include <string>
#include <vector>

namespace bp {

enum class Reduction { mean, sum };

struct LossResult {
  double value = 0;
  Eigen::MatrixXd grad;  // the shape of the input
};

// MSE = 1/N sum (x - y)^2;                      d/dx = 2/N (x - y)
LossResult mse_loss(const Eigen::VectorXd& x, const Eigen::VectorXd& y, Reduction r);

// MAE (L1) = 1/N sum |x - y|;                   d/dx = 1/N sign(x - y), 0 at 0
LossResult l1_loss(const Eigen::VectorXd& x, const Eigen::VectorXd& y, Reduction r);

// SmoothL1_beta, z = |x - y|: 0.5 z^2 / beta if z < beta, else z - 0.5 beta
//   d/dx = 1/N (x - y) / beta inside, 1/N sign(x - y) outside
LossResult smooth_l1_loss(const Eigen::VectorXd& x, const Eigen::VectorXd& y, double beta, Reduction r);

// Huber_delta, z = |x - y|: 0.5 z^2 if z < delta, else delta (z - 0.5 delta)
//   Huber_delta = delta * SmoothL1_beta with beta = delta
LossResult huber_loss(const Eigen::VectorXd& x, const Eigen::VectorXd& y, double delta, Reduction r);

// BCE on probabilities p in [0, 1]:
//   -1/N sum [y max(log p, -100) + (1 - y) max(log(1 - p), -100)]
//   d/dp = 1/N (p - y) / max(p (1 - p), 1e-12f)   (torch's float epsilon)
LossResult binary_cross_entropy(const Eigen::VectorXd& p, const Eigen::VectorXd& y, Reduction r);

// BCE on logits z, with the log-sum-exp trick (m = max(-z, 0)):
//   1/N sum [(1 - y) z + m + log(e^-m + e^(-z - m))]
//   d/dz = 1/N (sigmoid(z) - y)
LossResult binary_cross_entropy_with_logits(const Eigen::VectorXd& z, const Eigen::VectorXd& y, Reduction r);

// Cross-entropy of logits Z (N x C) with class probabilities Q (N x C),
// smoothed as q = (1 - s) q + s / C:
//   1/N sum_n -sum_c q_nc log softmax(z_n)_c,   log softmax(z)_c = z_c - max - log sum_k e^(z_k - max)
//   d/dz = 1/N (softmax(z_n) sum_c q_nc - q_n), which is softmax - q when q sums to 1
LossResult cross_entropy(const Eigen::MatrixXd& Z, const Eigen::MatrixXd& Q, double label_smoothing, Reduction r);

// Class indices as one-hot probabilities.
Eigen::MatrixXd one_hot(const std::vector<long>& classes, Eigen::Index C);

// softmax of each row.
Eigen::MatrixXd softmax_rows(const Eigen::MatrixXd& Z);

}  // namespace bp
