#include "base/decimal.hpp"

#include <cmath>
#include <cstdint>
#include <cstring>
#include <vector>

namespace bp::decimal {

namespace {

// An unsigned big integer, base 2^32, least significant limb first.
using Big = std::vector<std::uint32_t>;

void trim(Big& a) {
  while (!a.empty() && a.back() == 0) a.pop_back();
}

void multiply(Big& a, std::uint32_t factor) {
  std::uint64_t carry = 0;
  for (auto& limb : a) {
    const std::uint64_t p = static_cast<std::uint64_t>(limb) * factor + carry;
    limb = static_cast<std::uint32_t>(p);
    carry = p >> 32;
  }
  if (carry) a.push_back(static_cast<std::uint32_t>(carry));
}

void shift_left(Big& a, int bits) {
  a.insert(a.begin(), static_cast<std::size_t>(bits / 32), 0u);
  bits %= 32;
  if (bits == 0) return;
  std::uint32_t carry = 0;
  for (auto& limb : a) {
    const std::uint32_t next = limb >> (32 - bits);
    limb = (limb << bits) | carry;
    carry = next;
  }
  if (carry) a.push_back(carry);
}

std::uint32_t divide(Big& a, std::uint32_t divisor) {
  std::uint64_t rem = 0;
  for (std::size_t i = a.size(); i-- > 0;) {
    const std::uint64_t cur = (rem << 32) | a[i];
    a[i] = static_cast<std::uint32_t>(cur / divisor);
    rem = cur % divisor;
  }
  trim(a);
  return static_cast<std::uint32_t>(rem);
}

// A positive decimal: digits (no leading zero) times 10^point.
struct Exact {
  std::string digits;
  int point = 0;
  int lead() const { return static_cast<int>(digits.size()) + point; }  // 10^(lead-1) <= value < 10^lead
};

// The exact decimal value of m 2^e, m > 0.
Exact exact(std::uint64_t m, int e) {
  static const std::uint32_t pow5[14] = {1,      5,       25,       125,       625,        3125,       15625,
                                         78125,  390625,  1953125,  9765625,   48828125,   244140625,  1220703125};
  // Fewer digits to carry: drop the factors of two a negative exponent would cancel.
  while ((m & 1) == 0 && e < 0) {
    m >>= 1;
    ++e;
  }
  Big n{static_cast<std::uint32_t>(m), static_cast<std::uint32_t>(m >> 32)};
  trim(n);
  Exact x;
  if (e >= 0) {
    shift_left(n, e);
  } else {
    // m 2^e = m 5^-e 10^e
    int k = -e;
    for (; k >= 13; k -= 13) multiply(n, pow5[13]);
    multiply(n, pow5[k]);
    x.point = e;
  }
  std::string reversed;
  while (!n.empty()) {
    std::uint32_t chunk = divide(n, 1000000000u);
    for (int i = 0; i < 9; ++i) {
      reversed += static_cast<char>('0' + chunk % 10);
      chunk /= 10;
    }
  }
  while (reversed.size() > 1 && reversed.back() == '0') reversed.pop_back();
  x.digits.assign(reversed.rbegin(), reversed.rend());
  // Trailing zeros move into the exponent.
  while (x.digits.size() > 1 && x.digits.back() == '0') {
    x.digits.pop_back();
    ++x.point;
  }
  return x;
}

enum class Mode { nearest_even, down, up };

// x rounded to p significant digits: exactly p digits (the first nonzero).
Exact round(const Exact& x, int p, Mode mode) {
  Exact r;
  const auto n = static_cast<int>(x.digits.size());
  r.point = x.lead() - p;
  if (n <= p) {
    r.digits = x.digits + std::string(static_cast<std::size_t>(p - n), '0');
    return r;
  }
  r.digits = x.digits.substr(0, static_cast<std::size_t>(p));
  const char first_dropped = x.digits[static_cast<std::size_t>(p)];
  // Digits beyond the first dropped one are nonzero somewhere, since trailing zeros were removed.
  const bool more = n > p + 1;
  bool up = false;
  if (mode == Mode::up) up = true;  // something nonzero is dropped
  if (mode == Mode::nearest_even) {
    up = first_dropped > '5' || (first_dropped == '5' && (more || (r.digits.back() - '0') % 2 == 1));
  }
  if (up) {
    int i = p - 1;
    while (i >= 0 && r.digits[static_cast<std::size_t>(i)] == '9') r.digits[static_cast<std::size_t>(i--)] = '0';
    if (i >= 0) {
      ++r.digits[static_cast<std::size_t>(i)];
    } else {
      r.digits = "1" + std::string(static_cast<std::size_t>(p - 1), '0');
      ++r.point;
    }
  }
  return r;
}

// -1, 0, 1 as a < b, a == b, a > b.
int compare(const Exact& a, const Exact& b) {
  if (a.lead() != b.lead()) return a.lead() < b.lead() ? -1 : 1;
  const std::size_t n = std::max(a.digits.size(), b.digits.size());
  for (std::size_t i = 0; i < n; ++i) {
    const char da = i < a.digits.size() ? a.digits[i] : '0';
    const char db = i < b.digits.size() ? b.digits[i] : '0';
    if (da != db) return da < db ? -1 : 1;
  }
  return 0;
}

struct Parts {
  bool negative;
  std::uint64_t m;  // significand, with the hidden bit
  int e;            // x = m 2^e
  bool lower_gap_half;  // x is a power of two above the smallest normal: the gap below is half the gap above
};

Parts split(double x) {
  std::uint64_t bits;
  std::memcpy(&bits, &x, sizeof bits);
  Parts p;
  p.negative = bits >> 63;
  const int biased = static_cast<int>((bits >> 52) & 0x7FF);
  const std::uint64_t fraction = bits & ((std::uint64_t{1} << 52) - 1);
  p.m = biased == 0 ? fraction : fraction | (std::uint64_t{1} << 52);
  p.e = biased == 0 ? -1074 : biased - 1075;
  p.lower_gap_half = fraction == 0 && biased > 1;
  return p;
}

std::string strip_zeros(std::string s) {
  while (!s.empty() && s.back() == '0') s.pop_back();
  return s;
}

}  // namespace

std::string general(double x, int precision) {
  if (std::isnan(x)) return "nan";
  if (std::isinf(x)) return x < 0 ? "-inf" : "inf";
  const int P = precision < 1 ? 1 : precision;
  const Parts parts = split(x);
  const std::string sign = parts.negative ? "-" : "";
  if (parts.m == 0) return sign + "0";
  const Exact r = round(exact(parts.m, parts.e), P, Mode::nearest_even);
  const int X = r.lead() - 1;  // the exponent in scientific notation
  if (X < P && X >= -4) {
    if (X >= 0) {
      const std::string whole = r.digits.substr(0, static_cast<std::size_t>(X + 1));
      const std::string fraction = strip_zeros(r.digits.substr(static_cast<std::size_t>(X + 1)));
      return sign + whole + (fraction.empty() ? "" : "." + fraction);
    }
    return sign + "0." + std::string(static_cast<std::size_t>(-X - 1), '0') + strip_zeros(r.digits);
  }
  const std::string fraction = strip_zeros(r.digits.substr(1));
  const int magnitude = X < 0 ? -X : X;
  return sign + r.digits.substr(0, 1) + (fraction.empty() ? "" : "." + fraction) + (X < 0 ? "e-" : "e+") +
         (magnitude < 10 ? "0" : "") + std::to_string(magnitude);
}

std::string shortest(double x) {
  if (std::isnan(x)) return "NaN";
  if (std::isinf(x)) return x < 0 ? "-Infinity" : "Infinity";
  const Parts parts = split(x);
  const std::string sign = parts.negative ? "-" : "";
  if (parts.m == 0) return "0";
  const Exact value = exact(parts.m, parts.e);
  // Every decimal strictly between these midpoints reads back as x; the
  // midpoints themselves do when x's significand is even (ties to even).
  const Exact high = exact(2 * parts.m + 1, parts.e - 1);
  const Exact low = parts.lower_gap_half ? exact(4 * parts.m - 1, parts.e - 2) : exact(2 * parts.m - 1, parts.e - 1);
  const bool inclusive = parts.m % 2 == 0;
  auto inside = [&](const Exact& c) {
    const int lo = compare(c, low), hi = compare(c, high);
    return inclusive ? lo >= 0 && hi <= 0 : lo > 0 && hi < 0;
  };
  // The p-digit decimal that reads back as x, nearest x first, if any.
  auto candidate = [&](int p, Exact& out) {
    const Exact nearest = round(value, p, Mode::nearest_even);
    if (inside(nearest)) {
      out = nearest;
      return true;
    }
    for (Mode mode : {Mode::down, Mode::up}) {
      const Exact other = round(value, p, mode);
      if (inside(other)) {
        out = other;
        return true;
      }
    }
    return false;
  };
  // Reading back is monotone in p (a p-digit answer is also a p+1-digit one): bisect.
  Exact best;
  int lo = 1, hi = 17;
  candidate(17, best);
  while (lo < hi) {
    const int mid = (lo + hi) / 2;
    Exact c;
    if (candidate(mid, c)) {
      hi = mid;
      best = c;
    } else {
      lo = mid + 1;
    }
  }

  // JavaScript's Number.prototype.toString layout.
  const std::string d = strip_zeros(best.digits);
  const int k = static_cast<int>(d.size());
  const int n = best.lead();
  if (k <= n && n <= 21) return sign + d + std::string(static_cast<std::size_t>(n - k), '0');
  if (0 < n && n <= 21) return sign + d.substr(0, static_cast<std::size_t>(n)) + "." + d.substr(static_cast<std::size_t>(n));
  if (-6 < n && n <= 0) return sign + "0." + std::string(static_cast<std::size_t>(-n), '0') + d;
  const int exponent = n - 1;
  return sign + d.substr(0, 1) + (k > 1 ? "." + d.substr(1) : "") + "e" + (exponent < 0 ? "-" : "+") +
         std::to_string(exponent < 0 ? -exponent : exponent);
}

}  // namespace bp::decimal
