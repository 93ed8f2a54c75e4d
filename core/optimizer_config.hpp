// An optimizer's settings as a Value: {"kind": sgd | momentum | adagrad |
// rmsprop | adam, "lr", and the kind's own settings (optimizer.hpp)}. What is
// not given takes PyTorch's default. Used by the optimizer race and the
// training loop.
#pragma once

#include <string>

#include "optimizer.hpp"
#include "value.hpp"

namespace bp {

// Throws bp::Error naming "<field>.<setting>" (adam.beta1, momentum.lr, ...).
OptimizerOptions read_optimizer(const Value& v, const std::string& field);
Value optimizer_to_value(const OptimizerOptions& o);

}  // namespace bp
