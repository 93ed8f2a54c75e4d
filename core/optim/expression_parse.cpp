// The parser of f(x, y). It throws, so it is apart from the evaluator
// (expression.cpp), which runs on every grid point and optimizer step.
//
//   expr    := term (('+' | '-') term)*
//   term    := unary (('*' | '/') unary)*
//   unary   := ('-' | '+') unary | power
//   power   := primary ('^' unary)?          right-associative: 2^-x^2 = 2^(-(x^2))
//   primary := number | x | y | pi | e | name '(' expr ')' | '(' expr ')'
#include <algorithm>
#include <cmath>
#include <cstdlib>

#include "base/error.hpp"
#include "optim/expression.hpp"
#include "base/utf8.hpp"

namespace bp {

namespace {

// The text as code points, so positions count characters, not bytes.
std::vector<char32_t> code_points(const std::string& s) {
  std::vector<char32_t> out;
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    int extra = c < 0x80 ? 0 : (c >> 5) == 0x6 ? 1 : (c >> 4) == 0xE ? 2 : (c >> 3) == 0x1E ? 3 : 0;
    char32_t cp = extra == 0 ? c : extra == 1 ? (c & 0x1F) : extra == 2 ? (c & 0x0F) : (c & 0x07);
    ++i;
    for (int k = 0; k < extra && i < s.size(); ++k, ++i) cp = (cp << 6) | (static_cast<unsigned char>(s[i]) & 0x3F);
    out.push_back(cp);
  }
  return out;
}

std::string utf8(char32_t c) {
  std::string out;
  append_utf8(out, c);
  return out;
}

// − × · ÷ as typed, read as - * * /.
char32_t plain(char32_t c) {
  switch (c) {
    case U'\u2212': return U'-';
    case U'\u00D7': case U'\u00B7': case U'\u22C5': return U'*';
    case U'\u00F7': return U'/';
    default: return c;
  }
}

bool is_digit(char32_t c) { return c >= U'0' && c <= U'9'; }
bool is_letter(char32_t c) { return (c >= U'a' && c <= U'z') || (c >= U'A' && c <= U'Z') || c == U'_'; }

class Parser {
 public:
  explicit Parser(const std::string& text) : s_(code_points(text)) {
    for (auto& c : s_) c = plain(c);
  }

  Program parse() {
    skip_space();
    if (pos_ >= s_.size()) throw Error("expr_empty", "expression");
    expr(0);
    skip_space();
    if (pos_ < s_.size()) {
      if (s_[pos_] == U')') fail("expr_unexpected", {{"text", ")"}});
      fail("expr_expected_operator");
    }
    return program_;
  }

 private:
  static constexpr int max_depth = 60;

  [[noreturn]] void fail(const char* code, Params params = {}) const {
    params.insert(params.begin(), {"position", std::to_string(pos_ + 1)});
    throw Error(code, "expression", params);
  }

  void skip_space() {
    while (pos_ < s_.size() && (s_[pos_] == U' ' || s_[pos_] == U'\t' || s_[pos_] == U'\n' || s_[pos_] == U'\r' ||
                                s_[pos_] == U'\u3000' || s_[pos_] == U'\u00A0')) {
      ++pos_;
    }
  }

  bool accept(char32_t c) {
    skip_space();
    if (pos_ < s_.size() && s_[pos_] == c) {
      ++pos_;
      return true;
    }
    return false;
  }

  void emit(Program::Op op, double value = 0) { program_.code.push_back({op, value}); }

  void expr(int depth) {
    if (depth > max_depth) fail("expr_too_deep");
    term(depth);
    for (;;) {
      if (accept(U'+')) {
        term(depth);
        emit(Program::Op::add);
      } else if (accept(U'-')) {
        term(depth);
        emit(Program::Op::sub);
      } else {
        return;
      }
    }
  }

  void term(int depth) {
    unary(depth);
    for (;;) {
      if (accept(U'*')) {
        unary(depth);
        emit(Program::Op::mul);
      } else if (accept(U'/')) {
        unary(depth);
        emit(Program::Op::div);
      } else {
        return;
      }
    }
  }

  void unary(int depth) {
    if (depth > max_depth) fail("expr_too_deep");
    if (accept(U'-')) {
      unary(depth + 1);
      emit(Program::Op::neg);
    } else if (accept(U'+')) {
      unary(depth + 1);
    } else {
      power(depth);
    }
  }

  void power(int depth) {
    primary(depth);
    if (accept(U'^')) {
      const std::size_t exponent = program_.code.size();
      unary(depth + 1);
      // A whole constant exponent (x^2, y^-3) is computed by multiplying.
      const auto& code = program_.code;
      if (code.size() == exponent + 1 && code.back().op == Program::Op::num) {
        const double n = code.back().value;
        if (n == std::floor(n) && std::abs(n) <= 64) {
          program_.code.back() = {Program::Op::powi, n};
          return;
        }
      }
      emit(Program::Op::pow);
    }
  }

  void primary(int depth) {
    skip_space();
    if (pos_ >= s_.size()) fail("expr_expected_operand");
    const char32_t c = s_[pos_];
    if (is_digit(c) || c == U'.') return number();
    if (c == U'(') {
      const std::size_t open = pos_++;
      expr(depth + 1);
      if (!accept(U')')) {
        pos_ = open;
        fail("expr_unclosed");
      }
      return;
    }
    if (is_letter(c)) return name(depth);
    if (c == U')' || c == U'*' || c == U'/' || c == U'^') fail("expr_expected_operand");
    fail("expr_unexpected", {{"text", utf8(c)}});
  }

  void number() {
    const std::size_t start = pos_;
    std::string digits;
    auto take_digits = [&] {
      while (pos_ < s_.size() && is_digit(s_[pos_])) digits += static_cast<char>(s_[pos_++]);
    };
    take_digits();
    if (pos_ < s_.size() && s_[pos_] == U'.') {
      digits += '.';
      ++pos_;
      take_digits();
    }
    if (digits == ".") {
      pos_ = start;
      fail("expr_unexpected", {{"text", "."}});
    }
    // An exponent: 1e-3, 2E5 (a lone e after a number is not one).
    if (pos_ + 1 < s_.size() && (s_[pos_] == U'e' || s_[pos_] == U'E')) {
      std::size_t p = pos_ + 1;
      if (s_[p] == U'+' || s_[p] == U'-') ++p;
      if (p < s_.size() && is_digit(s_[p])) {
        digits += 'e';
        if (s_[pos_ + 1] == U'-') digits += '-';
        pos_ = p;
        take_digits();
      }
    }
    emit(Program::Op::num, std::strtod(digits.c_str(), nullptr));
  }

  void name(int depth) {
    const std::size_t start = pos_;
    std::string word;
    while (pos_ < s_.size() && (is_letter(s_[pos_]) || is_digit(s_[pos_]))) word += static_cast<char>(s_[pos_++]);
    if (word == "x") return emit(Program::Op::x);
    if (word == "y") return emit(Program::Op::y);
    if (word == "pi") return emit(Program::Op::num, 3.141592653589793);
    if (word == "e") return emit(Program::Op::num, 2.718281828459045);
    static const std::vector<std::pair<std::string, Program::Op>> functions = {
        {"sin", Program::Op::sin},   {"cos", Program::Op::cos}, {"exp", Program::Op::exp},   {"log", Program::Op::log},
        {"ln", Program::Op::log},    {"sqrt", Program::Op::sqrt}, {"abs", Program::Op::abs}, {"tanh", Program::Op::tanh},
    };
    for (const auto& [fname, op] : functions) {
      if (word != fname) continue;
      skip_space();
      if (pos_ >= s_.size() || s_[pos_] != U'(') {
        pos_ = start;
        fail("expr_needs_parenthesis", {{"name", word}});
      }
      const std::size_t open = pos_++;
      expr(depth + 1);
      if (!accept(U')')) {
        pos_ = open;
        fail("expr_unclosed");
      }
      return emit(op);
    }
    pos_ = start;
    fail("expr_unknown_name", {{"name", word}});
  }

  std::vector<char32_t> s_;
  std::size_t pos_ = 0;
  Program program_;
};

}  // namespace

Program parse_expression(const std::string& text) {
  if (text.size() > max_expression_length) {
    throw Error("expr_too_long", "expression", {{"max", std::to_string(max_expression_length)}});
  }
  Program p = Parser(text).parse();
  // The evaluator's stack is fixed in size.
  std::size_t depth = 0, deepest = 0;
  for (const auto& instr : p.code) {
    const bool operand = instr.op == Program::Op::num || instr.op == Program::Op::x || instr.op == Program::Op::y;
    // powi works on the top of the stack in place, like a function.
    const bool binary = instr.op == Program::Op::add || instr.op == Program::Op::sub || instr.op == Program::Op::mul ||
                        instr.op == Program::Op::div || instr.op == Program::Op::pow;
    depth = operand ? depth + 1 : (binary ? depth - 1 : depth);
    deepest = std::max(deepest, depth);
  }
  if (deepest > max_program_stack) throw Error("expr_too_deep", "expression", {{"position", "1"}});
  return p;
}

}  // namespace bp
