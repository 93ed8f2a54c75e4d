// f(x, y) as typed: parsing, exact derivatives, error positions, and no crash
// on anything.
#include <functional>
#include <random>

#include "base/error.hpp"
#include "optim/expression.hpp"
#include "support.hpp"
#include "optim/surface.hpp"

namespace {

std::string error_of(const std::string& text) {
  try {
    bp::parse_expression(text);
  } catch (const bp::Error& e) {
    std::string out = e.code();
    for (const auto& [k, v] : e.params()) out += " " + k + "=" + v;
    return out;
  }
  return "ok";
}

}  // namespace

TEST_CASE("the presets typed as expressions have the presets' analytic gradients", "[expression]") {
  std::mt19937 rng(3);
  std::uniform_real_distribution<double> u(-2, 2);
  for (const auto& p : bp::presets()) {
    const bp::Program program = bp::parse_expression(p.expression);
    const bp::Surface analytic = bp::Surface::preset(p.id);
    for (int i = 0; i < 200; ++i) {
      const double x = u(rng), y = u(rng);
      const bp::Dual a = analytic.at(x, y), b = bp::evaluate_with_gradient(program, x, y);
      INFO(p.name << " at (" << x << ", " << y << ")");
      CHECK(bp::test::close(b.value, a.value, 1e-13, 1e-13));
      CHECK(bp::test::close(b.dx, a.dx, 1e-13, 1e-13));
      CHECK(bp::test::close(b.dy, a.dy, 1e-13, 1e-13));
      CHECK(bp::evaluate(program, x, y) == b.value);
    }
  }
}

TEST_CASE("automatic derivatives match central finite differences", "[expression]") {
  const std::vector<std::string> functions = {
      "sin(x) * cos(y)",          "exp(-x^2 - y^2)",        "log(1 + x^2 + y^2)",    "sqrt(2 + x*y)",
      "abs(x - 0.3) + tanh(y)",  "x^y",                     "2^(x + y)",             "x^3 - 3*x*y^2",
      "(x + 1)/(y^2 + 1)",        "-x^2 + pi*y - e",         "sin(x*y)^2 / (1 + cos(x))", "tanh(x)*log(3 + sin(y))",
  };
  std::mt19937 rng(11);
  std::uniform_real_distribution<double> u(0.2, 1.8);
  const double h = 1e-6;
  for (const auto& text : functions) {
    const bp::Program p = bp::parse_expression(text);
    for (int i = 0; i < 100; ++i) {
      const double x = u(rng), y = u(rng);
      if (text.find("abs") != std::string::npos && std::abs(x - 0.3) < 1e-3) continue;
      const bp::Dual d = bp::evaluate_with_gradient(p, x, y);
      const double fx = (bp::evaluate(p, x + h, y) - bp::evaluate(p, x - h, y)) / (2 * h);
      const double fy = (bp::evaluate(p, x, y + h) - bp::evaluate(p, x, y - h)) / (2 * h);
      INFO(text << " at (" << x << ", " << y << "): " << d.dx << " vs " << fx << ", " << d.dy << " vs " << fy);
      CHECK(bp::test::close(d.dx, fx, 1e-6, 1e-7));
      CHECK(bp::test::close(d.dy, fy, 1e-6, 1e-7));
    }
  }
}

TEST_CASE("precedence and the forms a student types", "[expression]") {
  auto at = [](const char* text, double x, double y) { return bp::evaluate(bp::parse_expression(text), x, y); };
  CHECK(at("2 + 3 * 4", 0, 0) == 14);
  CHECK(at("2^3^2", 0, 0) == 512);  // right-associative
  CHECK(at("-x^2", 3, 0) == -9);    // minus binds looser than ^
  CHECK(at("2^-x", 1, 0) == 0.5);
  CHECK(at("8 / 4 / 2", 0, 0) == 1);
  CHECK(at("x − y × 2 ÷ 4", 5, 2) == 4);  // as typed on a phone
  CHECK(at("1e-3 * x + 2E2", 1000, 0) == 201);
  CHECK(at("  ln(e) + sqrt(16) ", 0, 0) == 5);
  CHECK(bp::program_tex(bp::parse_expression("(1 - x)^2 + 100*(y - x^2)^2")) ==
        "\\left(1 - x\\right)^{2} + 100 \\cdot \\left(y - x^{2}\\right)^{2}");
  CHECK(bp::program_tex(bp::parse_expression("-(x + y) / 2")) == "\\frac{-\\left(x + y\\right)}{2}");
}

TEST_CASE("malformed functions name the problem and its position", "[expression]") {
  CHECK(error_of("") == "expr_empty");
  CHECK(error_of("   ") == "expr_empty");
  CHECK(error_of("x +") == "expr_expected_operand position=4");
  CHECK(error_of("2x") == "expr_expected_operator position=2");
  CHECK(error_of("(x + y") == "expr_unclosed position=1");
  CHECK(error_of("sin(x") == "expr_unclosed position=4");
  CHECK(error_of("x + )") == "expr_expected_operand position=5");
  CHECK(error_of("x + y)") == "expr_unexpected position=6 text=)");
  CHECK(error_of("x $ y") == "expr_expected_operator position=3");
  CHECK(error_of("foo(x)") == "expr_unknown_name position=1 name=foo");
  CHECK(error_of("x + z") == "expr_unknown_name position=5 name=z");
  CHECK(error_of("sin x") == "expr_needs_parenthesis position=1 name=sin");
  CHECK(error_of("中 + x") == "expr_unexpected position=1 text=中");
  CHECK(error_of("x + 中") == "expr_unexpected position=5 text=中");
  CHECK(error_of(std::string(600, 'x')) == "expr_too_long max=500");
  CHECK(error_of(std::string(200, '(') + "x" + std::string(200, ')')).rfind("expr_too_deep", 0) == 0);
}

TEST_CASE("100,000 random strings: parsed or refused, never a crash", "[expression][fuzz]") {
  std::mt19937 rng(20261126);
  const std::string alphabet = "xy0123456789.+-*/^() sincoexplgqrtabhpe,;$#\t";
  const std::vector<std::string> pieces = {"sin(", "cos(", "exp(", "log(", "sqrt(", "abs(", "tanh(", "x", "y",
                                           "pi",   "e",    "^",    "1e",   "−",     "×",    "(",     ")",    "2.5"};
  std::uniform_int_distribution<int> len(0, 40), pick(0, 1);
  int parsed = 0, refused = 0;
  for (int i = 0; i < 100000; ++i) {
    std::string s;
    const int n = len(rng);
    for (int k = 0; k < n; ++k) {
      if (pick(rng)) s += alphabet[std::uniform_int_distribution<std::size_t>(0, alphabet.size() - 1)(rng)];
      else s += pieces[std::uniform_int_distribution<std::size_t>(0, pieces.size() - 1)(rng)];
    }
    try {
      const bp::Program p = bp::parse_expression(s);
      const bp::Dual d = bp::evaluate_with_gradient(p, 0.7, -1.3);
      (void)d;
      (void)bp::program_tex(p);
      ++parsed;
    } catch (const bp::Error& e) {
      CHECK(e.field() == "expression");
      ++refused;
    }
  }
  CHECK(parsed + refused == 100000);
  CHECK(parsed > 500);
}

TEST_CASE("randomly grown valid functions parse, print and evaluate", "[expression][fuzz]") {
  std::mt19937 rng(5);
  std::function<std::string(int)> grow = [&](int depth) -> std::string {
    const int choice = std::uniform_int_distribution<int>(0, depth > 5 ? 2 : 9)(rng);
    switch (choice) {
      case 0: return "x";
      case 1: return "y";
      case 2: return std::to_string(std::uniform_int_distribution<int>(0, 9)(rng));
      case 3: return grow(depth + 1) + " + " + grow(depth + 1);
      case 4: return grow(depth + 1) + " - " + grow(depth + 1);
      case 5: return grow(depth + 1) + " * " + grow(depth + 1);
      case 6: return "(" + grow(depth + 1) + ") / (" + grow(depth + 1) + ")";
      case 7: return "(" + grow(depth + 1) + ")^2";
      case 8: return "-" + grow(depth + 1);
      default: {
        const char* f[] = {"sin", "cos", "exp", "log", "sqrt", "abs", "tanh"};
        return std::string(f[std::uniform_int_distribution<int>(0, 6)(rng)]) + "(" + grow(depth + 1) + ")";
      }
    }
  };
  for (int i = 0; i < 10000; ++i) {
    const std::string text = grow(0);
    if (text.size() > bp::max_expression_length) continue;
    INFO(text);
    const bp::Program p = bp::parse_expression(text);
    const bp::Dual d = bp::evaluate_with_gradient(p, 0.4, 0.9);
    // The value and its derivative come from the same program: evaluate agrees with the dual value.
    const double v = bp::evaluate(p, 0.4, 0.9);
    CHECK((v == d.value || (std::isnan(v) && std::isnan(d.value))));
    CHECK_FALSE(bp::program_tex(p).empty());
  }
}
