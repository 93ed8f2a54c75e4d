// The core's tanh (core/nn/tanh.hpp) against an 80-bit reference, tanhl: its
// error in ulps over the range a network meets, its limits and its special
// values; and against torch.tanh (tests/fixtures/tanh_pytorch.py). glibc's
// own tanh is measured beside it, for the README's figures.
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <limits>

#include "fixtures.hpp"
#include "nn/tanh.hpp"

namespace {

/** |a − tanh x| in units of a's last place, against the 80-bit tanhl. */
double ulp_error(double a, double x) {
  const long double exact = tanhl(static_cast<long double>(x));
  const double ulp = std::nextafter(std::fabs(a), 2.0) - std::fabs(a);
  return static_cast<double>(std::fabs((static_cast<long double>(a) - exact) / ulp));
}

/** Uniform points of [−6, 6] and, one in four, of [−0.6, 0.6] (the rational part), from a fixed xorshift. */
template <class F>
void each_point(long n, F f) {
  std::uint64_t r = 88172645463325252ull;
  for (long i = 0; i < n; ++i) {
    r ^= r << 13;
    r ^= r >> 7;
    r ^= r << 17;
    double x = static_cast<double>(r >> 11) * 0x1p-53 * 12 - 6;
    if (i % 4 == 0) x *= 0.1;
    f(x);
  }
}

}  // namespace

TEST_CASE("the core's tanh is within 1.33 ulp of the exact value on 4,000,000 points; glibc's within 2.14") {
  static_assert(sizeof(long double) > sizeof(double), "the reference needs a wider long double");
  double worst = 0, worst_libm = 0;
  long correct = 0, correct_libm = 0;
  const long n = 4000000;
  each_point(n, [&](double x) {
    const double e = ulp_error(bp::tanh(x), x), l = ulp_error(std::tanh(x), x);
    worst = std::max(worst, e);
    worst_libm = std::max(worst_libm, l);
    correct += e <= 0.5;
    correct_libm += l <= 0.5;
  });
  CHECK(worst < 1.34);
  CHECK(worst_libm > 2.0);  // glibc's, for comparison (README)
  // Most values are correctly rounded, about as often as glibc's are.
  CHECK(correct > n * 0.85);
  CHECK(correct > correct_libm * 0.95);
  INFO("correctly rounded: " << correct << " (glibc " << correct_libm << ") of " << n);
}

TEST_CASE("the core's tanh: odd, its limits, and its special values") {
  each_point(100000, [](double x) { REQUIRE(bp::tanh(-x) == -bp::tanh(x)); });
  // Monotone across the seam between its two forms, and continuous there to the last bits.
  const double seam = 0.625;
  CHECK(bp::tanh(std::nextafter(seam, 0.0)) <= bp::tanh(seam));
  CHECK(bp::tanh(seam) <= bp::tanh(std::nextafter(seam, 1.0)));
  CHECK(ulp_error(bp::tanh(seam), seam) < 1.34);
  CHECK(ulp_error(bp::tanh(std::nextafter(seam, 1.0)), std::nextafter(seam, 1.0)) < 1.34);
  CHECK(bp::tanh(22.0) == 1.0);
  CHECK(bp::tanh(19.5) == 1.0);
  CHECK(bp::tanh(18.0) < 1.0);
  CHECK(bp::tanh(1e300) == 1.0);
  CHECK(bp::tanh(-std::numeric_limits<double>::infinity()) == -1.0);
  CHECK(std::isnan(bp::tanh(std::nan(""))));
  CHECK(std::signbit(bp::tanh(-0.0)));
  CHECK(bp::tanh(1e-300) == 1e-300);
  CHECK(bp::tanh(0x1p-30) == 0x1p-30);
  CHECK(bp::tanh(0.5) == Approx(0.46211715726000974).epsilon(1e-15));
}

TEST_CASE("the core's tanh gives torch.tanh's bits more often than glibc's does, and is never 2 ulp from it") {
  const bp::Value fx = bp::test::fixture("tanh_pytorch.json");
  const bp::Value& xs = *fx.find("x");
  const bp::Value& ys = *fx.find("tanh");
  REQUIRE(xs.size() == 4000);
  std::size_t same = 0, same_libm = 0;
  for (std::size_t i = 0; i < xs.size(); ++i) {
    const double x = std::strtod(xs[i].as_string().c_str(), nullptr);
    const double torch = std::strtod(ys[i].as_string().c_str(), nullptr);
    const double ours = bp::tanh(x);
    same += ours == torch;
    same_libm += std::tanh(x) == torch;
    REQUIRE(std::fabs(ours - torch) <= std::nextafter(std::fabs(torch), 2.0) - std::fabs(torch));
  }
  INFO("the same bits as torch: ours " << same << ", glibc's " << same_libm << " of 4000");
  CHECK(same >= 3840);       // 96 %
  CHECK(same_libm <= 3360);  // 84 %
}
