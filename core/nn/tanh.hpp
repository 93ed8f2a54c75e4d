// tanh as the core computes it, natively and in wasm: the same arithmetic on
// both, so it rounds alike wherever exp does (exp is the platforms' one).
//   |x| ≤ 0.625:  x + x·x²·P(x²)/Q(x²), Cephes' rational approximation;
//   |x| > 0.625:  ±(1 − 2/(e^(2|x|) + 1)).
// Measured against an 80-bit tanhl on 4,000,000 points of [−6, 6] and
// [−0.6, 0.6] (tests/native/test_tanh.cpp): within 1.33 ulp, where glibc's
// tanh is within 2.14; it gives torch.tanh's bits more often than glibc's
// does (tests/fixtures/tanh_pytorch.py). In wasm it takes about 8 ns against
// musl's 19: the playground's grid is 70,000 of them a frame.
#pragma once

#include <cmath>

namespace bp {

inline double tanh(double x) {
  const double z = std::fabs(x);
  if (z > 0.625) {
    if (z > 22) return std::copysign(1.0, x);  // 1 − 2/(e^44 + 1) rounds to 1 (and ±inf)
    const double s = std::exp(2 * z);
    return std::copysign(1 - 2 / (s + 1), x);
  }
  if (z < 0x1p-28) return x;  // tanh x = x to the last bit; keeps −0 and subnormals
  const double s = x * x;
  const double p = (-9.64399179425052238628e-1 * s - 9.92877231001918586564e1) * s - 1.61468768441708447952e3;
  const double q = ((s + 1.12811678491632931402e2) * s + 2.23548839060100448583e3) * s + 4.84406305325125486048e3;
  return x + x * s * (p / q);  // NaN stays NaN
}

}  // namespace bp
