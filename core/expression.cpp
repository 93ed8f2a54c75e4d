#include "expression.hpp"

#include <cmath>
#include <cstdlib>

#include "decimal.hpp"

namespace bp {

namespace {

// a^n for a whole n, by squaring: x^2 = x x, x^3 = x x x (as a reader would),
// x^-n = 1 / x^n.
double powi(double a, double n) {
  long k = static_cast<long>(n < 0 ? -n : n);
  double result = 1, base = a;
  bool first = true;
  while (k > 0) {
    if (k & 1) {
      result = first ? base : result * base;
      first = false;
    }
    k >>= 1;
    if (k) base = base * base;
  }
  return n < 0 ? 1 / result : result;
}

}  // namespace

double evaluate(const Program& p, double x, double y) {
  double stack[max_program_stack + 1];
  std::size_t top = 0;
  for (const auto& instr : p.code) {
    using Op = Program::Op;
    switch (instr.op) {
      case Op::num: stack[top++] = instr.value; break;
      case Op::x: stack[top++] = x; break;
      case Op::y: stack[top++] = y; break;
      case Op::add: --top; stack[top - 1] = stack[top - 1] + stack[top]; break;
      case Op::sub: --top; stack[top - 1] = stack[top - 1] - stack[top]; break;
      case Op::mul: --top; stack[top - 1] = stack[top - 1] * stack[top]; break;
      case Op::div: --top; stack[top - 1] = stack[top - 1] / stack[top]; break;
      case Op::pow: --top; stack[top - 1] = std::pow(stack[top - 1], stack[top]); break;
      case Op::powi: stack[top - 1] = powi(stack[top - 1], instr.value); break;
      case Op::neg: stack[top - 1] = -stack[top - 1]; break;
      case Op::sin: stack[top - 1] = std::sin(stack[top - 1]); break;
      case Op::cos: stack[top - 1] = std::cos(stack[top - 1]); break;
      case Op::exp: stack[top - 1] = std::exp(stack[top - 1]); break;
      case Op::log: stack[top - 1] = std::log(stack[top - 1]); break;
      case Op::sqrt: stack[top - 1] = std::sqrt(stack[top - 1]); break;
      case Op::abs: stack[top - 1] = std::abs(stack[top - 1]); break;
      case Op::tanh: stack[top - 1] = std::tanh(stack[top - 1]); break;
    }
  }
  return top ? stack[0] : 0.0;
}

namespace {

Dual chain(double value, double derivative, const Dual& a) { return {value, derivative * a.dx, derivative * a.dy}; }

Dual power(const Dual& a, const Dual& b) {
  const double value = std::pow(a.value, b.value);
  if (b.dx == 0 && b.dy == 0) {
    // a^c with a constant exponent: c a^(c - 1) a', defined for a negative base too.
    const double d = b.value == 0 ? 0.0 : b.value * std::pow(a.value, b.value - 1);
    return chain(value, d, a);
  }
  // a^b = e^(b ln a): a^b (b' ln a + b a' / a)
  const double log_a = std::log(a.value);
  return {value, value * (b.dx * log_a + b.value * a.dx / a.value), value * (b.dy * log_a + b.value * a.dy / a.value)};
}

}  // namespace

Dual evaluate_with_gradient(const Program& p, double x, double y) {
  Dual stack[max_program_stack + 1];
  std::size_t top = 0;
  for (const auto& instr : p.code) {
    using Op = Program::Op;
    Dual* a = top >= 2 ? &stack[top - 2] : nullptr;  // left operand of a binary op
    Dual& last = stack[top ? top - 1 : 0];
    switch (instr.op) {
      case Op::num: stack[top++] = {instr.value, 0, 0}; break;
      case Op::x: stack[top++] = {x, 1, 0}; break;
      case Op::y: stack[top++] = {y, 0, 1}; break;
      case Op::add: *a = {a->value + last.value, a->dx + last.dx, a->dy + last.dy}; --top; break;
      case Op::sub: *a = {a->value - last.value, a->dx - last.dx, a->dy - last.dy}; --top; break;
      case Op::mul:
        *a = {a->value * last.value, a->dx * last.value + a->value * last.dx, a->dy * last.value + a->value * last.dy};
        --top;
        break;
      case Op::div: {
        const double b2 = last.value * last.value;
        *a = {a->value / last.value, (a->dx * last.value - a->value * last.dx) / b2,
              (a->dy * last.value - a->value * last.dy) / b2};
        --top;
        break;
      }
      case Op::pow: *a = power(*a, last); --top; break;
      case Op::powi: {
        // (a^n)' = n a^(n-1) a'
        const double n = instr.value;
        last = chain(powi(last.value, n), n == 0 ? 0.0 : n * powi(last.value, n - 1), last);
        break;
      }
      case Op::neg: last = {-last.value, -last.dx, -last.dy}; break;
      case Op::sin: last = chain(std::sin(last.value), std::cos(last.value), last); break;
      case Op::cos: last = chain(std::cos(last.value), -std::sin(last.value), last); break;
      case Op::exp: {
        const double e = std::exp(last.value);
        last = chain(e, e, last);
        break;
      }
      case Op::log: last = chain(std::log(last.value), 1.0 / last.value, last); break;
      case Op::sqrt: {
        const double r = std::sqrt(last.value);
        last = chain(r, 0.5 / r, last);
        break;
      }
      case Op::abs:
        last = chain(std::abs(last.value), last.value > 0 ? 1.0 : (last.value < 0 ? -1.0 : 0.0), last);
        break;
      case Op::tanh: {
        const double t = std::tanh(last.value);
        last = chain(t, 1.0 - t * t, last);
        break;
      }
    }
  }
  return top ? stack[0] : Dual{};
}

namespace {

// Precedence of a LaTeX piece: 1 sum, 2 product, 3 unary minus, 4 power, 5 atom.
struct Piece {
  std::string tex;
  int precedence;
};

std::string number_tex(double v) {
  if (v == 3.141592653589793) return "\\pi";
  if (v == 2.718281828459045) return "e";
  const std::string s = decimal::shortest(v);
  const auto e = s.find('e');
  if (e == std::string::npos) return s;
  return s.substr(0, e) + " \\times 10^{" + std::to_string(std::atoi(s.c_str() + e + 1)) + "}";
}

std::string wrap(const Piece& p, int at_least) { return p.precedence < at_least ? "\\left(" + p.tex + "\\right)" : p.tex; }

}  // namespace

std::string program_tex(const Program& p) {
  std::vector<Piece> stack;
  for (const auto& instr : p.code) {
    using Op = Program::Op;
    auto binary = [&](const std::string& op, int prec, int left_min, int right_min) {
      const Piece b = stack.back();
      stack.pop_back();
      const Piece a = stack.back();
      stack.back() = {wrap(a, left_min) + op + wrap(b, right_min), prec};
    };
    auto function = [&](const std::string& name) { stack.back() = {name + "\\left(" + stack.back().tex + "\\right)", 5}; };
    switch (instr.op) {
      case Op::num: stack.push_back({number_tex(instr.value), 5}); break;
      case Op::x: stack.push_back({"x", 5}); break;
      case Op::y: stack.push_back({"y", 5}); break;
      case Op::add: binary(" + ", 1, 1, 1); break;
      case Op::sub: binary(" - ", 1, 1, 2); break;
      case Op::mul: binary(" \\cdot ", 2, 2, 3); break;
      case Op::div: {
        const Piece b = stack.back();
        stack.pop_back();
        stack.back() = {"\\frac{" + stack.back().tex + "}{" + b.tex + "}", 5};
        break;
      }
      case Op::pow: {
        const Piece b = stack.back();
        stack.pop_back();
        stack.back() = {wrap(stack.back(), 5) + "^{" + b.tex + "}", 4};
        break;
      }
      case Op::powi: stack.back() = {wrap(stack.back(), 5) + "^{" + number_tex(instr.value) + "}", 4}; break;
      case Op::neg: stack.back() = {"-" + wrap(stack.back(), 3), 3}; break;
      case Op::sin: function("\\sin"); break;
      case Op::cos: function("\\cos"); break;
      case Op::exp: function("\\exp"); break;
      case Op::log: function("\\log"); break;
      case Op::sqrt: stack.back() = {"\\sqrt{" + stack.back().tex + "}", 5}; break;
      case Op::abs: stack.back() = {"\\left|" + stack.back().tex + "\\right|", 5}; break;
      case Op::tanh: function("\\tanh"); break;
    }
  }
  return stack.empty() ? "" : stack.back().tex;
}

}  // namespace bp
