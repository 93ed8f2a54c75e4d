// Helpers shared by the native tests.
#pragma once

#include <catch2/catch.hpp>
#include <array>
#include <cmath>
#include <cstdio>
#include <iomanip>
#include <string>

#include "trace/trace.hpp"

namespace bp::test {

// Runs a shell command; its output (stdout and stderr) and exit status.
inline std::string run_command(const std::string& command, int& status) {
  FILE* pipe = popen((command + " 2>&1").c_str(), "r");
  std::string out;
  std::array<char, 4096> buffer{};
  while (pipe && std::fgets(buffer.data(), buffer.size(), pipe)) out += buffer.data();
  status = pipe ? WEXITSTATUS(pclose(pipe)) : -1;
  return out;
}

// |actual - expected| <= rel * |expected| (or <= abs near zero).
inline bool close(double actual, double expected, double rel, double abs = 0.0) {
  return std::abs(actual - expected) <= std::max(rel * std::abs(expected), abs);
}

inline const Term& find_term(const Trace& t, const std::string& id) {
  for (const auto& term : t.terms) {
    if (term.id == id) return term;
  }
  FAIL("no term with id " << id);
  return t.terms.front();
}

// A term's symbol and formula as the page shows them (LaTeX).
inline FormulaText find_tex(const Trace& t, const std::string& id) { return t.tex(find_term(t, id)); }

inline double term_value(const Trace& t, const std::string& id) { return find_term(t, id).value; }

}  // namespace bp::test

#define CHECK_REL(actual, expected, rel)                                                          \
  do {                                                                                            \
    const double a_ = (actual), e_ = (expected);                                                  \
    INFO(#actual " = " << std::setprecision(17) << a_ << ", expected " << e_);                   \
    CHECK(bp::test::close(a_, e_, (rel)));                                                        \
  } while (0)
