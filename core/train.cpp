#include "train.hpp"

#include <cmath>

#include "trace.hpp"

namespace bp {

bool finite_parameters(const Network& n) {
  // x * 0 is 0 for a finite x and NaN otherwise: the sum stays 0 only if all are finite.
  double sum = 0;
  for (const auto& layer : n.layers) {
    for (Eigen::Index i = 0; i < layer.W.size(); ++i) sum += layer.W.data()[i] * 0.0;
    for (Eigen::Index i = 0; i < layer.b.size(); ++i) sum += layer.b[i] * 0.0;
  }
  return sum == 0.0;
}

namespace {

// Same shapes, so Eigen reuses the storage: no allocation.
void copy_parameters(const Network& from, Network& to) {
  for (std::size_t l = 0; l < from.layers.size(); ++l) {
    to.layers[l].W = from.layers[l].W;
    to.layers[l].b = from.layers[l].b;
  }
}

// How often the loop keeps a copy of the parameters. When an update
// diverges, the last finite state is rebuilt from the copy by replaying the
// updates since (the arithmetic is deterministic, so it is the same state to
// the last bit), which costs far less than copying at every step.
constexpr long checkpoint_every = 64;

}  // namespace

TrainResult train(const Config& c, long iterations, bool record) {
  TrainResult r;
  r.final = c;
  Config checkpoint = c;
  long checkpoint_at = 0;
  double first = 0, last = 0;
  Forward f;
  Backward b;
  // Rebuilds the state after `updates` updates from the checkpoint.
  auto replay_to = [&](long updates) {
    copy_parameters(checkpoint.network, r.final.network);
    for (long it = checkpoint_at; it < updates; ++it) {
      forward(r.final.network, r.final.loss, r.final.inputs, r.final.targets, f);
      backward(r.final.network, r.final.loss, f, r.final.targets, b, false);
      apply_update(r.final, b);
    }
    r.iterations = updates;
  };
  for (long it = 0; it <= iterations; ++it) {
    forward(r.final.network, r.final.loss, r.final.inputs, r.final.targets, f);
    if (!std::isfinite(f.E_total)) {
      // The update before made the error overflow: keep the state before it.
      r.diverged_at = it;
      if (it > 0) replay_to(it - 1);
      break;
    }
    if (it == 0) first = f.E_total;
    last = f.E_total;
    if (record) r.E_total.push_back(f.E_total);
    if (it == iterations) break;
    if (it % checkpoint_every == 0 && it > checkpoint_at) {
      copy_parameters(r.final.network, checkpoint.network);
      checkpoint_at = it;
    }
    backward(r.final.network, r.final.loss, f, r.final.targets, b, false);
    apply_update(r.final, b);
    if (!finite_parameters(r.final.network)) {
      r.diverged_at = it + 1;  // keep the last finite state
      replay_to(it);
      break;
    }
    r.iterations = it + 1;
  }
  if (!record && r.diverged_at != 0) r.E_total = {first, last};
  return r;
}

}  // namespace bp
