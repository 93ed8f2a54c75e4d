// Sizing the vectors a loop reuses. Eigen's resize() is a call even when
// the size is already right (and in wasm it stays a call: it is not
// inlined), which the training loop pays several times an example; these
// check first, inline, and copy element by element.
#pragma once

#include <Eigen/Core>

namespace bp {

// v sized n: unchanged (no call) when it already is.
inline void fit(Eigen::VectorXd& v, Eigen::Index n) {
  if (v.size() != n) v.resize(n);
}

inline void fit(Eigen::MatrixXd& m, Eigen::Index rows, Eigen::Index cols) {
  if (m.rows() != rows || m.cols() != cols) m.resize(rows, cols);
}

// to = from, sized as from.
inline void copy_into(Eigen::VectorXd& to, const Eigen::VectorXd& from) {
  fit(to, from.size());
  for (Eigen::Index i = 0; i < from.size(); ++i) to[i] = from[i];
}

}  // namespace bp
