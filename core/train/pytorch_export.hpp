// The training on screen as a PyTorch script (float64): the same initial
// weights, data, loss, optimizer and settings, printing E_total at the same
// iterations, so a student can run it and see the same numbers.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "train/training_loop.hpp"

namespace bp {

// Prints E_total at iteration 0, every `print_every`, and after the last.
std::string pytorch_script(const TrainingSetup& s, long iterations, long print_every);

// The playground's training: its points, the input features computed from
// them, the network, and epochs of mini-batches in the core's order
// (epoch_order with seed first_seed, first_seed + 1, …), with L1 and L2 on the
// weights as run_epoch adds them. Prints E_train and E_test after each epoch.
struct PlaygroundScript {
  std::vector<std::string> features;         // feature_table()'s names, in the network's order
  std::vector<double> train_x, train_y, test_x, test_y;  // the points
  Dataset train, test;                       // their targets (test may be empty)
  std::string targets;                       // their form: sign, binary, one_hot or value
  long epochs = 1;
  std::size_t batch_size = 10;
  std::uint64_t first_seed = 1;
  double l1 = 0, l2 = 0;
};
std::string pytorch_playground_script(const TrainingSetup& s, const PlaygroundScript& p);

}  // namespace bp
