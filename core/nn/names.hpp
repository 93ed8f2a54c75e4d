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
//
// The trace's terms have ids made of these (ids below):
//   values         net_h1, out_h1 (an input's is its node: i1), E_o1, E_total
//   derivatives    d<of>/d<by>: dE_total/dout_o1, dout_o1/dnet_o1, dnet_o1/dw5,
//                  dE_o1/dnet_o1, dE_total/dw5, dE_total/db1
//   updates        <parameter>+: w5+, b1+; E_total+ after the update
#pragma once

#include <Eigen/Core>
#include <string>
#include <vector>

namespace bp {

namespace ids {
inline const std::string E_total = "E_total";
inline const std::string E_total_next = "E_total+";
inline std::string net(const std::string& node) { return "net_" + node; }          // net_h1
inline std::string out(const std::string& node) { return "out_" + node; }          // out_h1
inline std::string error(const std::string& output) { return "E_" + output; }      // E_o1
// d<of>/d<by>, of and by being ids: dE_total/dout_o1.
inline std::string partial(const std::string& of, const std::string& by) { return "d" + of + "/d" + by; }
// dE_total/d<parameter>: dE_total/dw5, dE_total/db1.
inline std::string gradient(const std::string& parameter) { return partial(E_total, parameter); }
// <parameter>+, the parameter after the update: w5+.
inline std::string updated(const std::string& parameter) { return parameter + "+"; }
// The node of output k: o1, o2, ...
inline std::string output_node(Eigen::Index k) { return "o" + std::to_string(k + 1); }
}  // namespace ids

class Names {
 public:
  // sizes = {n_0, ..., n_L}
  Names(std::vector<Eigen::Index> sizes, bool shared_bias);

  // Layer l in 0..L, neuron j from 0.
  std::string node(std::size_t l, Eigen::Index j) const;
  std::string node_tex(std::size_t l, Eigen::Index j) const;  // for subscripts: h1, o1, h_{2,1}
  std::string input_tex(Eigen::Index j) const;                  // i_{1}
  // The ids of node (l, j)'s net and out (an input's out is its node: i1).
  std::string net_id(std::size_t l, Eigen::Index j) const { return ids::net(node(l, j)); }
  std::string out_id(std::size_t l, Eigen::Index j) const { return l == 0 ? node(0, j) : ids::out(node(l, j)); }

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
