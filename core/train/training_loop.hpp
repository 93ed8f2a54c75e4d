// The training loop, as PyTorch writes it:
//
//   optimizer.zero_grad()   # .grad <- 0
//   E = loss(model(X), T)   # forward, then the loss (mean over the batch)
//   E.backward()            # .grad <- .grad + dE/dtheta
//   optimizer.step()        # theta <- the optimizer's update for .grad
//
// over the network's trainable parameters (the weights, and the biases when
// they are trained), with any loss and optimizer and a batch of examples.
// Skipping zero_grad makes .grad the running sum of every iteration's
// gradient, as in PyTorch; the loop's other mistakes are in loop_bugs.hpp.
#pragma once

#include <string>
#include <vector>

#include "nn/config.hpp"
#include "optim/optimizer.hpp"
#include "train/loop_bugs.hpp"

namespace bp {

struct Dataset {
  std::vector<Eigen::VectorXd> inputs, targets;  // one example per entry
};

struct TrainingSetup {
  Config config;  // the network, its loss; inputs/targets are the default example
  OptimizerOptions optimizer;
  Dataset data;
  bool zero_grad = true;
  LoopBug bug = LoopBug::none;
  bool retain_graph = false;  // backward_twice: the first backward keeps the graph
};

// The parameters as one vector: each layer's W row by row, then each
// layer's bias (one value when shared) when the biases are trained.
struct ParameterLayout {
  std::vector<std::string> names;  // w1 ... w8, b1, b2 / b_h1 ...
  std::vector<std::string> terms;  // the stepper's term for each gradient: dE_total/dw5
};
ParameterLayout parameter_layout(const Config& c);
Eigen::Index parameter_count(const Config& c);  // the length of pack(c)
Eigen::VectorXd pack(const Config& c);
void unpack(const Eigen::VectorXd& theta, Config& c);

// The loss over the batch, and its gradient with respect to the parameters.
struct BatchResult {
  double E = 0;                   // mean over the examples
  std::vector<double> E_example;  // each example's loss
  Eigen::VectorXd grad;
  std::vector<Forward> forwards;  // per example, for display
};
BatchResult evaluate_batch(const Config& c, const Dataset& data, bool keep_forwards);

// Where a run is: the parameters (in config), the optimizer's state, .grad.
struct TrainingState {
  Config config;
  OptimizerState optimizer;
  Eigen::VectorXd grad;  // what .grad holds after the last backward
  long iteration = 0;    // iterations done
};

TrainingState initial_state(const TrainingSetup& s);

// One iteration in its five phases, for the page to show one at a time.
struct Iteration {
  Eigen::VectorXd grad_before;    // .grad as the iteration finds it
  Eigen::VectorXd grad_zeroed;    // after zero_grad (unchanged when it is skipped)
  BatchResult batch;              // forward and loss, this iteration's gradient
  Eigen::VectorXd grad_after;     // after backward: zeroed + batch.grad
  Eigen::VectorXd theta_before, theta_after;
  OptimizerState optimizer_before, optimizer_after;
  // The lines in the order the loop runs them, with .grad after each (the
  // bugs of loop_bugs.hpp move them).
  std::vector<ListedLine> lines;
  std::vector<Eigen::VectorXd> grad_at;  // .grad after lines[i]; lines PyTorch never reaches are left out
  bool grad_none = false;        // step() found .grad None and skipped every parameter
  Eigen::VectorXd grad_step;     // what step() used (empty when it did not run)
  Eigen::VectorXd grad_end;      // .grad as the iteration leaves it
  LoopError error;               // PyTorch stops in this iteration (iteration 1), or -1
};
// With an error the state is left as it was: PyTorch's loop ends there.
Iteration run_iteration(const TrainingSetup& s, TrainingState& state);

// Many iterations. Stops early when E or a parameter is NaN or infinite
// (the rule of stop.hpp).
struct Run {
  std::vector<double> E;  // before each update (the loss backward used), then after the last
  long diverged_at = -1;  // the iteration that produced a non-finite value, or -1
  std::string stop_reason;  // why (stop.hpp), or ""
  LoopError error;          // where PyTorch stopped the loop (iteration counted in this run), or -1
};
Run run_iterations(const TrainingSetup& s, TrainingState& state, long iterations);

// Two loss curves side by side (the same setup with and without zero_grad,
// say), index i being the loss after i iterations. The first index from
// which a[i] < b[i] holds to the end of the shorter curve, or -1 when a is
// not below b at that end.
long below_from(const std::vector<double>& a, const std::vector<double>& b);
// The first index from which the curve keeps its last value to its end, or
// -1 when its last two values differ (it still changes).
long constant_from(const std::vector<double>& E);

}  // namespace bp
