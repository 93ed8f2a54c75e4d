// The activations: one entry each, its function and its derivative side by
// side, in the symbols of the page (net, out), computed in the order of
// PyTorch's CPU kernels so the digits agree. Appending an entry adds an
// activation everywhere: the network, the trace, the export, the configs
// and the page's lists (which name it from their catalogs, activation.<name>).
#include <cmath>

#include "nn/activation.hpp"
#include "base/sized.hpp"
#include "nn/tanh.hpp"

namespace bp {

namespace {

using Eigen::Index;
using Eigen::VectorXd;

// For element-wise activations: out_j = f(net_j).
template <double (*F)(double)>
void each(const VectorXd& net, VectorXd& out) {
  fit(out, net.size());
  for (Index j = 0; j < net.size(); ++j) out[j] = F(net[j]);
}

double sigmoid(double x) { return 1.0 / (1.0 + std::exp(-x)); }
double tanh_(double x) { return bp::tanh(x); }  // nn/tanh.hpp: the same bits natively and in wasm
double relu(double x) { return x < 0 ? 0.0 : x; }  // NaN stays NaN, as torch.relu
double linear(double x) { return x; }
double leaky_relu(double x) { return x > 0 ? x : x * 0.01; }  // torch's kernel: NaN * 0.01 stays NaN
double silu(double x) { return x / (1.0 + std::exp(-x)); }
// GELU, exact (torch's default, approximate='none'), as its CPU kernel:
// x · 0.5 · (1 + erf(x · 1/√2)); its derivative Φ(x) + x φ(x) with
// φ(x) = kBeta e^(−x²/2), kBeta = 2/√π · 1/√2 · 0.5 = 1/√(2π).
constexpr double gelu_alpha = 0.70710678118654752440;  // M_SQRT1_2
constexpr double gelu_beta = 1.12837916709551257390 * 0.70710678118654752440 * 0.5;  // M_2_SQRTPI * M_SQRT1_2 * 0.5
double gelu(double x) { return x * 0.5 * (1.0 + std::erf(x * gelu_alpha)); }
double gelu_slope(double x) {
  const double cdf = 0.5 * (1.0 + std::erf(x * gelu_alpha));
  const double pdf = gelu_beta * std::exp(x * x * -0.5);
  return cdf + x * pdf;
}
double silu_slope(double x) {
  const double sigmoid = 1.0 / (1.0 + std::exp(-x));
  return sigmoid * (1.0 + x * (1.0 - sigmoid));
}

void softmax(const VectorXd& net, VectorXd& out) {
  const Index n = net.size();
  fit(out, n);
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
       fit(dE, out.size());
       for (Index j = 0; j < out.size(); ++j) dE[j] = g[j] * (1.0 - out[j]) * out[j];
     },
     [](const std::vector<TexArg>& nets, std::size_t k) { return "\\frac{1}{1 + e^{-" + nets[k].factor + "}}"; },
     [](const TexArg&, const TexArg& out) { return out.factor + "(1 - " + out.factor + ")"; },
     "torch.sigmoid({z})"},
    // tanh: out = tanh(net);  dout/dnet = 1 - out^2
    {"tanh", false, each<tanh_>,
     [](const VectorXd&, const VectorXd& out, VectorXd& d) { d = (1.0 - out.array().square()).matrix(); },
     [](const VectorXd&, const VectorXd& out, const VectorXd& g, VectorXd& dE) {
       fit(dE, out.size());
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
       fit(dE, net.size());
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
    // leaky_relu: out = net if net > 0 else 0.01 net (torch's default slope);
    // dout/dnet = 1 if net > 0 else 0.01 (torch's leaky_relu_backward)
    {"leaky_relu", false, each<leaky_relu>,
     [](const VectorXd& net, const VectorXd&, VectorXd& d) {
       d = net.unaryExpr([](double x) { return x > 0 ? 1.0 : 0.01; });
     },
     [](const VectorXd& net, const VectorXd&, const VectorXd& g, VectorXd& dE) {
       fit(dE, net.size());
       for (Index j = 0; j < net.size(); ++j) dE[j] = net[j] > 0 ? g[j] : g[j] * 0.01;
     },
     [](const std::vector<TexArg>& nets, std::size_t k) { return "\\max(0.01\\," + nets[k].factor + ", " + nets[k].term + ")"; },
     [](const TexArg& net, const TexArg&) { return "0.01 + 0.99 \\cdot \\mathbb{1}[" + net.term + " > 0]"; },
     "F.leaky_relu({z})"},
    // silu: out = net / (1 + e^(-net)) = net sigma(net);
    // dout/dnet = sigma(net) (1 + net (1 - sigma(net))), and dE/dnet =
    // dE/dout sigma (1 + net (1 - sigma)) multiplied left to right, as torch's silu_backward
    {"silu", false, each<silu>,
     [](const VectorXd& net, const VectorXd&, VectorXd& d) { d = net.unaryExpr([](double x) { return silu_slope(x); }); },
     [](const VectorXd& net, const VectorXd&, const VectorXd& g, VectorXd& dE) {
       fit(dE, net.size());
       for (Index j = 0; j < net.size(); ++j) {
         const double x = net[j], sigmoid = 1.0 / (1.0 + std::exp(-x));
         dE[j] = g[j] * sigmoid * (1.0 + x * (1.0 - sigmoid));
       }
     },
     [](const std::vector<TexArg>& nets, std::size_t k) { return "\\frac{" + nets[k].term + "}{1 + e^{-" + nets[k].factor + "}}"; },
     [](const TexArg& net, const TexArg&) {
       const std::string sigma = "\\sigma(" + net.term + ")";
       return sigma + "\\,(1 + " + net.factor + "\\,(1 - " + sigma + "))";
     },
     "F.silu({z})"},
    // gelu: out = net Phi(net) = net / 2 (1 + erf(net / sqrt 2));
    // dout/dnet = Phi(net) + net phi(net), and dE/dnet = dE/dout (cdf + net pdf), as torch's gelu_backward
    {"gelu", false, each<gelu>,
     [](const VectorXd& net, const VectorXd&, VectorXd& d) { d = net.unaryExpr([](double x) { return gelu_slope(x); }); },
     [](const VectorXd& net, const VectorXd&, const VectorXd& g, VectorXd& dE) {
       fit(dE, net.size());
       for (Index j = 0; j < net.size(); ++j) dE[j] = g[j] * gelu_slope(net[j]);
     },
     [](const std::vector<TexArg>& nets, std::size_t k) {
       return "\\tfrac{1}{2}\\," + nets[k].factor + "\\left(1 + \\operatorname{erf}\\left(\\tfrac{" + nets[k].term + "}{\\sqrt{2}}\\right)\\right)";
     },
     [](const TexArg& net, const TexArg&) {
       return "\\tfrac{1}{2}\\left(1 + \\operatorname{erf}\\left(\\tfrac{" + net.term + "}{\\sqrt{2}}\\right)\\right) + " + net.factor +
              "\\,\\frac{e^{-" + net.factor + "^2 / 2}}{\\sqrt{2\\pi}}";
     },
     "F.gelu({z})"},
  };
}

}  // namespace

std::vector<ActivationInfo> make_activation_table() { return make_table(); }

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
