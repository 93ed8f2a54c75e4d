// The names of a network's nodes and parameters, as ids (ASCII, stable) and
// as LaTeX. The pattern, for layer sizes n_0, n_1, ..., n_L:
//
//   inputs         i1 ... i<n_0>                     LaTeX i_{1}
//   hidden nodes   h1 ... (one hidden layer)          h1 in subscripts: net_{h1}
//                  h<l>_<j> (several hidden layers)   h_{l,j}
//   outputs        o1 ... o<n_L>                      o1
//   weights        w1, w2, ... numbered through the layers, within a layer
//                  neuron by neuron (row of W), each row from the first
//                  input to the last: the classic w1 = i1->h1, w2 = i2->h1,
//                  w3 = i1->h2, w4 = i2->h2, w5 = h1->o1, ..., w8 = h2->o2
//   biases         shared: b1 (hidden layer), b2 (next layer), ...
//                  per neuron: b_h1, b_h2, b_o1, ...
//   targets        target_o1 ...
#pragma once

#include <Eigen/Core>
#include <string>
#include <vector>

namespace bp {

class Names {
 public:
  // sizes = {n_0, ..., n_L}
  Names(std::vector<Eigen::Index> sizes, bool shared_bias);

  // Layer l in 0..L, neuron j from 0.
  std::string node(std::size_t l, Eigen::Index j) const;
  std::string node_tex(std::size_t l, Eigen::Index j) const;  // for subscripts: h1, o1, h_{2,1}
  std::string input_tex(Eigen::Index j) const;                  // i_{1}

  // Weight W_l(j, i), l in 1..L.
  std::string weight(std::size_t l, Eigen::Index j, Eigen::Index i) const;
  std::string weight_tex(std::size_t l, Eigen::Index j, Eigen::Index i) const;
  int weight_number(std::size_t l, Eigen::Index j, Eigen::Index i) const;

  // Bias of neuron j in layer l (the layer's one bias when shared).
  std::string bias(std::size_t l, Eigen::Index j) const;
  std::string bias_tex(std::size_t l, Eigen::Index j) const;

  std::string target(Eigen::Index k) const { return "target_" + node(layers(), k); }
  std::string target_tex(Eigen::Index k) const;

  std::size_t layers() const { return sizes_.size() - 1; }
  const std::vector<Eigen::Index>& sizes() const { return sizes_; }
  bool shared_bias() const { return shared_bias_; }

 private:
  std::vector<Eigen::Index> sizes_;
  std::vector<int> first_weight_;  // number of the first weight of layer l
  bool shared_bias_;
};

}  // namespace bp
