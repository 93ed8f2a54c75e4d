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
  for (long it = 0; it <= iterations; ++it) {
    const Forward f = forward(r.final.network, r.final.loss, r.final.inputs, r.final.targets);
    if (record || it == 0 || it == iterations) r.E_total.push_back(f.E_total);
    if (!std::isfinite(f.E_total)) {
      r.diverged_at = it;
      if (!record && it != iterations) r.E_total.push_back(f.E_total);
      break;
    }
    if (it == iterations) break;
    const Backward b = backward(r.final.network, r.final.loss, f, r.final.targets);
    r.final = updated(r.final, b);
    r.iterations = it + 1;
    if (!finite_parameters(r.final.network)) {
      r.diverged_at = it + 1;
      break;
    }
  }
  return r;
}

}  // namespace bp
