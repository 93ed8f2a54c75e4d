// Plain gradient descent on one example, iteration after iteration:
//   w <- w - eta dE_total/dw   (and the biases, when they are trained)
#pragma once

#include <string>
#include <vector>

#include "nn/config.hpp"

namespace bp {

struct TrainResult {
  Config final;                 // the parameters after the last update (the last finite ones)
  std::vector<double> E_total;  // before each update, then after the last one
                                // (empty when E_total is not finite at the start)
  long iterations = 0;          // updates done
  long diverged_at = -1;        // the update that gave a non-finite value (1 = the first), or -1
  std::string stop_reason;      // why (stop.hpp), or ""
};

// Runs `iterations` updates. With record = false only the first and last
// E_total are kept. Stops early when an update would make E_total or a
// parameter NaN or infinite (the learning rate is too large); `final` then
// holds the last parameters whose E_total is finite.
TrainResult train(const Config& c, long iterations, bool record);

bool finite_parameters(const Network& n);

}  // namespace bp
