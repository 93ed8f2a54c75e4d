#include "base/tex.hpp"

#include <cstdlib>

#include "base/decimal.hpp"

namespace bp::tex {

std::string number(double x, int digits) {
  const std::string s = decimal::general(x, digits);
  const auto e = s.find('e');
  if (e == std::string::npos) return s;
  const int exponent = std::atoi(s.c_str() + e + 1);
  return s.substr(0, e) + " \\times 10^{" + std::to_string(exponent) + "}";
}

std::string factor(double x, int digits) {
  const std::string s = number(x, digits);
  if (x < 0 || s.find("\\times") != std::string::npos) return "(" + s + ")";
  return s;
}

std::string plain_number(double x, int digits) {
  const std::string s = decimal::general(x, digits);
  const auto e = s.find('e');
  if (e == std::string::npos) return s;
  const int exponent = std::atoi(s.c_str() + e + 1);
  const std::string power = std::to_string(exponent);
  return s.substr(0, e) + " × 10^" + (exponent < 0 ? "(" + power + ")" : power);
}

std::string plain_factor(double x, int digits) {
  const std::string s = plain_number(x, digits);
  if (x < 0 || s.find("×") != std::string::npos) return "(" + s + ")";
  return s;
}

std::string partial(const std::string& of, const std::string& by) {
  return "\\frac{\\partial " + of + "}{\\partial " + by + "}";
}

std::string net(const std::string& node) { return "\\mathit{net}_{" + node + "}"; }
std::string out(const std::string& node) { return "\\mathit{out}_{" + node + "}"; }

}  // namespace bp::tex
