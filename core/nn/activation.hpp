// Activation functions, each with its local derivative dout/dnet beside it.
#pragma once

#include <Eigen/Core>
#include <string>
#include <vector>

namespace bp {

enum class Activation { sigmoid, tanh, relu, linear, softmax };

const std::vector<std::string>& activation_names();
std::string activation_name(Activation a);

// out = f(net), element by element (softmax: over the whole layer).
//   sigmoid: out = 1 / (1 + e^(-net))
//   tanh:    out = tanh(net)
//   relu:    out = max(0, net)   (NaN for NaN, as torch.relu: a run that
//            overflows stays NaN rather than turning into 0)
//   linear:  out = net
//   softmax: out_k = e^(net_k - max) / sum_j e^(net_j - max)
// Each writes into its last argument, reusing its storage.
void activate(Activation a, const Eigen::VectorXd& net, Eigen::VectorXd& out);

// dout/dnet for the element-wise activations, from net and out:
//   sigmoid: out (1 - out)      tanh: 1 - out^2
//   relu:    0 if net <= 0 else 1 (PyTorch's choice at 0; 1 at NaN, as
//            torch's threshold_backward, which keeps the NaN flowing)
//   linear:  1
// softmax has a full Jacobian, d out_k / d net_j = out_k (1[k=j] - out_j):
// use softmax_backward.
void activation_derivative(Activation a, const Eigen::VectorXd& net, const Eigen::VectorXd& out,
                           Eigen::VectorXd& dout_dnet);

// dE/dnet from dE/dout through an element-wise layer, multiplied in
// PyTorch's order so the digits agree with it:
//   sigmoid: dE/dout (1 - out) out      tanh: dE/dout (1 - out^2)
//   relu:    dE/dout 1[not net <= 0]     linear: dE/dout
void activation_backward(Activation a, const Eigen::VectorXd& net, const Eigen::VectorXd& out,
                         const Eigen::VectorXd& dE_dout, Eigen::VectorXd& dE_dnet);

// dE/dnet from dE/dout through a softmax layer:
//   dE/dnet_j = out_j (dE/dout_j - sum_k out_k dE/dout_k)
void softmax_backward(const Eigen::VectorXd& out, const Eigen::VectorXd& dE_dout, Eigen::VectorXd& dE_dnet);

}  // namespace bp
