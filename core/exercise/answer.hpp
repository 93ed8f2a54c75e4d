// A student's typed answer, checked against a term's value.
//
// The text is a decimal number: an optional sign (- + or U+2212 −), digits
// with one decimal point, an optional exponent (e-3, E+2). A decimal comma
// reads as the point when the text has no point ("0,0822" is 0.0822); there
// are no thousands separators. Spaces around it are ignored.
//
// The significant digits are those from the first non-zero digit on ("0.0822"
// has 3, "1.50e-3" has 3, "100" has 3); at least 3 are required. An answer is
// right when it is within one unit of its last digit of the value (rounded
// or cut there) and within 1e-3 of it relatively: with 3 digits that is at
// most 1e-3, with more digits it is one unit in the last digit.
#pragma once

#include <string>
#include <vector>

#include "exercise/mistakes.hpp"

namespace bp::exercise {

inline constexpr int min_digits = 3;
inline constexpr double loosest = 1e-3;

struct Typed {
  bool number = false;  // it reads as a finite number
  double value = 0;
  int digits = 0;       // significant digits given
  double unit = 0;      // the place of its last digit: 0.0822 -> 1e-4
};

Typed read_answer(const std::string& text);

// The typed number matches `value` to the digits given; with a tolerance
// (relative, > 0) it matches when within that share of |value| instead.
bool matches(const Typed& typed, double value, double tolerance = 0);

enum class Verdict { right, too_few_digits, not_a_number, mistake, wrong };
const char* verdict_name(Verdict v);

struct Check {
  Verdict verdict = Verdict::wrong;
  std::string mistake;  // the catalog's id when verdict is mistake
  int digits = 0;
};

// Right first, then each mistake in the order given, else wrong. A tolerance
// (relative, > 0) replaces the digits rule; at least min_digits are still asked.
Check check_answer(const std::string& text, double right, const std::vector<MistakeValue>& mistakes,
                   double tolerance = 0);

}  // namespace bp::exercise
