// splitmix64: a small generator whose output is the same natively and in
// wasm. The initial weights, the epochs' shuffles and the playground's data
// sets all draw from it.
#pragma once

#include <cstdint>

namespace bp {

struct SplitMix64 {
  std::uint64_t state;
  std::uint64_t next() {
    std::uint64_t z = (state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  // u in [0, 1): 53 random bits.
  double unit() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
};

}  // namespace bp
