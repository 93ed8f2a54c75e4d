// The activations: one entry each, its function and its derivative side by
// side, in the symbols of the page (net, out). Appending an entry adds an
// activation everywhere: the network, the trace, the export, the configs
// and the page's lists (which name it from their catalogs, activation.<name>).
#include <cmath>

#include "nn/activation.hpp"

namespace bp {

namespace {

using Eigen::Index;
using Eigen::VectorXd;

// For element-wise activations: out_j = f(net_j).
template <double (*F)(double)>
void each(const VectorXd& net, VectorXd& out) {
  out.resize(net.size());
  for (Index j = 0; j < net.size(); ++j) out[j] = F(net[j]);
}

double sigmoid(double x) { return 1.0 / (1.0 + std::exp(-x)); }
double tanh_(double x) { return std::tanh(x); }
double relu(double x) { return x < 0 ? 0.0 : x; }  // NaN stays NaN, as torch.relu
double linear(double x) { return x; }

void softmax(const VectorXd& net, VectorXd& out) {
  const Index n = net.size();
  out.resize(n);
  const double m = net.maxCoeff();
  double sum = 0;
  for (Index j = 0; j < n; ++j) sum += out[j] = std::exp(net[j] - m);
  for (Index j = 0; j < n; ++j) out[j] /= sum;
}

void ones(const VectorXd& net, const VectorXd&, VectorXd& d) { d.setOnes(net.size()); }

std::string one(const TexArg&, const TexArg&) { return "1"; }

std::vector<ActivationInfo> make_table() {
  return {
    // sigmoid: out = 1 / (1 + e^(-net));  dout/dnet = out (1 - out)
    {"sigmoid", false, each<sigmoid>,
     [](const VectorXd&, const VectorXd& out, VectorXd& d) { d = (out.array() * (1.0 - out.array())).matrix(); },
     [](const VectorXd&, const VectorXd& out, const VectorXd& g, VectorXd& dE) {
       dE.resize(out.size());
       for (Index j = 0; j < out.size(); ++j) dE[j] = g[j] * (1.0 - out[j]) * out[j];
     },
     [](const std::vector<TexArg>& nets, std::size_t k) { return "\\frac{1}{1 + e^{-" + nets[k].factor + "}}"; },
     [](const TexArg&, const TexArg& out) { return out.factor + "(1 - " + out.factor + ")"; },
     "torch.sigmoid({z})"},
    // tanh: out = tanh(net);  dout/dnet = 1 - out^2
    {"tanh", false, each<tanh_>,
     [](const VectorXd&, const VectorXd& out, VectorXd& d) { d = (1.0 - out.array().square()).matrix(); },
     [](const VectorXd&, const VectorXd& out, const VectorXd& g, VectorXd& dE) {
       dE.resize(out.size());
       for (Index j = 0; j < out.size(); ++j) dE[j] = g[j] * (1.0 - out[j] * out[j]);
     },
     [](const std::vector<TexArg>& nets, std::size_t k) { return "\\tanh(" + nets[k].term + ")"; },
     [](const TexArg&, const TexArg& out) { return "1 - " + out.factor + "^2"; },
     "torch.tanh({z})"},
    // relu: out = max(0, net);  dout/dnet = 0 if net <= 0 else 1 (PyTorch's
    // choice at 0; 1 at NaN, as torch's threshold_backward, which keeps the
    // NaN flowing)
    {"relu", false, each<relu>,
     [](const VectorXd& net, const VectorXd&, VectorXd& d) {
       d = net.unaryExpr([](double x) { return x <= 0 ? 0.0 : 1.0; });
     },
     [](const VectorXd& net, const VectorXd&, const VectorXd& g, VectorXd& dE) {
       dE.resize(net.size());
       for (Index j = 0; j < net.size(); ++j) dE[j] = net[j] <= 0 ? 0.0 : g[j];
     },
     [](const std::vector<TexArg>& nets, std::size_t k) { return "\\max(0, " + nets[k].term + ")"; },
     [](const TexArg& net, const TexArg&) { return "\\mathbb{1}[" + net.term + " > 0]"; },
     "torch.relu({z})"},
    // linear: out = net;  dout/dnet = 1
    {"linear", false, each<linear>, ones,
     [](const VectorXd&, const VectorXd&, const VectorXd& g, VectorXd& dE) { dE = g; },
     [](const std::vector<TexArg>& nets, std::size_t k) { return nets[k].term; }, one, "{z}"},
    // softmax: out_k = e^(net_k - max) / sum_j e^(net_j - max); its Jacobian
    // d out_k / d net_j = out_k (1[k=j] - out_j) is applied by softmax_backward
    {"softmax", true, softmax, ones,
     [](const VectorXd&, const VectorXd& out, const VectorXd& g, VectorXd& dE) { softmax_backward(out, g, dE); },
     [](const std::vector<TexArg>& nets, std::size_t k) {
       std::string sum;
       for (std::size_t j = 0; j < nets.size(); ++j) sum += (j ? " + e^{" : "e^{") + nets[j].term + "}";
       return "\\frac{e^{" + nets[k].term + "}}{" + sum + "}";
     },
     one, "torch.softmax({z}, dim=1)"},
  };
}

}  // namespace

// Made at its first use, so that no other file's static data finds it empty.
const std::vector<ActivationInfo>& activation_table() {
  static const std::vector<ActivationInfo> table = make_table();
  return table;
}

const ActivationInfo& Activation::info() const { return activation_table()[index_]; }

std::optional<Activation> find_activation(const std::string& name) {
  const auto& table = activation_table();
  for (std::size_t i = 0; i < table.size(); ++i) {
    if (table[i].name == name) return Activation(i);
  }
  return std::nullopt;
}

const std::vector<std::string>& activation_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> v;
    for (const auto& a : activation_table()) v.push_back(a.name);
    return v;
  }();
  return names;
}

std::string activation_name(Activation a) { return a->name; }

void softmax_backward(const VectorXd& out, const VectorXd& dE_dout, VectorXd& dE_dnet) {
  const double weighted = out.dot(dE_dout);
  dE_dnet = (out.array() * (dE_dout.array() - weighted)).matrix();
}

}  // namespace bp
