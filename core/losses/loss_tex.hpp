// The loss explorer's formulas, as LaTeX, in PyTorch's conventions: each
// loss's entry (losses.cpp) holds them, next to its other forms; the batch
// functions that compute them are in loss_functions.hpp.
#pragma once

#include "base/value.hpp"

namespace bp {

// For each loss the explorer shows: {"mean": ..., "sum": ..., "grad_mean": ...,
// "grad_sum": ..., "also": [...]}, "also" holding further lines for some (the
// stable form of BCE on logits, Huber's relation to SmoothL1, label smoothing).
Value loss_formulas();

}  // namespace bp
