// The update of plain gradient descent, w <- w - eta dE_total/dw, apart from
// the trace's values so that it is compiled for speed: the stepper's
// descent runs it at every iteration.
#include "trace/trace.hpp"

namespace bp {

void apply_update(Config& c, const Backward& b) {
  for (std::size_t l = 1; l <= c.network.layers.size(); ++l) {
    Layer& layer = c.network.layers[l - 1];
    for (Eigen::Index j = 0; j < layer.W.rows(); ++j) {
      for (Eigen::Index i = 0; i < layer.W.cols(); ++i) layer.W(j, i) = layer.W(j, i) - c.learning_rate * b.dW[l](j, i);
    }
    if (!c.train_biases) continue;
    if (c.network.shared_bias) {
      layer.b.setConstant(layer.b[0] - c.learning_rate * shared_bias_gradient(b.db[l]));
    } else {
      for (Eigen::Index j = 0; j < layer.b.size(); ++j) layer.b[j] = layer.b[j] - c.learning_rate * b.db[l][j];
    }
  }
}

Config updated(const Config& c, const Backward& b) {
  Config next = c;
  apply_update(next, b);
  return next;
}

}  // namespace bp
