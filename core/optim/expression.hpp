// f(x, y) as a student types it: + - * / ^, parentheses, sin cos exp log
// sqrt abs tanh, x, y, pi, e and numbers (also − × · ÷ as typed on a
// phone). Parsed once into a postfix program; evaluated with its exact
// gradient by reverse-mode automatic differentiation with PyTorch's backward
// formulas (as torch.autograd would differentiate the same expression), not
// by finite differences.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace bp {

struct Program {
  // powi: a^n for a whole n in [-64, 64] (value holds n), by multiplication.
  enum class Op : std::uint8_t { num, x, y, add, sub, mul, div, pow, powi, neg, sin, cos, exp, log, sqrt, abs, tanh };
  struct Instr {
    Op op;
    double value = 0;  // num only
  };
  std::vector<Instr> code;  // postfix
};

inline constexpr std::size_t max_expression_length = 500;
inline constexpr std::size_t max_program_stack = 128;

// Throws bp::Error with the 1-based character position of the problem
// (codes expr_empty, expr_unexpected, expr_expected_operand,
// expr_expected_operator, expr_unclosed, expr_unknown_name,
// expr_needs_parenthesis, expr_too_long, expr_too_deep), field "expression".
Program parse_expression(const std::string& text);

struct Dual {
  double value = 0, dx = 0, dy = 0;
};

double evaluate(const Program& p, double x, double y);
// The value and its exact gradient (d/dx, d/dy), by reverse mode: each
// operation's backward rule as torch 1.13 writes it,
//   (a + b): g, g   (a - b): g, -g   (a b): g b, g a   (a / b): g / b, -g ((a / b) / b)
//   a^b: g (b a^(b-1)) (0 when b = 0), g (a^b ln a) (0 when a = 0 and b >= 0)
//   sin: g cos a   cos: g (-sin a)   exp: g e^a   log: g / a   sqrt: g / (2 sqrt a)
//   abs: g sgn(a)  (0 at 0 and at NaN)   tanh: g (1 - tanh^2 a)
// so NaN and infinity come out where torch's do, and only there.
Dual evaluate_with_gradient(const Program& p, double x, double y);

// The program as LaTeX, with the parentheses its precedence needs.
std::string program_tex(const Program& p);

}  // namespace bp
