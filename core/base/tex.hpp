// Numbers and symbols as LaTeX, for the trace's formulas, and the same
// numbers as plain text.
#pragma once

#include <string>

namespace bp::tex {

// x with `digits` significant digits: 0.593269992, -0.0226025405,
// 3.51018778 \times 10^{-5}.
std::string number(double x, int digits);
// The same, in parentheses where it would otherwise read wrongly inside a
// product or after a minus sign (negative numbers, powers of ten).
std::string factor(double x, int digits);
// The same two as plain text: 3.51018778 × 10^(-5), (-0.0226025405).
std::string plain_number(double x, int digits);
std::string plain_factor(double x, int digits);

std::string partial(const std::string& of, const std::string& by);  // \frac{\partial of}{\partial by}
std::string net(const std::string& node);                            // \mathit{net}_{h1}
std::string out(const std::string& node);                            // \mathit{out}_{h1}
inline const std::string E_total = "E_{\\mathit{total}}";
inline const std::string cdot = " \\cdot ";

}  // namespace bp::tex
