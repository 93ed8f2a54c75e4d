// Doubles as decimal text, exactly, without printf.
//
// musl's printf and strtod (the C library of the wasm build) work in
// software long double there and cost microseconds a number. These
// functions compute a double's exact decimal expansion with small integer
// arithmetic instead, and round it half to even, as printf does.
#pragma once

#include <string>

namespace bp::decimal {

// As printf("%.*g", precision, x): 0.593269992, 3.51018778e-05, -0.0226.
std::string general(double x, int precision);

// The shortest text that reads back as exactly x (1 to 17 significant
// digits, the one nearest x among the shortest), plain or with an exponent
// as JavaScript writes numbers: 0.1, 0.5932699921071872, 3.510187782978859e-5,
// 1e21. NaN and infinities give "NaN", "Infinity", "-Infinity".
std::string shortest(double x);

}  // namespace bp::decimal
