// Activation functions: one descriptor each (core/nn/activations.cpp), holding
// everything the core says of it — its name, out = f(net) and its local
// derivative beside it, the backward step in PyTorch's order, the LaTeX of
// both and the PyTorch call of the export. The network, the trace, the
// export, the config reader and the catalog the page reads all follow the
// table; adding an activation is one entry there (and its name in the
// page's catalogs).
#pragma once

#include <Eigen/Core>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace bp {

struct ActivationInfo;

// A handle on one entry of the table. The activations the core singles out
// by name (softmax on the output layer, sigmoid under BCE) have constants.
class Activation {
 public:
  constexpr explicit Activation(std::size_t index) : index_(index) {}
  static const Activation sigmoid, tanh, relu, linear, softmax;

  const ActivationInfo& info() const;
  const ActivationInfo* operator->() const { return &info(); }
  constexpr std::size_t index() const { return index_; }
  friend constexpr bool operator==(Activation a, Activation b) { return a.index_ == b.index_; }
  friend constexpr bool operator!=(Activation a, Activation b) { return a.index_ != b.index_; }

 private:
  std::size_t index_;
};

// The first entries of the table, in this order.
inline constexpr Activation Activation::sigmoid{0};
inline constexpr Activation Activation::tanh{1};
inline constexpr Activation Activation::relu{2};
inline constexpr Activation Activation::linear{3};
inline constexpr Activation Activation::softmax{4};

// A value in a formula: a symbol (term and factor the same) or a number, as a
// term ("-0.5") and as a factor ("(-0.5)").
struct TexArg {
  std::string term, factor;
};

struct ActivationInfo {
  std::string name;  // the config's name and the catalogs' key (activation.<name>)
  // softmax: out depends on the whole layer, its Jacobian is full, and it
  // may only be the output layer.
  bool whole_layer = false;
  // out = f(net) over a layer, into out (its storage reused).
  void (*forward)(const Eigen::VectorXd& net, Eigen::VectorXd& out);
  // dout/dnet element by element, from net and out (ones for a whole-layer
  // activation, whose Jacobian softmax_backward applies).
  void (*derivative)(const Eigen::VectorXd& net, const Eigen::VectorXd& out, Eigen::VectorXd& dout_dnet);
  // dE/dnet from dE/dout, multiplied in PyTorch's order so the digits agree.
  void (*backward)(const Eigen::VectorXd& net, const Eigen::VectorXd& out, const Eigen::VectorXd& dE_dout,
                   Eigen::VectorXd& dE_dnet);
  // The LaTeX of out_k = f(net) (nets: the layer; element-wise ones read
  // nets[k]) and of dout/dnet.
  std::string (*tex)(const std::vector<TexArg>& nets, std::size_t k);
  std::string (*derivative_tex)(const TexArg& net, const TexArg& out);
  // The PyTorch expression of the export, {z} standing for the layer's net.
  std::string pytorch;
};

// Every activation, the constants above first. Made at its first use, so
// that no other file's static data finds it empty; inline, as the network
// reads it for every layer of every example.
std::vector<ActivationInfo> make_activation_table();
inline const std::vector<ActivationInfo>& activation_table() {
  static const std::vector<ActivationInfo> table = make_activation_table();
  return table;
}
inline const ActivationInfo& Activation::info() const { return activation_table()[index_]; }
std::optional<Activation> find_activation(const std::string& name);

const std::vector<std::string>& activation_names();
std::string activation_name(Activation a);

inline void activate(Activation a, const Eigen::VectorXd& net, Eigen::VectorXd& out) { a->forward(net, out); }
inline void activation_derivative(Activation a, const Eigen::VectorXd& net, const Eigen::VectorXd& out,
                                  Eigen::VectorXd& dout_dnet) {
  a->derivative(net, out, dout_dnet);
}
inline void activation_backward(Activation a, const Eigen::VectorXd& net, const Eigen::VectorXd& out,
                                const Eigen::VectorXd& dE_dout, Eigen::VectorXd& dE_dnet) {
  a->backward(net, out, dE_dout, dE_dnet);
}

// dE/dnet from dE/dout through a softmax layer:
//   dE/dnet_j = out_j (dE/dout_j - sum_k out_k dE/dout_k)
void softmax_backward(const Eigen::VectorXd& out, const Eigen::VectorXd& dE_dout, Eigen::VectorXd& dE_dnet);

}  // namespace bp
