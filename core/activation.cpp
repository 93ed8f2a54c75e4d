#include "activation.hpp"

#include <cmath>


namespace bp {

const std::vector<std::string>& activation_names() {
  static const std::vector<std::string> names = {"sigmoid", "tanh", "relu", "linear", "softmax"};
  return names;
}

std::string activation_name(Activation a) { return activation_names()[static_cast<std::size_t>(a)]; }

Eigen::VectorXd activate(Activation a, const Eigen::VectorXd& net) {
  switch (a) {
    case Activation::sigmoid:
      return net.unaryExpr([](double x) { return 1.0 / (1.0 + std::exp(-x)); });
    case Activation::tanh:
      return net.unaryExpr([](double x) { return std::tanh(x); });
    case Activation::relu:
      return net.unaryExpr([](double x) { return x > 0 ? x : 0.0; });
    case Activation::linear:
      return net;
    case Activation::softmax: {
      const Eigen::VectorXd e = (net.array() - net.maxCoeff()).exp().matrix();
      return e / e.sum();
    }
  }
  return net;
}

Eigen::VectorXd activation_derivative(Activation a, const Eigen::VectorXd& net, const Eigen::VectorXd& out) {
  switch (a) {
    case Activation::sigmoid:
      return (out.array() * (1.0 - out.array())).matrix();
    case Activation::tanh:
      return (1.0 - out.array().square()).matrix();
    case Activation::relu:
      return net.unaryExpr([](double x) { return x > 0 ? 1.0 : 0.0; });
    case Activation::linear:
    case Activation::softmax:  // callers use softmax_backward
      return Eigen::VectorXd::Ones(net.size());
  }
  return Eigen::VectorXd::Ones(net.size());
}

Eigen::VectorXd activation_backward(Activation a, const Eigen::VectorXd& net, const Eigen::VectorXd& out,
                                    const Eigen::VectorXd& dE_dout) {
  switch (a) {
    case Activation::sigmoid:
      return (dE_dout.array() * (1.0 - out.array()) * out.array()).matrix();
    case Activation::tanh:
      return (dE_dout.array() * (1.0 - out.array().square())).matrix();
    case Activation::relu:
      return (dE_dout.array() * (net.array() > 0).cast<double>()).matrix();
    case Activation::linear:
      return dE_dout;
    case Activation::softmax:
      return softmax_backward(out, dE_dout);
  }
  return dE_dout;
}

Eigen::VectorXd softmax_backward(const Eigen::VectorXd& out, const Eigen::VectorXd& dE_dout) {
  const double weighted = out.dot(dE_dout);
  return (out.array() * (dE_dout.array() - weighted)).matrix();
}

}  // namespace bp
