#include "nn/activation.hpp"

#include <cmath>


namespace bp {

const std::vector<std::string>& activation_names() {
  static const std::vector<std::string> names = {"sigmoid", "tanh", "relu", "linear", "softmax"};
  return names;
}

std::string activation_name(Activation a) { return activation_names()[static_cast<std::size_t>(a)]; }

void activate(Activation a, const Eigen::VectorXd& net, Eigen::VectorXd& out) {
  const Eigen::Index n = net.size();
  out.resize(n);
  switch (a) {
    case Activation::sigmoid:
      for (Eigen::Index j = 0; j < n; ++j) out[j] = 1.0 / (1.0 + std::exp(-net[j]));
      return;
    case Activation::tanh:
      for (Eigen::Index j = 0; j < n; ++j) out[j] = std::tanh(net[j]);
      return;
    case Activation::relu:
      for (Eigen::Index j = 0; j < n; ++j) out[j] = net[j] < 0 ? 0.0 : net[j];  // NaN stays NaN, as torch.relu
      return;
    case Activation::linear:
      for (Eigen::Index j = 0; j < n; ++j) out[j] = net[j];
      return;
    case Activation::softmax: {
      const double m = net.maxCoeff();
      double sum = 0;
      for (Eigen::Index j = 0; j < n; ++j) sum += out[j] = std::exp(net[j] - m);
      for (Eigen::Index j = 0; j < n; ++j) out[j] /= sum;
      return;
    }
  }
}

void activation_derivative(Activation a, const Eigen::VectorXd& net, const Eigen::VectorXd& out,
                           Eigen::VectorXd& dout_dnet) {
  switch (a) {
    case Activation::sigmoid:
      dout_dnet = (out.array() * (1.0 - out.array())).matrix();
      return;
    case Activation::tanh:
      dout_dnet = (1.0 - out.array().square()).matrix();
      return;
    case Activation::relu:
      dout_dnet = net.unaryExpr([](double x) { return x <= 0 ? 0.0 : 1.0; });
      return;
    case Activation::linear:
    case Activation::softmax:  // callers use softmax_backward
      dout_dnet.setOnes(net.size());
      return;
  }
}

void activation_backward(Activation a, const Eigen::VectorXd& net, const Eigen::VectorXd& out,
                         const Eigen::VectorXd& dE_dout, Eigen::VectorXd& dE_dnet) {
  const Eigen::Index n = net.size();
  dE_dnet.resize(n);
  switch (a) {
    case Activation::sigmoid:
      for (Eigen::Index j = 0; j < n; ++j) dE_dnet[j] = dE_dout[j] * (1.0 - out[j]) * out[j];
      return;
    case Activation::tanh:
      for (Eigen::Index j = 0; j < n; ++j) dE_dnet[j] = dE_dout[j] * (1.0 - out[j] * out[j]);
      return;
    case Activation::relu:
      for (Eigen::Index j = 0; j < n; ++j) dE_dnet[j] = net[j] <= 0 ? 0.0 : dE_dout[j];
      return;
    case Activation::linear:
      for (Eigen::Index j = 0; j < n; ++j) dE_dnet[j] = dE_dout[j];
      return;
    case Activation::softmax:
      softmax_backward(out, dE_dout, dE_dnet);
      return;
  }
}

void softmax_backward(const Eigen::VectorXd& out, const Eigen::VectorXd& dE_dout, Eigen::VectorXd& dE_dnet) {
  const double weighted = out.dot(dE_dout);
  dE_dnet = (out.array() * (dE_dout.array() - weighted)).matrix();
}

}  // namespace bp
