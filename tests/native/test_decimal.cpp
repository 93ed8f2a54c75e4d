// Exact decimal formatting, against glibc's printf and strtod.
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>

#include "base/decimal.hpp"
#include "support.hpp"

namespace {

std::string printf_g(double x, int precision) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*g", precision, x);
  return buffer;
}

// The shortest %.{p}g text that reads back, as a reference for the digits.
std::string shortest_digits_reference(double x) {
  for (int p = 1; p <= 17; ++p) {
    const std::string s = printf_g(x, p);
    if (std::strtod(s.c_str(), nullptr) == x) return s;
  }
  return printf_g(x, 17);
}

std::vector<double> samples() {
  std::mt19937_64 rng(42);
  std::vector<double> xs = {0.1, 0.2, 0.3775, 0.5932699921071872, 3.510187782978859e-05, 1e21, 1e-7, 123456.0,
                            5e-324, 2.2250738585072014e-308, 1.7976931348623157e308, 0.5, 2.5, 1.5, 0.125,
                            9.5, 0.000123456789, 1e22, 4.35, 100.0, 9007199254740993.0, -0.0226};
  for (int i = 0; i < 20000; ++i) {
    std::uint64_t bits = rng();
    double x;
    std::memcpy(&x, &bits, sizeof x);
    if (std::isfinite(x)) xs.push_back(x);
  }
  std::uniform_real_distribution<double> u(-2, 2);
  for (int i = 0; i < 20000; ++i) xs.push_back(u(rng));
  return xs;
}

}  // namespace

TEST_CASE("general() writes exactly what printf's %g writes", "[decimal]") {
  int mismatches = 0;
  for (double x : samples()) {
    for (int p : {1, 3, 6, 9, 12, 15, 17}) {
      const std::string ours = bp::decimal::general(x, p), theirs = printf_g(x, p);
      if (ours != theirs) {
        ++mismatches;
        if (mismatches < 5) WARN(x << " %." << p << "g: " << ours << " vs " << theirs);
      }
    }
  }
  CHECK(mismatches == 0);
}

TEST_CASE("shortest() reads back exactly, with the fewest digits", "[decimal]") {
  int mismatches = 0;
  for (double x : samples()) {
    const std::string s = bp::decimal::shortest(x);
    const double back = std::strtod(s.c_str(), nullptr);
    const std::string reference = shortest_digits_reference(x);
    // Same count of significant digits as the shortest printf form.
    auto significant = [](const std::string& t) {
      std::string digits;
      for (char c : t.substr(0, t.find_first_of("eE"))) {
        if (c >= '0' && c <= '9') digits += c;
      }
      const auto first = digits.find_first_not_of('0');
      if (first == std::string::npos) return std::size_t{1};
      const auto last = digits.find_last_not_of('0');
      return last - first + 1;
    };
    if (back != x || significant(s) != significant(reference)) {
      ++mismatches;
      if (mismatches < 5) WARN(x << ": " << s << " vs " << reference);
    }
  }
  CHECK(mismatches == 0);
}

TEST_CASE("shortest() lays numbers out as JavaScript does", "[decimal]") {
  CHECK(bp::decimal::shortest(0.1) == "0.1");
  CHECK(bp::decimal::shortest(3.510187782978859e-05) == "0.00003510187782978859");
  CHECK(bp::decimal::shortest(1e-7) == "1e-7");
  CHECK(bp::decimal::shortest(1.5e-7) == "1.5e-7");
  CHECK(bp::decimal::shortest(1e21) == "1e+21");
  CHECK(bp::decimal::shortest(1e20) == "100000000000000000000");
  CHECK(bp::decimal::shortest(-0.0226) == "-0.0226");
  CHECK(bp::decimal::shortest(0.0) == "0");
  CHECK(bp::decimal::shortest(-0.0) == "0");
  CHECK(bp::decimal::shortest(5e-324) == "5e-324");
  CHECK(bp::decimal::shortest(1.7976931348623157e308) == "1.7976931348623157e+308");
  CHECK(bp::decimal::shortest(123.456) == "123.456");
}
