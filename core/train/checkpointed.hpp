// A loop of deterministic updates that stops at the first one that goes
// wrong (a loss or a parameter that is NaN or infinite: the rule of
// stop.hpp) and leaves the last state whose loss is finite. The stepper's gradient descent and the
// training loop both run on it.
//
// Instead of copying the state at every step, it keeps a checkpoint every
// 64 iterations; on divergence it goes back to the checkpoint and replays
// the updates since, which repeats the arithmetic to the last bit.
#pragma once

#include <Eigen/Core>
#include <algorithm>
#include <cmath>

namespace bp {

// Whether the n values at x are all finite, with no branch per value:
// x * 0 is 0 for a finite x and NaN otherwise, so the sum stays 0 only if all are.
inline bool all_finite(const double* x, Eigen::Index n) {
  double sum = 0;
  for (Eigen::Index i = 0; i < n; ++i) sum += x[i] * 0.0;
  return sum == 0.0;
}

struct LoopEnd {
  long updates = 0;      // the updates kept: the state is the one after them
  long diverged_at = -1; // the update that gave a non-finite value (1 = the first; 0: the start), or -1
  const char* reason = "";  // stop.hpp: start, diverged or gradient
};

// Runs up to `iterations` updates. The loop supplies:
//   double loss()   the loss of the current state, readying its gradient
//   void update()   one update, with the gradient loss() readied
//   bool finite()   whether the parameters are all finite
//   bool gradient_finite()  whether the gradient the last update used was
//   void save()     keeps the current state as the checkpoint
//   void restore()  goes back to the checkpoint
// on_loss(E) is called with the loss after 0, 1, … updates, as long as it is
// finite: iterations + 1 times when nothing diverges.
template <class Loop, class OnLoss>
LoopEnd run_checkpointed(Loop& loop, long iterations, OnLoss on_loss) {
  constexpr long every = 64;
  LoopEnd end;
  long saved_at = 0, keep = iterations;
  loop.save();
  for (long it = 0; it <= iterations; ++it) {
    const double E = loop.loss();  // after `it` updates
    if (!std::isfinite(E)) {
      end.diverged_at = it;  // the update before made the loss overflow
      end.reason = it == 0 ? "start" : "diverged";
      keep = it - 1;
      break;
    }
    on_loss(E);
    if (it == iterations) break;
    if (it % every == 0 && it > saved_at) {
      loop.save();
      saved_at = it;
    }
    loop.update();
    if (!loop.finite()) {
      end.diverged_at = it + 1;
      end.reason = loop.gradient_finite() ? "diverged" : "gradient";
      keep = it;
      break;
    }
  }
  if (end.diverged_at >= 0) {
    // Back to the state after `keep` updates (the start, if the very first loss overflowed).
    loop.restore();
    for (long k = saved_at; k < keep; ++k) {
      loop.loss();
      loop.update();
    }
  }
  end.updates = std::max(0L, keep);
  return end;
}

}  // namespace bp
