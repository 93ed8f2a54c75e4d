// A fully connected network: its parameters, the forward pass and the
// backward pass for one example.
//
// Layer l (1-based; layer 0 is the input) holds W_l (n_l x n_{l-1}) and one
// bias per neuron b_l (n_l). With shared_bias, each layer has a single bias,
// as in the classic example (b1 for the hidden layer, b2 for the output
// layer): every entry of b_l holds the same value and its gradient is the sum
// over the layer's neurons.
#pragma once

#include <Eigen/Core>
#include <vector>

#include "nn/activation.hpp"
#include "losses/loss.hpp"

namespace bp {

struct Layer {
  Activation activation = Activation::sigmoid;
  Eigen::MatrixXd W;  // W(j, i): from neuron i of the layer below to neuron j
  Eigen::VectorXd b;
};

struct Network {
  Eigen::Index inputs = 0;
  std::vector<Layer> layers;  // the layers above the input
  bool shared_bias = false;

  Eigen::Index outputs() const { return layers.empty() ? 0 : layers.back().W.rows(); }
  // Number of weights and of trainable bias values (one per layer when shared).
  Eigen::Index weight_count() const;
  Eigen::Index bias_count() const;
};

// Everything the forward pass computes, kept for the trace.
struct Forward {
  std::vector<Eigen::VectorXd> net;  // net[l] for l >= 1; net[0] is empty
  std::vector<Eigen::VectorXd> out;  // out[0] = the input
  Eigen::VectorXd log_out;           // log(out) of a softmax output, exact
  Eigen::VectorXd E;                 // E_ok, per output
  double E_sum = 0;                  // the loss's raw sum over the outputs (loss.hpp)
  double E_total = 0;                // reduced from E_sum as torch reduces it
};

// Everything the backward pass computes, kept for the trace.
struct Backward {
  Eigen::VectorXd dE_dout_output;            // dE_total/dout_ok
  std::vector<Eigen::VectorXd> dout_dnet;    // dout/dnet, element-wise layers
  std::vector<Eigen::VectorXd> dE_dout;      // dE_total/dout for l >= 1
  std::vector<Eigen::VectorXd> delta;        // dE_total/dnet for l >= 1
  std::vector<Eigen::MatrixXd> dW;           // dE_total/dW_l
  std::vector<Eigen::VectorXd> db;           // per neuron: dE_total/db_l = delta_l
};

// net_l = W_l out_{l-1} + b_l,  out_l = f_l(net_l),  E_total = sum_k E_ok.
Forward forward(const Network& n, const Loss& loss, const Eigen::VectorXd& x, const Eigen::VectorXd& target);
// The same into f, reusing its storage (the training loop's form). Without
// terms, f.E (each output's E_ok, shown by the trace; the loss is E_sum) is
// left out.
void forward(const Network& n, const Loss& loss, const Eigen::VectorXd& x, const Eigen::VectorXd& target, Forward& f,
             bool terms = true);

// Output layer:  dE_total/dnet_o = dE_total/dout_o * dout_o/dnet_o
//                (softmax + ce: out - q; softmax otherwise: its Jacobian)
// Hidden layer:  dE_total/dout_h = W_{l+1}^T delta_{l+1}
//                delta_l = dE_total/dout_h * dout_h/dnet_h
// Gradients:     dE_total/dW_l = delta_l out_{l-1}^T,  dE_total/db_l = delta_l
Backward backward(const Network& n, const Loss& loss, const Forward& f, const Eigen::VectorXd& target);
// The same into b, reusing its storage. Without local_derivatives, dout_dnet
// (shown by the trace, not needed for the gradients) is left out.
void backward(const Network& n, const Loss& loss, const Forward& f, const Eigen::VectorXd& target, Backward& b,
              bool local_derivatives = true);

// The gradient of a shared bias: the sum of its layer's per-neuron gradients.
double shared_bias_gradient(const Eigen::VectorXd& db);

}  // namespace bp
