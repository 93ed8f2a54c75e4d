// The outlier demo: a line y = a x + b fitted to points by gradient descent
// under a regression loss (mean reduction):
//   a <- a - eta sum_i dL/dy_i x_i,   b <- b - eta sum_i dL/dy_i
#pragma once

#include <Eigen/Core>
#include <string>
#include <vector>

#include "losses/loss.hpp"

namespace bp {

struct LineFit {
  std::vector<double> a, b, E;  // before each step, then after the last
  // E minus the lowest E of the run: it falls to 0 where the fit settles,
  // and keeps bouncing where it does not (MAE, whose gradient never shrinks).
  std::vector<double> above_lowest;
  long diverged_at = -1;  // the step that gave a non-finite value, or -1 (stop.hpp's rule)
  std::string stop_reason;  // why: start, diverged or gradient; or ""
};

// kind is a regression loss of the table (mse, mae or smooth_l1, with beta):
// its terms and gradient are the network's, the points being the outputs.
LineFit fit_line(const Eigen::VectorXd& x, const Eigen::VectorXd& y, LossKind kind, double beta, double learning_rate,
                 long steps, double a0, double b0);

}  // namespace bp
