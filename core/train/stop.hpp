// The one rule by which every loop stops (the stepper's training, the
// training loop, the optimizer race, the line fit): step k is the first
// update whose parameters or whose loss are not finite (NaN or infinite);
// step 0 is the start, when the loss there is not finite. The loop keeps the
// state before that step. A stop always has one of these reasons:
//
//   start      the loss at the start is not finite
//   diverged   update k overflowed: a parameter or the loss became infinite
//              (or NaN through an overflow inside the network), the
//              gradient it used being finite — the learning rate is too large
//   gradient   the gradient update k used was not finite (f has no finite
//              slope at the point before), so the parameters after it are not
//   undefined  the parameters after update k are finite but f is NaN there:
//              f is not defined at that point (a typed function, log(x) at
//              x < 0, say)
//
// The same rule, applied to PyTorch's runs, gives the same steps
// (tests/fixtures/divergence_pytorch.py).
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace bp {

struct Stop {
  long at = -1;        // the step (0: the start), or -1 when the loop ran to its end
  std::string reason;  // one of the reasons above, or "" when it did not stop
};

// The English message of each reason, with a {step} placeholder. The page's
// catalogs have the same keys under "stop.".
const std::vector<std::pair<std::string, std::string>>& stop_templates();
std::string stop_message(const Stop& s);

}  // namespace bp
