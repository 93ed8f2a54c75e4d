// Losses of the network's output for one example, each with its gradient
// dE/dout beside it. E_total is the sum of the per-output terms E_ok, so the
// trace can show E_o1, E_o2, ... and their sum.
//
// K is the number of outputs. "mean" losses divide by K, as PyTorch's
// reduction='mean' does over the elements of one example.
#pragma once

#include <Eigen/Core>
#include <string>
#include <vector>

namespace bp {

enum class LossKind { half_sse, mse, mae, smooth_l1, bce, bce_logits, ce };

struct Loss {
  LossKind kind = LossKind::half_sse;
  double beta = 1.0;             // smooth_l1 threshold, > 0
  double label_smoothing = 0.0;  // ce, in [0, 1]
};

const std::vector<std::string>& loss_names();
std::string loss_name(LossKind kind);

// E_ok for each output k:
//   half_sse:   1/2 (target_k - out_k)^2
//   mse:        1/K (target_k - out_k)^2
//   mae:        1/K |target_k - out_k|
//   smooth_l1:  1/K (0.5 x^2 / beta if |x| < beta else |x| - 0.5 beta), x = out_k - target_k
//   bce:        -1/K [t log(out_k) + (1 - t) log(1 - out_k)], each log clamped at -100
//   bce_logits: 1/K [max(z, 0) - z t + log(1 + e^(-|z|))], z = out_k (a logit),
//               computed in PyTorch's form (loss_elements.hpp)
//   ce:         -q_k log(out_k), q = (1 - s) target + s / K (label smoothing s);
//               log(out_k) taken as log_softmax(net)_k when out = softmax(net)
// `log_out` is log(out) when the caller has it exactly (softmax); else empty.
// Writes into e, reusing its storage.
void loss_terms(const Loss& loss, const Eigen::VectorXd& out, const Eigen::VectorXd& target,
                const Eigen::VectorXd& log_out, Eigen::VectorXd& e);

// The loss of a batch of N examples from the sum S of its raw terms over
// every example and output, reduced as torch 1.13 reduces it, so that it
// overflows where torch's does:
//   half_sse: 0.5 S / N, S = sum (target - out)^2     (the exported script's 0.5 * (...).sum() / N)
//   mse, mae, smooth_l1, bce, bce_logits: S / (N K), S = the sum of the unscaled terms (reduction='mean')
//   ce: S / N, S = sum_n (-sum_k q_k log out_k)
// For one example (N = 1) this is E_total; it equals sum_k E_ok exactly
// when K is a power of two and nothing overflows (else to the last bit).
double raw_loss_sum(const Loss& loss, const Eigen::VectorXd& out, const Eigen::VectorXd& target,
                    const Eigen::VectorXd& log_out);
double reduce_loss(const Loss& loss, double sum, Eigen::Index K, Eigen::Index N);

// dE_total/dout_k:
//   half_sse:   -(target_k - out_k), computed as torch's backward of
//               0.5 (target - out)^2 does: -(0.5 (2 (target_k - out_k)))
//   mse:        -2/K (target_k - out_k)
//   mae:        1/K sign(out_k - target_k)            (0 at 0, as torch.sign)
//   smooth_l1:  1/K (x / beta if |x| < beta else sign(x))
//   bce:        1/K (out_k - t) / max(out_k (1 - out_k), 1e-12f)   (PyTorch's form)
//   bce_logits: 1/K (sigmoid(z) - t)
//   ce:         -q_k / out_k
void loss_gradient(const Loss& loss, const Eigen::VectorXd& out, const Eigen::VectorXd& target, Eigen::VectorXd& g);

// ce's smoothed target q = (1 - s) t + s / K.
double smoothed(const Loss& loss, double t, Eigen::Index K);
Eigen::VectorXd smoothed_target(const Loss& loss, const Eigen::VectorXd& target);

}  // namespace bp
