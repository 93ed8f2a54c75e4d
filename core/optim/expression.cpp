#include "optim/expression.hpp"

#include <cmath>
#include <cstdlib>
#include <vector>

#include "base/decimal.hpp"
#include "nn/tanh.hpp"

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
      case Op::tanh: stack[top - 1] = bp::tanh(stack[top - 1]); break;
    }
  }
  return top ? stack[0] : 0.0;
}

namespace {

bool is_binary(Program::Op op) {
  using Op = Program::Op;
  return op == Op::add || op == Op::sub || op == Op::mul || op == Op::div || op == Op::pow;
}

// torch.sgn of a real number: 0 for 0 and for NaN.
double sgn(double a) { return a > 0 ? 1.0 : (a < 0 ? -1.0 : 0.0); }

}  // namespace

// Reverse mode, as torch.autograd: the forward pass keeps each operation's
// value, then the gradient flows back from f, each operation passing its
// operands PyTorch 1.13's backward formula (derivatives.yaml) in PyTorch's
// order of operations. An overflow therefore gives what torch's backward
// gives: x / (1 + exp(y)^2) at (1, 400) has the gradient (0, -0), where the
// quotient rule carried forward, (a'b - ab') / b^2, would meet 0 inf.
Dual evaluate_with_gradient(const Program& p, double x, double y) {
  using Op = Program::Op;
  const std::size_t n = p.code.size();
  if (n == 0) return {};
  // For each operation: its value, its operands (a, b), whether it depends
  // on x or y (torch's requires_grad), and the gradient that reaches it.
  std::vector<double> value(n), grad(n, 0.0);
  std::vector<std::size_t> left(n, 0), right(n, 0);
  std::vector<char> needs(n, 0);
  std::size_t stack[max_program_stack + 1];
  std::size_t top = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const auto& instr = p.code[i];
    switch (instr.op) {
      case Op::num: value[i] = instr.value; stack[top++] = i; continue;
      case Op::x: value[i] = x; needs[i] = 1; stack[top++] = i; continue;
      case Op::y: value[i] = y; needs[i] = 1; stack[top++] = i; continue;
      default: break;
    }
    if (is_binary(instr.op)) {
      right[i] = stack[--top];
      left[i] = stack[top - 1];
      needs[i] = needs[left[i]] || needs[right[i]];
    } else {
      left[i] = stack[top - 1];
      needs[i] = needs[left[i]];
    }
    stack[top - 1] = i;
    const double a = value[left[i]], b = value[right[i]];
    double& v = value[i];
    switch (instr.op) {
      case Op::add: v = a + b; break;
      case Op::sub: v = a - b; break;
      case Op::mul: v = a * b; break;
      case Op::div: v = a / b; break;
      case Op::pow: v = std::pow(a, b); break;
      case Op::powi: v = powi(a, instr.value); break;
      case Op::neg: v = -a; break;
      case Op::sin: v = std::sin(a); break;
      case Op::cos: v = std::cos(a); break;
      case Op::exp: v = std::exp(a); break;
      case Op::log: v = std::log(a); break;
      case Op::sqrt: v = std::sqrt(a); break;
      case Op::abs: v = std::abs(a); break;
      case Op::tanh: v = bp::tanh(a); break;
      default: break;
    }
  }
  const std::size_t root = n - 1;
  Dual out{value[root], 0, 0};
  if (!needs[root]) return out;
  // x and y each gather the gradients sent to them, in the order torch's
  // engine sends them (the operations in reverse order, an operation's left
  // operand before its right).
  bool has_dx = false, has_dy = false;
  auto send = [&](std::size_t to, double g) {
    if (!needs[to]) return;
    const Op op = p.code[to].op;
    if (op == Op::x) {
      out.dx = has_dx ? out.dx + g : g;
      has_dx = true;
    } else if (op == Op::y) {
      out.dy = has_dy ? out.dy + g : g;
      has_dy = true;
    } else {
      grad[to] = g;  // an operation's result has one consumer: the program is a tree
    }
  };
  grad[root] = 1.0;
  for (std::size_t i = n; i-- > 0;) {
    const Op op = p.code[i].op;
    if (!needs[i] || op == Op::x || op == Op::y || op == Op::num) continue;
    const double g = grad[i];
    const std::size_t ia = left[i], ib = right[i];
    const double a = value[ia], b = value[ib], result = value[i];
    switch (op) {
      case Op::add: send(ia, g); send(ib, g); break;                          // grad, grad
      case Op::sub: send(ia, g); send(ib, -g); break;                         // grad, -grad
      case Op::mul: send(ia, g * b); send(ib, g * a); break;                  // grad * other, grad * self
      case Op::div: send(ia, g / b); send(ib, -g * ((a / b) / b)); break;     // grad / other, -grad * ((self / other) / other)
      case Op::pow:
        // pow_backward_self: where(b == 0, 0, grad * (b * a^(b - 1)));
        // pow_backward_exponent: grad * where(a == 0 and b >= 0, 0, result * log(a))
        if (needs[ia]) send(ia, b == 0 ? 0.0 : g * (b * std::pow(a, b - 1)));
        if (needs[ib]) send(ib, g * (a == 0 && b >= 0 ? 0.0 : result * std::log(a)));
        break;
      case Op::powi: {
        const double k = p.code[i].value;
        send(ia, k == 0 ? 0.0 : g * (k * powi(a, k - 1)));
        break;
      }
      case Op::neg: send(ia, -g); break;
      case Op::sin: send(ia, g * std::cos(a)); break;
      case Op::cos: send(ia, g * -std::sin(a)); break;
      case Op::exp: send(ia, g * result); break;
      case Op::log: send(ia, g / a); break;
      case Op::sqrt: send(ia, g / (2 * result)); break;
      case Op::abs: send(ia, g * sgn(a)); break;
      case Op::tanh: send(ia, g * (1 - result * result)); break;
      default: break;
    }
  }
  return out;
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
