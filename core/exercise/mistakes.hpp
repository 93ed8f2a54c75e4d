// The mistakes students make while they backpropagate by hand, as a table
// (mistakes.cpp): where each one is made, and what the term being asked for
// comes to when it is made. The values are computed from the trace's own
// terms, so the hints stay right on any network and any loss.
//
// A mistake is made at a site — a term of a given kind ("dE_dout",
// "dout_dnet", ...: the term's explain key) — where it replaces the term's
// value. Every later term computed from that one (a product of factors, a sum
// of paths, an update w − η ∂E/∂w) is then recomputed from its factors, so the
// mistake reaches dE_total/dw5, w5+, dE_total/dw1 ... as it would by hand.
#pragma once

#include <string>
#include <vector>

#include "nn/config.hpp"
#include "trace/trace.hpp"

namespace bp::exercise {

struct MistakeValue {
  std::string id;  // the catalog's id: sign_dE_dout, sigma_prime_dropped, ...
  double value = 0;
};

// The catalog's ids, in its order (the order hints are tried in).
const std::vector<std::string>& mistake_ids();

// The mistaken values of term `index` of t: every mistake of the catalog that
// reaches it, in the catalog's order, each value once; a mistake whose value
// equals the right one within `tolerance` (relative) is left out, so no
// hint can fire on a right answer.
std::vector<MistakeValue> mistakes_for(const Trace& t, const Config& c, std::size_t index, double tolerance = 1e-3);

}  // namespace bp::exercise
