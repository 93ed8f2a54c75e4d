// The training on screen as a PyTorch script (float64): the same initial
// weights, data, loss, optimizer and settings, printing E_total at the same
// iterations, so a student can run it and see the same numbers.
#pragma once

#include <string>

#include "train/training_loop.hpp"

namespace bp {

// Prints E_total at iteration 0, every `print_every`, and after the last.
std::string pytorch_script(const TrainingSetup& s, long iterations, long print_every);

}  // namespace bp
