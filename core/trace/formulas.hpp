// The numbers of the trace as the page shows them, and the simplified delta
// of the losses that simplify with their output activation.
#pragma once

#include <string>

#include "losses/loss.hpp"

namespace bp {

// A term's value as the page shows it: rounded to `digits` significant
// digits (halves away from zero), then written as JavaScript writes that
// number: 0.0821670406, -0.0226025405, 0.00000351018778, 3.51018778e-7, 1e+21.
// Number(x.toPrecision(digits)).toString() in the page's terms.
std::string value_text(double x, int digits);

// dE_total/dnet_ok = (out - target) / K: sigmoid + bce, softmax + ce (or the
// loss's own simplification), for output k of K.
double simplified_delta(const Loss& loss, double out, double target, long K);

}  // namespace bp
