// The one descent loop under every run: the stepper's gradient descent, the
// training loop, the optimizer race and the line fit. It applies the stop
// rule of train/stop.hpp once for all: step k is the first update whose
// parameters or loss are not finite (step 0: the start), and the run keeps
// the state before it.
//
// A loop that holds its state in place (a network) gets a checkpoint every
// 64 iterations instead of a copy at every step: on divergence it goes back
// to the checkpoint and replays the updates since, which repeats the
// arithmetic to the last bit. A loop that records every state itself (the
// race's trail, the line fit's path) says so and needs none.
#pragma once

#include <Eigen/Core>
#include <algorithm>
#include <cmath>
#include <type_traits>

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
  const char* reason = "";  // stop.hpp: start, diverged, gradient or undefined
};

namespace detail {
template <class L, class = void>
struct keeps_states : std::false_type {};
template <class L>
struct keeps_states<L, std::void_t<decltype(L::keeps_states)>> : std::bool_constant<L::keeps_states> {};

template <class L, class = void>
struct names_loss_reason : std::false_type {};
template <class L>
struct names_loss_reason<L, std::void_t<decltype(std::declval<const L&>().loss_reason(0.0))>> : std::true_type {};
}  // namespace detail

// Runs up to `iterations` updates. The loop supplies:
//   double loss()   the loss of the current state, readying its gradient
//   void update()   one update, with the gradient loss() readied
//   bool finite()   whether the parameters are all finite
//   bool gradient_finite()  whether the gradient the last update used was
// and either
//   void save()     keeps the current state as the checkpoint
//   void restore()  goes back to the checkpoint
// or `static constexpr bool keeps_states = true` when it records every state
// through on_loss itself. A loop may name why a loss that is not finite at
// finite parameters stops it, `const char* loss_reason(double E) const`
// ("undefined" for a typed function that is NaN there); else it diverged (an
// overflow inside the network).
// on_loss(E) is called with the loss after 0, 1, … updates, as long as it is
// finite: iterations + 1 times when nothing diverges.
template <class Loop, class OnLoss>
LoopEnd run_loop(Loop& loop, long iterations, OnLoss on_loss) {
  constexpr bool checkpoints = !detail::keeps_states<Loop>::value;
  constexpr long every = 64;
  LoopEnd end;
  long saved_at = 0, keep = iterations;
  if constexpr (checkpoints) loop.save();
  for (long it = 0; it <= iterations; ++it) {
    const double E = loop.loss();  // after `it` updates
    if (!std::isfinite(E)) {
      end.diverged_at = it;
      if (it == 0) {
        end.reason = "start";
      } else if constexpr (detail::names_loss_reason<Loop>::value) {
        end.reason = loop.loss_reason(E);
      } else {
        end.reason = "diverged";  // the update before made the loss overflow
      }
      keep = it - 1;
      break;
    }
    on_loss(E);
    if (it == iterations) break;
    if constexpr (checkpoints) {
      if (it % every == 0 && it > saved_at) {
        loop.save();
        saved_at = it;
      }
    }
    loop.update();
    if (!loop.finite()) {
      end.diverged_at = it + 1;
      end.reason = loop.gradient_finite() ? "diverged" : "gradient";
      keep = it;
      break;
    }
  }
  if constexpr (checkpoints) {
    if (end.diverged_at >= 0) {
      // Back to the state after `keep` updates (the start, if the very first loss overflowed).
      loop.restore();
      for (long k = saved_at; k < keep; ++k) {
        loop.loss();
        loop.update();
      }
    }
  }
  end.updates = std::max(0L, keep);
  return end;
}

}  // namespace bp
