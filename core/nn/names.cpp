#include "nn/names.hpp"

namespace bp {

Names::Names(std::vector<Eigen::Index> sizes, bool shared_bias)
    : sizes_(std::move(sizes)), first_weight_(sizes_.size(), 1), shared_bias_(shared_bias) {
  for (std::size_t l = 2; l < sizes_.size(); ++l) {
    first_weight_[l] = first_weight_[l - 1] + static_cast<int>(sizes_[l - 1] * sizes_[l - 2]);
  }
}

std::string Names::node(std::size_t l, Eigen::Index j) const {
  const std::string n = std::to_string(j + 1);
  if (l == 0) return "i" + n;
  if (l == layers()) return ids::output_node(j);
  if (layers() == 2) return "h" + n;
  return "h" + std::to_string(l) + "_" + n;
}

std::string Names::node_tex(std::size_t l, Eigen::Index j) const {
  if (l > 0 && l < layers() && layers() > 2) {
    return "h_{" + std::to_string(l) + "," + std::to_string(j + 1) + "}";
  }
  return node(l, j);
}

std::string Names::input_tex(Eigen::Index j) const { return "i_{" + std::to_string(j + 1) + "}"; }

int Names::weight_number(std::size_t l, Eigen::Index j, Eigen::Index i) const {
  return first_weight_[l] + static_cast<int>(j * sizes_[l - 1] + i);
}

std::string Names::weight(std::size_t l, Eigen::Index j, Eigen::Index i) const {
  return "w" + std::to_string(weight_number(l, j, i));
}

std::string Names::weight_tex(std::size_t l, Eigen::Index j, Eigen::Index i) const {
  return "w_{" + std::to_string(weight_number(l, j, i)) + "}";
}

std::string Names::bias(std::size_t l, Eigen::Index j) const {
  if (shared_bias_) return "b" + std::to_string(l);
  return "b_" + node(l, j);
}

std::string Names::bias_tex(std::size_t l, Eigen::Index j) const {
  if (shared_bias_) return "b_{" + std::to_string(l) + "}";
  return "b_{" + node_tex(l, j) + "}";
}

std::string Names::target_tex(Eigen::Index k) const {
  return "\\mathit{target}_{" + node_tex(layers(), k) + "}";
}

}  // namespace bp
