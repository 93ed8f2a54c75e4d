// The loss explorer's formulas, as LaTeX, in PyTorch's conventions, next to
// the functions that compute them (loss_functions.hpp).
#pragma once

#include "base/value.hpp"

namespace bp {

// For each loss kind: {"mean": ..., "sum": ..., "grad_mean": ..., "grad_sum": ...},
// and for some an "also" line (the stable form of BCE on logits, Huber's
// relation to SmoothL1, label smoothing).
Value loss_formulas();

}  // namespace bp
