#include "train.hpp"

#include <cmath>

#include "trace.hpp"

namespace bp {

bool finite_parameters(const Network& n) {
  for (const auto& layer : n.layers) {
    if (!layer.W.allFinite() || !layer.b.allFinite()) return false;
  }
  return true;
}

TrainResult train(const Config& c, long iterations, bool record) {
  TrainResult r;
  r.final = c;
  Config previous = c;
  double first = 0, last = 0;
  for (long it = 0; it <= iterations; ++it) {
    const Forward f = forward(r.final.network, r.final.loss, r.final.inputs, r.final.targets);
    if (!std::isfinite(f.E_total)) {
      // The update before made the error overflow: keep the state before it.
      r.diverged_at = it;
      if (it > 0) {
        r.final = std::move(previous);
        r.iterations = it - 1;
      }
      break;
    }
    if (it == 0) first = f.E_total;
    last = f.E_total;
    if (record) r.E_total.push_back(f.E_total);
    if (it == iterations) break;
    const Backward b = backward(r.final.network, r.final.loss, f, r.final.targets);
    Config next = updated(r.final, b);
    if (!finite_parameters(next.network)) {
      r.diverged_at = it + 1;  // keep the last finite state
      break;
    }
    previous = std::move(r.final);
    r.final = std::move(next);
    r.iterations = it + 1;
  }
  if (!record && r.diverged_at != 0) r.E_total = {first, last};
  return r;
}

}  // namespace bp
