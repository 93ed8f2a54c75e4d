// The classic network trained as the training loop's defaults do: plain
// SGD, eta = 0.5, on its one example; with or without zero_grad().
#pragma once

#include "nn/config.hpp"
#include "optim/optimizer.hpp"
#include "train/training_loop.hpp"

namespace bp::test {

inline TrainingSetup classic_sgd(bool zero_grad) {
  TrainingSetup s;
  s.config = classic_config();
  s.optimizer = default_options(OptimizerKind::sgd);
  s.optimizer.lr = 0.5;
  s.data.inputs = {s.config.inputs};
  s.data.targets = {s.config.targets};
  s.zero_grad = zero_grad;
  return s;
}

}  // namespace bp::test
