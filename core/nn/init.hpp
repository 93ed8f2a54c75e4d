// A fresh network of a given shape: weights and biases drawn as PyTorch's
// nn.Linear draws them, uniform on [-1/sqrt(fan_in), 1/sqrt(fan_in)], from a
// seeded generator, so a seed gives the same network natively and in wasm.
#pragma once

#include <cstdint>
#include <vector>

#include "nn/config.hpp"

namespace bp {

// sizes = {inputs, ..., outputs}; activations per layer above the input.
// Per-neuron biases, trained; the example is all zeros in, the first
// class (or zeros) out.
Config initial_network(const std::vector<Eigen::Index>& sizes, const std::vector<Activation>& activations,
                       const Loss& loss, std::uint64_t seed);

}  // namespace bp
