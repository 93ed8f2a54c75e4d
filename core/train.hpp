// Plain gradient descent on one example, iteration after iteration:
//   w <- w - eta dE_total/dw   (and the biases, when they are trained)
#pragma once

#include <vector>

#include "config.hpp"

namespace bp {

struct TrainResult {
  Config final;                 // the parameters after the last update
  std::vector<double> E_total;  // before each update, then after the last one
  long iterations = 0;          // updates done
  long diverged_at = -1;        // the iteration whose update gave a non-finite value, or -1
};

// Runs `iterations` updates. With record = false only the first and last
// E_total are kept. Stops early when an update makes E_total or a parameter
// NaN or infinite (the learning rate is too large).
TrainResult train(const Config& c, long iterations, bool record);

bool finite_parameters(const Network& n);

}  // namespace bp
