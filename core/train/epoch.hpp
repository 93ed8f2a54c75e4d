// One epoch of minibatch training, as a PyTorch loop over a shuffled
// DataLoader writes it:
//
//   for X, T in DataLoader(data, batch_size=B, shuffle=True):  # the last batch may be smaller
//       optimizer.zero_grad()
//       loss(model(X), T).backward()   # the mean over the batch
//       optimizer.step()
//
// The order is a seeded shuffle of the examples (epoch_order), the same
// natively and in wasm; the losses over the training and the test set after
// the epoch are computed only when asked.
//
// L1 and L2 regularization, on the weights only (not the biases), as
// TensorFlow Playground regularizes, written as a PyTorch loop adds it:
//
//   loss = data_loss + l1 * sum(W.abs().sum() for W in weights)
//                    + l2 / 2 * sum((W ** 2).sum() for W in weights)
//
// so each weight's gradient is, in the order autograd sums it,
//   dloss/dw = (l2 w + l1 sign(w)) + ddata_loss/dw      (sign(0) = 0, as torch.sign)
// and a bias's is its data loss's alone. E_train and E_test stay the data
// loss (the mean over the examples); the penalty is reported beside them.
#pragma once

#include <cstdint>
#include <vector>

#include "train/training_loop.hpp"

namespace bp {

// The examples' order for a seed: Fisher–Yates from the last index down,
// swapping i with splitmix64(seed) mod (i + 1).
std::vector<std::size_t> epoch_order(std::size_t examples, std::uint64_t seed);

struct EpochOptions {
  std::size_t batch_size = 10;
  std::uint64_t seed = 0;
  bool losses = false;  // compute the losses after the epoch
  bool losses_before = false;  // and before its first update
  // Only the batches [first_batch, first_batch + batches) of the epoch's
  // order (batches = 0: to its end): an epoch run part by part gives the
  // same bits as run whole.
  std::size_t first_batch = 0, batches = 0;
  const Dataset* test = nullptr;
  double l1 = 0, l2 = 0;  // the regularization's rates (0: none)
};

struct EpochResult {
  long updates = 0;  // batches whose update was applied
  // An update is applied only when its batch's loss, its gradient and the
  // parameters after it are all finite; the epoch stops at the first that is
  // not, keeping the state before it: stopped_at is that update (from 1), the
  // reason as stop.hpp names them: "start" (the first batch's loss),
  // "diverged" (a later batch's loss, or the parameters, overflowed) or
  // "gradient". -1 and "" when every batch's update was applied.
  long stopped_at = -1;
  std::string stop_reason;
  double E_train = 0, E_test = 0;  // when asked (the test loss when there is a test set)
  double E_train_before = 0, E_test_before = 0;  // the same before the first update, when asked
  double penalty = 0;  // when asked: l1 Σ|w| + (l2 / 2) Σ w² after the epoch
};

// The regularization's term of the loss for the parameters theta (pack()'s
// order, the first `weights` of them the weights): l1 Σ|w| + (l2 / 2) Σ w².
double penalty(const Eigen::VectorXd& theta, Eigen::Index weights, double l1, double l2);
// Adds its gradient to grad, weight by weight: g = (l2 w + l1 sign(w)) + g.
void add_penalty_gradient(const Eigen::VectorXd& theta, Eigen::Index weights, double l1, double l2,
                          Eigen::VectorXd& grad);

// The batches of an epoch of n examples, B at a time.
inline std::size_t batch_count(std::size_t n, std::size_t batch_size) { return (n + batch_size - 1) / batch_size; }

// Trains state over one epoch of s.data (or the part of it o asks for).
EpochResult run_epoch(const TrainingSetup& s, TrainingState& state, const EpochOptions& o);

// Why training blew up, in numbers: at a state (the last good one, where an
// epoch stopped), over a data set, with the epoch's l1 and l2.
//
//   g = the gradient (with the penalty's), ‖g‖ its norm;
//   Δθ = the step the optimizer would take from its state, s = ‖Δθ‖,
//        d = Δθ / s its direction;
//   the curvature along the step, λ_d = dᵀ H d, by a central difference of
//        the gradient: λ_d ≈ d · (g(θ + h d) − g(θ − h d)) / 2h;
//   overshoot = s λ_d / (2 (−g · d)): the loss's quadratic model along the
//        step, E + t (g · d) + ½ λ_d t², is back at E at t = 2 (−g · d) / λ_d;
//        above 1 the step goes past that (for SGD, overshoot = η λ_d / 2);
//   the largest curvature, λ_max, the largest eigenvalue of H by power
//        iteration on the same differences (shifted by the eigenvalue largest
//        in size when that is negative), until it changes by less than 1e-9
//        of itself or for 200 steps (SGD is stable below η = 2 / λ_max);
//   momentum_factor = s / (η ‖g‖): how much longer the step is than plain
//        descent's (1 for SGD; up to 1 / (1 − β) as momentum builds up);
//   saturated: the share of the sigmoid and tanh outputs, over every example
//        and unit, within 1e-3 of their limits (0 and 1, or −1 and 1);
//   dead ReLUs: the hidden ReLU units whose net is ≤ 0 on every example (their
//        output and its derivative are 0 there, so no gradient reaches their
//        weights and they cannot come back), of all hidden ReLU units.
struct Diagnosis {
  double E = 0;  // the data loss
  double gradient_norm = 0, step_norm = 0;
  double slope = 0;             // −g · d: how fast the loss falls along the step
  double curvature_along_step = 0, overshoot = 0;
  double largest_curvature = 0;
  double momentum_factor = 0;
  long saturated = 0, saturated_of = 0;  // outputs within 1e-3 of their limits, of all sigmoid and tanh outputs
  long dead_relu = 0, relu_units = 0;    // hidden ReLU units with net ≤ 0 on every example, of all hidden ReLU units
};
Diagnosis diagnose(const TrainingSetup& s, const TrainingState& state, double l1, double l2);

}  // namespace bp
