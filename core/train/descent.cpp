#include "train/descent.hpp"

#include "base/loop.hpp"
#include "trace/trace.hpp"

namespace bp {

bool finite_parameters(const Network& n) {
  for (const auto& layer : n.layers) {
    if (!all_finite(layer.W.data(), layer.W.size()) || !all_finite(layer.b.data(), layer.b.size())) return false;
  }
  return true;
}

namespace {

// Same shapes, so Eigen reuses the storage: no allocation.
void copy_parameters(const Network& from, Network& to) {
  for (std::size_t l = 0; l < from.layers.size(); ++l) {
    to.layers[l].W = from.layers[l].W;
    to.layers[l].b = from.layers[l].b;
  }
}

// w <- w - eta dE_total/dw on one example, in the classic hand calculation's order.
struct Descent {
  Config& c;
  Network checkpoint;
  Forward f;
  Backward b;

  double loss() {
    forward(c.network, c.loss, c.inputs, c.targets, f, false);
    return f.E_total;
  }
  void update() {
    backward(c.network, c.loss, f, c.targets, b, false);
    apply_update(c, b);
  }
  bool finite() const { return finite_parameters(c.network); }
  bool gradient_finite() const {
    for (std::size_t l = 1; l < b.dW.size(); ++l) {
      if (!all_finite(b.dW[l].data(), b.dW[l].size()) || !all_finite(b.db[l].data(), b.db[l].size())) return false;
    }
    return true;
  }
  void save() { copy_parameters(c.network, checkpoint); }
  void restore() { copy_parameters(checkpoint, c.network); }
};

}  // namespace

TrainResult train(const Config& c, long iterations, bool record) {
  TrainResult r;
  r.final = c;
  Descent loop{r.final, c.network, {}, {}};
  long seen = 0;
  double first = 0, last = 0;
  const LoopEnd end = run_loop(loop, iterations, [&](double E) {
    if (seen++ == 0) first = E;
    last = E;
    if (record) r.E_total.push_back(E);
  });
  r.iterations = end.updates;
  r.diverged_at = end.diverged_at;
  r.stop_reason = end.reason;
  if (!record && seen > 0) r.E_total = {first, last};
  return r;
}

}  // namespace bp
