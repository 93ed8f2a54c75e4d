// The core as the CLI and the page call it: Values in, Values out. Each
// function validates what it is given and throws bp::Error.
#pragma once

#include "value.hpp"

namespace bp::api {

// The classic example's config.
Value classic();

// The trace of one iteration. options: {"digits": 1..17 (default 9)}.
Value trace(const Value& config, const Value& options);

// Gradient descent. options: {"iterations": 0..1000000, "history": bool}.
// Returns {"iterations", "E_total": [...], "final": config, "outputs": [...],
//          "diverged_at": n or null}.
Value train(const Value& config, const Value& options);

// The "update biases" switch (config.hpp, with_bias_mode).
// options: {"train_biases": bool}.
Value bias_mode(const Value& config, const Value& options);

// Every error code with its English template, for the page's catalog test.
Value error_codes();

}  // namespace bp::api
