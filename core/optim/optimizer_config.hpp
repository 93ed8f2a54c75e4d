// An optimizer's settings as a Value: {"kind": sgd | momentum | adagrad |
// rmsprop | adam, "lr", and the kind's own settings (optimizer.hpp)}. What is
// not given takes PyTorch's default; and its state. Used by the optimizer
// race and the training loop.
#pragma once

#include <string>

#include "optim/optimizer.hpp"
#include "base/value.hpp"

namespace bp {

// Throws bp::Error naming "<field>.<setting>" (adam.beta1, momentum.lr, ...).
OptimizerOptions read_optimizer(const Value& v, const std::string& field);
Value optimizer_to_value(const OptimizerOptions& o);

// An optimizer's state as the page shows it: {"t", and each vector the
// optimizer keeps or computed at its last step (grad, buffer, m, v, m_hat,
// v_hat, effective_rate, update, ...), as numbers}.
Value optimizer_state_value(const OptimizerState& s);

}  // namespace bp
