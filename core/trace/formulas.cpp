#include "trace/formulas.hpp"

#include <cmath>
#include <cstdlib>

#include "base/decimal.hpp"

namespace bp {

namespace {

// digits (no leading zero, as many as significant) times 10^exponent, from
// decimal::general's text ("0.00123", "-1.5e+22", "12.5").
struct Digits {
  std::string digits;
  int exponent = 0;  // of the first digit: 1.23e-3 has -3
};

Digits read_general(const std::string& s) {
  Digits d;
  std::size_t i = s[0] == '-' ? 1 : 0;
  int before_point = 0, leading_zeros = 0;
  bool point = false;
  for (; i < s.size() && s[i] != 'e'; ++i) {
    if (s[i] == '.') {
      point = true;
    } else {
      if (!point) ++before_point;
      if (d.digits.empty() && s[i] == '0') ++leading_zeros; else d.digits += s[i];
    }
  }
  d.exponent = before_point - 1 - leading_zeros;
  if (i < s.size()) d.exponent += std::atoi(s.c_str() + i + 1);
  while (d.digits.size() > 1 && d.digits.back() == '0') d.digits.pop_back();
  return d;
}

// |x| to p significant digits by double arithmetic, where that is certain:
// y = |x| 10^(p - 1 - X) is off by a few units in its last place at most, so
// its rounding to an integer is known unless it lies that close to a half.
bool fast_digits(double ax, int p, Digits& d) {
  static const double pow10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
                                 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
  if (p > 15 || !(ax >= 1e-250 && ax < 1e250)) return false;
  int X = static_cast<int>(std::floor(std::log10(ax)));
  for (int attempt = 0; attempt < 2; ++attempt) {
    const int shift = p - 1 - X;
    if (shift > 22 || shift < -22) return false;
    const double y = shift >= 0 ? ax * pow10[shift] : ax / pow10[-shift];
    if (y < pow10[p - 1]) {
      --X;
      continue;
    }
    if (y >= pow10[p]) {
      ++X;
      continue;
    }
    const double whole = std::floor(y), fraction = y - whole;
    if (std::fabs(fraction - 0.5) <= y * 4.5e-16) return false;
    auto n = static_cast<unsigned long long>(whole) + (fraction > 0.5 ? 1 : 0);
    if (static_cast<double>(n) >= pow10[p]) {
      n /= 10;
      ++X;
    }
    d.digits = std::to_string(n);
    while (d.digits.size() > 1 && d.digits.back() == '0') d.digits.pop_back();
    d.exponent = X;
    return true;
  }
  return false;
}

// The same exactly: decimal::general rounds halves to even.
void exact_digits(double x, int p, Digits& d) {
  d = read_general(decimal::general(x, p));
  // toPrecision takes the larger of two nearest: a half rounds away from
  // zero. A half is exact only where x's exact expansion has p + 1
  // significant digits, ending in 5. For x = m 2^e, m odd, e < 0, it has at
  // least log10(5^-e) of them: so only where -e <= (p + 1) / log10(5).
  int e2 = 0;
  const double m = std::frexp(std::fabs(x), &e2);
  long long mantissa = static_cast<long long>(std::ldexp(m, 53));
  int e = e2 - 53;
  while (mantissa % 2 == 0) {
    mantissa /= 2;
    ++e;
  }
  if (e >= -((p + 1) * 10 / 7 + 1)) {
    const Digits exact = read_general(decimal::general(x, 60));
    if (static_cast<int>(exact.digits.size()) == p + 1 && exact.digits.back() == '5') {
      d.digits = exact.digits.substr(0, static_cast<std::size_t>(p));
      d.exponent = exact.exponent;
      int i = p - 1;
      while (i >= 0 && d.digits[static_cast<std::size_t>(i)] == '9') d.digits[static_cast<std::size_t>(i--)] = '0';
      if (i >= 0) {
        ++d.digits[static_cast<std::size_t>(i)];
      } else {
        d.digits = "1" + d.digits;
        ++d.exponent;
      }
      while (d.digits.size() > 1 && d.digits.back() == '0') d.digits.pop_back();
    }
  }
}

}  // namespace

std::string value_text(double x, int digits) {
  if (std::isnan(x)) return "NaN";
  if (std::isinf(x)) return x < 0 ? "-Infinity" : "Infinity";
  if (x == 0) return "0";
  const int p = digits < 1 ? 1 : digits;
  Digits d;
  if (!fast_digits(std::fabs(x), p, d)) exact_digits(x, p, d);
  // From 16 digits on, the rounded decimal need not be the shortest text of
  // the double it reads as, which is what JavaScript writes; near the
  // largest double it may read as infinity.
  if (p > 15 || d.exponent >= 308) {
    const std::string rounded = (x < 0 ? "-" : "") + d.digits + "e" + std::to_string(d.exponent - static_cast<int>(d.digits.size()) + 1);
    return decimal::shortest(std::strtod(rounded.c_str(), nullptr));
  }
  // As JavaScript's Number#toString: plain from 1e-6 to below 1e21, else with an exponent.
  std::string out = x < 0 ? "-" : "";
  const int n = static_cast<int>(d.digits.size());
  if (d.exponent >= 21 || d.exponent < -6) {
    out += d.digits.substr(0, 1);
    if (n > 1) out += "." + d.digits.substr(1);
    out += (d.exponent < 0 ? "e-" : "e+") + std::to_string(std::abs(d.exponent));
  } else if (d.exponent < 0) {
    out += "0." + std::string(static_cast<std::size_t>(-d.exponent - 1), '0') + d.digits;
  } else if (n <= d.exponent + 1) {
    out += d.digits + std::string(static_cast<std::size_t>(d.exponent + 1 - n), '0');
  } else {
    out += d.digits.substr(0, static_cast<std::size_t>(d.exponent + 1)) + "." +
           d.digits.substr(static_cast<std::size_t>(d.exponent + 1));
  }
  return out;
}

double simplified_delta(const Loss& loss, double out, double target, long K) {
  if (loss.kind->delta) return loss.kind->delta(loss, out, target, K);
  return (out - target) / static_cast<double>(K);
}

}  // namespace bp
