// Optimizers on a surface: each one's trajectory from a start point, and one
// step seen in detail (its state before and after, its update as LaTeX with
// the numbers).
#pragma once

#include <string>
#include <vector>

#include "optim/optimizer.hpp"
#include "optim/surface.hpp"

namespace bp {

struct RaceRun {
  std::vector<double> x, y, loss;  // step 0 (the start) to the last step reached
  // The rule of stop.hpp: the first step whose theta or f(theta) is not
  // finite (0: f is not finite at the start), or -1; and why: "start",
  // "diverged" (theta or f overflowed), "gradient" (the gradient the step
  // used was not finite), "undefined" (f is NaN at a finite theta).
  long stopped_at = -1;
  std::string reason;
};

RaceRun run_race(const Surface& s, const OptimizerOptions& o, double x0, double y0, long steps);

struct StepDetail {
  long step = 0;                // t, from 1
  Eigen::VectorXd theta_before, theta_after;
  OptimizerState before, after;  // the state before the step (after step t - 1) and after it
  double loss_before = 0, loss_after = 0;
};

// Replays the first `step` steps and returns the last one in detail.
StepDetail step_detail(const Surface& s, const OptimizerOptions& o, double x0, double y0, long step);

// The update of step t written out, one equation a line: {formula, numbers}.
// numbers_lines is numbers broken at its equals signs ("= 0.9 m + 0.1 g",
// "= result"), for a narrow box.
struct TexLine {
  std::string formula, numbers;
  std::vector<std::string> numbers_lines;
};
std::vector<TexLine> update_tex(const OptimizerOptions& o, const StepDetail& d, int digits);

}  // namespace bp
