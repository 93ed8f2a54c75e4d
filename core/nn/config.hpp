// A network with one training example: what the stepper and the CLI take.
//
// As a Value (JSON in the CLI, a plain object in JS):
//   {
//     "layers": [2, 2, 2],                      sizes, input first
//     "activations": ["sigmoid", "sigmoid"],    per layer above the input (or one name for all)
//     "inputs": [0.05, 0.1],
//     "targets": [0.01, 0.99],
//     "weights": [[[0.15, 0.2], [0.25, 0.3]],   per layer, one row per neuron
//                 [[0.4, 0.45], [0.5, 0.55]]],
//     "biases": [0.35, 0.6],                    shared: one number per layer;
//                                               else one list per layer
//     "shared_bias": true,
//     "train_biases": false,
//     "learning_rate": 0.5,
//     "loss": "half_sse"                        or {"kind": "smooth_l1", "beta": 1}
//   }
// Any number may also be given as text, as typed in a form field.
#pragma once

#include <Eigen/Core>

#include "losses/loss.hpp"
#include "nn/network.hpp"
#include "base/value.hpp"

namespace bp {

struct Config {
  Network network;
  Loss loss;
  Eigen::VectorXd inputs;
  Eigen::VectorXd targets;
  double learning_rate = 0.5;
  bool train_biases = false;
};

inline constexpr long max_layers = 8;       // including the input layer
inline constexpr long max_layer_size = 32;

// The classic example: 2-2-2 sigmoid network, inputs 0.05/0.10, weights
// 0.15 ... 0.55, shared biases 0.35/0.60 (not trained), targets 0.01/0.99,
// E_total = 1/2 sum (target - out)^2, learning rate 0.5.
Config classic_config();

// True when c is the classic example exactly (its figures can be compared
// with those of Mazur's write-up, "A Step by Step Backpropagation Example", 2015).
bool is_classic(const Config& c);

// Reads and validates; throws bp::Error naming the field (w5, b1, i2,
// target_o1, learning_rate, layers[1], ...).
Config config_from_value(const Value& v);
Value config_to_value(const Config& c);

// The stepper's "update biases" switch. On: one bias per neuron, trained, as
// PyTorch's nn.Linear has, each starting from its layer's shared value. Off:
// one shared bias per layer, not trained, as in Mazur's write-up; a layer
// whose neurons' biases differ takes their mean.
Config with_bias_mode(Config c, bool per_neuron_trained);

// Names as written in a config; throw bp::Error("unknown_choice") for others.
Activation activation_from_name(const std::string& name, const std::string& field);
LossKind loss_from_name(const std::string& name, const std::string& field);

Value loss_to_value(const Loss& loss);
Loss loss_from_value(const Value& v, const std::string& field);

// Checks what a config needs beyond the shape of its values: a softmax only
// on the output layer, the loss suited to the output activation, targets in
// range for the probability losses.
void check_loss_fits(const Network& n, const Loss& loss, const Eigen::VectorXd& targets);

}  // namespace bp
