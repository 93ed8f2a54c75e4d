// libFuzzer target: the expression parser, then the program's value,
// gradient and LaTeX at a few points. A bp::Error is the expected answer to
// bad input; anything else is a bug.
#include <cstddef>
#include <cstdint>
#include <string>

#include "base/error.hpp"
#include "optim/expression.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  try {
    const bp::Program p = bp::parse_expression(std::string(reinterpret_cast<const char*>(data), size));
    for (const double x : {0.0, -1.5, 1e300}) {
      bp::evaluate(p, x, 0.5);
      bp::evaluate_with_gradient(p, x, -x);
    }
    bp::program_tex(p);
  } catch (const bp::Error&) {
  }
  return 0;
}
