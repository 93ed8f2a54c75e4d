// Each loss for one element, written in PyTorch's order of operations so the
// digits agree with torch 1.13 in float64. Shared by the network's losses
// (losses.cpp) and the batch functions (loss_functions.cpp).
#pragma once

#include <algorithm>
#include <cmath>

namespace bp::element {

inline double sign(double x) { return x > 0 ? 1.0 : (x < 0 ? -1.0 : 0.0); }

// The regression losses of d = prediction - target, and their derivatives
// with respect to the prediction scaled by k (1/N for the mean).
inline double squared(double d) { return d * d; }
inline double squared_grad(double d, double k) { return 2.0 * k * d; }
inline double absolute(double d) { return std::abs(d); }
inline double absolute_grad(double d, double k) { return k * sign(d); }

// -[y max(log p, -100) + (1 - y) max(log(1 - p), -100)], as
// (y - 1) max(log(1 - p), -100) - y max(log p, -100): torch takes log(1 - p), not log1p(-p).
inline double bce(double p, double y) {
  return (y - 1.0) * std::max(std::log(1.0 - p), -100.0) - y * std::max(std::log(p), -100.0);
}

// d bce / dp = (p - y) / max(p (1 - p), eps), scaled by k (1/N for the mean)
// first. torch's eps is the float 1e-12f, 9.999999960041972e-13 as a double.
inline constexpr double bce_epsilon = static_cast<double>(1e-12f);
inline double bce_grad(double p, double y, double k) { return k * (p - y) / std::max((1.0 - p) * p, bce_epsilon); }

// bce of sigmoid(z), stable: (1 - y) z + m + log(e^-m + e^(-z - m)), m = max(-z, 0).
inline double bce_logits(double z, double y) {
  const double m = std::max(-z, 0.0);
  return (1.0 - y) * z + m + std::log(std::exp(-m) + std::exp(-z - m));
}

// d/dz = sigmoid(z) - y, scaled by k.
inline double bce_logits_grad(double z, double y, double k) { return (1.0 / (1.0 + std::exp(-z)) - y) * k; }

// SmoothL1 of d = x - y: 0.5 z^2 / beta if z = |d| < beta, else z - 0.5 beta.
inline double smooth_l1(double d, double beta) {
  const double z = std::abs(d);
  return z < beta ? 0.5 * z * z / beta : z - 0.5 * beta;
}

// d/dx: d / beta inside, sign(d) outside, scaled by k. With beta = 0 it is
// L1's, except at d = 0 where torch 1.13's kernel gives -k (d <= -beta).
inline double smooth_l1_grad(double d, double beta, double k) {
  return d <= -beta ? -k : (d >= beta ? k : k * d / beta);
}

// Huber_delta of d: 0.5 z^2 if z = |d| < delta, else delta (z - 0.5 delta).
inline double huber(double d, double delta) {
  const double z = std::abs(d);
  return z < delta ? 0.5 * z * z : delta * (z - 0.5 * delta);
}

inline double huber_grad(double d, double delta, double k) {
  return d <= -delta ? -k * delta : (d >= delta ? k * delta : k * d);
}

}  // namespace bp::element
