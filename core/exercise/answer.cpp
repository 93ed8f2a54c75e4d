#include "exercise/answer.hpp"

#include <cmath>
#include <cstdlib>

namespace bp::exercise {

namespace {
bool space(char ch) { return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r'; }
bool digit(char ch) { return ch >= '0' && ch <= '9'; }
}  // namespace

Typed read_answer(const std::string& text) {
  Typed typed;
  // The text with U+2212 as '-' and a lone decimal comma as the point.
  std::string s;
  std::size_t from = 0, to = text.size();
  while (from < to && space(text[from])) ++from;
  while (to > from && space(text[to - 1])) --to;
  for (std::size_t i = from; i < to; ++i) {
    if (text.compare(i, 3, "\xE2\x88\x92") == 0) {
      s += '-';
      i += 2;
    } else {
      s += text[i];
    }
  }
  if (s.find('.') == std::string::npos) {
    const std::size_t comma = s.find(',');
    if (comma != std::string::npos && s.find(',', comma + 1) == std::string::npos) s[comma] = '.';
  }

  // [sign] digits [. digits] [e [sign] digits]
  std::size_t i = 0;
  if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
  int before = 0, after = 0, significant = 0, zeros = 0;
  bool nonzero = false;
  for (; i < s.size() && digit(s[i]); ++i, ++before) {
    nonzero = nonzero || s[i] != '0';
    if (nonzero) ++significant;
  }
  if (i < s.size() && s[i] == '.') {
    for (++i; i < s.size() && digit(s[i]); ++i, ++after) {
      nonzero = nonzero || s[i] != '0';
      if (nonzero) ++significant; else ++zeros;
    }
  }
  if (before + after == 0) return typed;
  long exponent = 0;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    bool negative = false;
    if (i < s.size() && (s[i] == '-' || s[i] == '+')) negative = s[i++] == '-';
    if (i == s.size() || !digit(s[i])) return typed;
    for (; i < s.size() && digit(s[i]); ++i) exponent = std::min(exponent * 10 + (s[i] - '0'), 100000L);
    if (negative) exponent = -exponent;
  }
  if (i != s.size()) return typed;
  const double value = std::strtod(s.c_str(), nullptr);
  if (!std::isfinite(value)) return typed;
  typed.number = true;
  typed.value = value;
  // Zero written as 0.000 gives as many digits as it has decimals.
  typed.digits = nonzero ? significant : std::max(zeros, 1);
  typed.unit = std::pow(10.0, static_cast<double>(exponent - after));
  return typed;
}

bool matches(const Typed& typed, double value, double relative) {
  if (!typed.number || !std::isfinite(value)) return false;
  const double tolerance = relative > 0 ? relative * std::fabs(value) : std::min(typed.unit, loosest * std::fabs(value));
  // A hair more than the tolerance, for the rounding of decimal text to binary.
  return std::fabs(typed.value - value) <= tolerance * (1 + 1e-9);
}

const char* verdict_name(Verdict v) {
  switch (v) {
    case Verdict::right: return "right";
    case Verdict::too_few_digits: return "too_few_digits";
    case Verdict::not_a_number: return "not_a_number";
    case Verdict::mistake: return "mistake";
    case Verdict::wrong: return "wrong";
  }
  return "";
}

Check check_answer(const std::string& text, double right, const std::vector<MistakeValue>& mistakes,
                   double tolerance) {
  Check c;
  const Typed typed = read_answer(text);
  c.digits = typed.digits;
  if (!typed.number) {
    c.verdict = Verdict::not_a_number;
  } else if (typed.digits < min_digits) {
    c.verdict = Verdict::too_few_digits;
  } else if (matches(typed, right, tolerance)) {
    c.verdict = Verdict::right;
  } else {
    for (const MistakeValue& m : mistakes) {
      if (matches(typed, m.value, tolerance)) {
        c.verdict = Verdict::mistake;
        c.mistake = m.id;
        return c;
      }
    }
    c.verdict = Verdict::wrong;
  }
  return c;
}

}  // namespace bp::exercise
