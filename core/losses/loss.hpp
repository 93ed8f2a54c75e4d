// Losses of the network's output for one example: one descriptor each
// (core/losses/losses.cpp), holding everything the core says of it — its
// name, E_ok and dE/dout_k side by side in PyTorch's order of operations, its
// reduction, its parameters with their defaults and ranges, the output
// activation and targets it needs, the LaTeX of the trace and of the loss
// explorer, and the PyTorch line of the export. The network, the trace, the
// export, the config reader, the explorer's formulas and the catalog the page
// reads all follow the table; adding a loss is one entry there (and its
// strings in the page's catalogs).
//
// E_total is the sum of the per-output terms E_ok, so the trace can show
// E_o1, E_o2, ... and their sum. K is the number of outputs. "mean" losses
// divide by K, as PyTorch's reduction='mean' does over the elements of one
// example.
#pragma once

#include <Eigen/Core>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "losses/loss_functions.hpp"
#include "nn/activation.hpp"

namespace bp {

struct LossInfo;

// A handle on one entry of the table. The network's losses have constants,
// in the table's order.
class LossKind {
 public:
  constexpr explicit LossKind(std::size_t index) : index_(index) {}
  static const LossKind half_sse, mse, mae, smooth_l1, bce, bce_logits, ce;

  const LossInfo& info() const;
  const LossInfo* operator->() const { return &info(); }
  constexpr std::size_t index() const { return index_; }
  friend constexpr bool operator==(LossKind a, LossKind b) { return a.index_ == b.index_; }
  friend constexpr bool operator!=(LossKind a, LossKind b) { return a.index_ != b.index_; }

 private:
  std::size_t index_;
};

inline constexpr LossKind LossKind::half_sse{0};
inline constexpr LossKind LossKind::mse{1};
inline constexpr LossKind LossKind::mae{2};
inline constexpr LossKind LossKind::smooth_l1{3};
inline constexpr LossKind LossKind::bce{4};
inline constexpr LossKind LossKind::bce_logits{5};
inline constexpr LossKind LossKind::ce{6};

// A loss with its parameters. Each parameter's default is the table's
// (LossParameter::default_value), as PyTorch's.
struct Loss {
  LossKind kind = LossKind::half_sse;
  double beta = 1.0;             // smooth_l1 threshold, >= 0 (0: L1, as PyTorch)
  double label_smoothing = 0.0;  // ce, in [0, 1]
  double delta = 1.0;            // huber (the explorer's only), > 0
};

// One parameter of a loss, as PyTorch names it.
struct LossParameter {
  enum class Type {
    positive,      // > 0
    non_negative,  // >= 0
    unit,          // [0, 1]
  };
  std::string key;
  Type type;
  double Loss::*field;
  double default_value;
  std::string symbol;  // in the LaTeX: \beta, \varepsilon, \delta
  // A config names it even at its default (smooth_l1's beta, which the page
  // shows beside the loss).
  bool written_at_default;
};

// What a loss's LaTeX is written with: symbols, or numbers. Each formula is
// written once and called twice, so the two always agree in shape.
struct LossTex {
  std::string target, out;              // symbols, or numbers as factors
  std::vector<std::string> parameters;  // in the entry's order: symbols, or numbers
  std::string times;                    // "\," between symbols, " \cdot " between numbers
  // What the formula depends on: the branch of a piecewise loss, a clamp
  // that acts, whether label smoothing is on.
  const Loss* loss;
  double target_value, out_value;
  long K;
};

// How the sum S of the raw terms over N examples and K outputs becomes the
// loss, as torch 1.13 reduces it (so that it overflows where torch's does).
enum class LossReduction {
  half_sum,     // 0.5 S / N  (the exported script's 0.5 * (...).sum() / N)
  mean,         // S / (N K)  (reduction='mean' over every element)
  per_example,  // S / N      (cross_entropy's mean over the samples)
};

// The explorer's formulas of a batch loss, in x_i = prediction_i, y_i = target_i.
struct ExplorerFormula {
  std::string name;       // the left-hand side; "" for a loss the explorer does not show
  std::string body;       // the summand
  std::string grad_sum;   // dL/d input_i, reduction sum
  std::string grad_mean;  // the same for the mean
  std::string also;       // further equations, one a line (separated by \n), or ""
  std::string input;      // the variable differentiated by: \hat{y}_i, \hat{p}_i, z_i
  bool leading_minus;     // BCE and CE: -1/N sum ...
};

struct LossInfo {
  std::string name;  // the config's name and the catalogs' key (loss.<name>)
  // False for a loss only the explorer has (huber): the network's functions
  // and the trace's LaTeX below are then empty.
  bool network;
  LossReduction reduction;
  std::vector<LossParameter> parameters;
  std::optional<Activation> needs;  // the output activation it takes, if only one
  bool probability_targets;         // every target in [0, 1]
  bool targets_sum_to_one;          // the targets a distribution (ce)
  // The export's expression of the loss of out and T, {key} standing for a
  // parameter's value, and the comment above it, or "".
  std::string pytorch;
  std::string pytorch_note;
  ExplorerFormula explorer;

  // E_ok for each output into e (its storage reused); `log_out` is log(out)
  // when the caller has it exactly (softmax), else empty.
  void (*terms)(const Loss&, const Eigen::VectorXd& out, const Eigen::VectorXd& target,
                const Eigen::VectorXd& log_out, Eigen::VectorXd& e);
  // The sum S of the raw terms, before the reduction.
  double (*raw_sum)(const Loss&, const Eigen::VectorXd& out, const Eigen::VectorXd& target,
                    const Eigen::VectorXd& log_out);
  // dE_total/dout_k, in PyTorch's order of operations.
  void (*gradient)(const Loss&, const Eigen::VectorXd& out, const Eigen::VectorXd& target, Eigen::VectorXd& g);
  // One step of the line fit (line_fit.hpp), for a loss of one term per
  // output (nullptr for cross-entropy): the outputs a x_i + b, one per point,
  // against y; returns the raw sum S and sets ga = sum_i dE/dout_i x_i and
  // gb = sum_i dE/dout_i, in one pass.
  double (*line_step)(const Loss&, const Eigen::VectorXd& x, const Eigen::VectorXd& y, double a, double b,
                      double& ga, double& gb);
  // The trace's LaTeX of E_ok and of dE_total/dout_k.
  std::string (*term_tex)(const LossTex&);
  std::string (*gradient_tex)(const LossTex&);
  // dE_total/dnet_ok through the activation it needs, simplified (sigmoid +
  // bce, softmax + ce); or nullptr: then (out - target) / K.
  std::string (*delta_tex)(const LossTex&);
  double (*delta)(const Loss&, double out, double target, long K);
  // The explorer's batch function (loss_functions.hpp): predictions (or
  // logits) x against targets y, the parameters read from `loss`. nullptr
  // for a loss the explorer does not show, and for cross-entropy, which the
  // explorer computes on rows of logits (cross_entropy).
  LossResult (*batch)(const Eigen::VectorXd& x, const Eigen::VectorXd& y, const Loss& loss, Reduction r);
};

// Every loss, the network's first (in the order of the constants above).
// Made at its first use, so that no other file's static data finds it
// empty; inline, as the training loop reads it at every step.
std::vector<LossInfo> make_loss_table();
inline const std::vector<LossInfo>& loss_table() {
  static const std::vector<LossInfo> table = make_loss_table();
  return table;
}
inline const LossInfo& LossKind::info() const { return loss_table()[index_]; }
std::optional<LossKind> find_loss(const std::string& name);

// The names of the network's losses, in the table's order.
const std::vector<std::string>& loss_names();
std::string loss_name(LossKind kind);

// E_ok for each output k (the table's entries say each one):
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
inline void loss_terms(const Loss& loss, const Eigen::VectorXd& out, const Eigen::VectorXd& target,
                       const Eigen::VectorXd& log_out, Eigen::VectorXd& e) {
  loss.kind->terms(loss, out, target, log_out, e);
}

// The loss of a batch of N examples from the sum S of its raw terms over
// every example and output, reduced as the entry's LossReduction says:
//   half_sse: 0.5 S / N, S = sum (target - out)^2
//   mse, mae, smooth_l1, bce, bce_logits: S / (N K), S = the sum of the unscaled terms
//   ce: S / N, S = sum_n (-sum_k q_k log out_k)
// For one example (N = 1) this is E_total; it equals sum_k E_ok exactly
// when K is a power of two and nothing overflows (else to the last bit).
inline double raw_loss_sum(const Loss& loss, const Eigen::VectorXd& out, const Eigen::VectorXd& target,
                           const Eigen::VectorXd& log_out) {
  return loss.kind->raw_sum(loss, out, target, log_out);
}
inline double reduce_loss(const Loss& loss, double sum, Eigen::Index K, Eigen::Index N) {
  switch (loss.kind->reduction) {
    case LossReduction::half_sum: return 0.5 * sum / static_cast<double>(N);
    case LossReduction::per_example: return N == 1 ? sum : sum / static_cast<double>(N);
    case LossReduction::mean: break;
  }
  return sum / static_cast<double>(N * K);
}

// dE_total/dout_k:
//   half_sse:   -(target_k - out_k), computed as torch's backward of
//               0.5 (target - out)^2 does: -(0.5 (2 (target_k - out_k)))
//   mse:        -2/K (target_k - out_k)
//   mae:        1/K sign(out_k - target_k)            (0 at 0, as torch.sign)
//   smooth_l1:  1/K (x / beta if |x| < beta else sign(x))
//   bce:        1/K (out_k - t) / max(out_k (1 - out_k), 1e-12f)   (PyTorch's form)
//   bce_logits: 1/K (sigmoid(z) - t)
//   ce:         -q_k / out_k
inline void loss_gradient(const Loss& loss, const Eigen::VectorXd& out, const Eigen::VectorXd& target,
                          Eigen::VectorXd& g) {
  loss.kind->gradient(loss, out, target, g);
}

// ce's smoothed target q = (1 - s) t + s / K.
double smoothed(const Loss& loss, double t, Eigen::Index K);
Eigen::VectorXd smoothed_target(const Loss& loss, const Eigen::VectorXd& target);

}  // namespace bp
