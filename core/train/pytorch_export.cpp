#include "train/pytorch_export.hpp"

#include <cmath>
#include <string>

#include "base/decimal.hpp"

namespace bp {

namespace {

// The script's text, built with << as with a stream but without iostreams,
// whose locale code would weigh ~145 KB in the wasm module. Doubles go in
// through num(); whole numbers as they are.
struct Text {
  std::string text;
  Text& operator<<(const std::string& s) { text += s; return *this; }
  Text& operator<<(const char* s) { text += s; return *this; }
  Text& operator<<(long n) { text += std::to_string(n); return *this; }
  Text& operator<<(double) = delete;
  std::string str() const { return text; }
};

// A Python float literal: 0.0 rather than 0, so no value is read as an
// integer; and float('inf') / float('nan') for what has no literal.
std::string num(double x) {
  if (std::isnan(x)) return "float('nan')";
  if (std::isinf(x)) return x > 0 ? "float('inf')" : "float('-inf')";
  std::string s = decimal::shortest(x);
  if (s.find_first_of(".eE") == std::string::npos) s += ".0";
  return s;
}

// Every tensor float64 explicitly, whatever its values: torch.tensor infers
// int64 from integral literals, and set_default_dtype does not change that.
std::string tensor(const std::string& values, bool requires_grad = false) {
  return "torch.tensor(" + values + ", dtype=torch.float64" + (requires_grad ? ", requires_grad=True)" : ")");
}

std::string list(const Eigen::VectorXd& v) {
  std::string s = "[";
  for (Eigen::Index i = 0; i < v.size(); ++i) s += (i ? ", " : "") + num(v[i]);
  return s + "]";
}

std::string matrix(const Eigen::MatrixXd& m) {
  std::string s = "[";
  for (Eigen::Index j = 0; j < m.rows(); ++j) s += (j ? ", " : "") + list(m.row(j).transpose());
  return s + "]";
}

std::string activation(Activation a, const std::string& z) {
  std::string call = a->pytorch;
  const std::size_t at = call.find("{z}");
  return call.replace(at, 3, z);
}

// The loss entry's expression, each {key} replaced by its parameter's value.
std::string loss_line(const Loss& loss) {
  std::string call = loss.kind->pytorch;
  for (const LossParameter& p : loss.kind->parameters) {
    const std::string key = "{" + p.key + "}";
    const std::size_t at = call.find(key);
    if (at != std::string::npos) call.replace(at, key.size(), num(loss.*p.field));
  }
  const std::string& note = loss.kind->pytorch_note;
  return (note.empty() ? "" : "    # " + note + "\n") + "    return " + call + "\n";
}

// Adam without its bias correction has no torch.optim class: written out.
const char* adam_without_correction = R"(
class AdamWithoutBiasCorrection(torch.optim.Optimizer):
    """Adam with m_hat = m and v_hat = v (no bias correction)."""

    def __init__(self, params, lr, betas, eps, weight_decay=0.0, amsgrad=False, decoupled=False):
        super().__init__(params, dict(lr=lr, betas=betas, eps=eps, weight_decay=weight_decay,
                                      amsgrad=amsgrad, decoupled=decoupled))

    @torch.no_grad()
    def step(self):
        for group in self.param_groups:
            beta1, beta2 = group["betas"]
            for p in group["params"]:
                g = p.grad
                state = self.state[p]
                if not state:
                    state["m"] = torch.zeros_like(p)
                    state["v"] = torch.zeros_like(p)
                    state["v_max"] = torch.zeros_like(p)
                if group["decoupled"]:
                    p.mul_(1 - group["lr"] * group["weight_decay"])
                elif group["weight_decay"] != 0:
                    g = g.add(p, alpha=group["weight_decay"])
                state["m"].mul_(beta1).add_(g, alpha=1 - beta1)
                state["v"].mul_(beta2).addcmul_(g, g, value=1 - beta2)
                v = state["v"]
                if group["amsgrad"]:
                    torch.maximum(state["v_max"], v, out=state["v_max"])
                    v = state["v_max"]
                p.addcdiv_(state["m"], v.sqrt().add_(group["eps"]), value=-group["lr"])
)";

std::string optimizer_line(const OptimizerOptions& o) {
  Text s;
  const std::string wd = o.weight_decay != 0 ? ", weight_decay=" + num(o.weight_decay) : "";
  switch (o.kind) {
    case OptimizerKind::sgd:
    case OptimizerKind::momentum:
      if (o.kind == OptimizerKind::momentum && !o.pytorch_form) {
        // v <- beta v + (1 - beta) g, theta <- theta - eta v is SGD(momentum=beta) with lr = eta (1 - beta).
        s << "# The lesson's momentum, v <- " << num(o.beta) << " v + (1 - " << num(o.beta) << ") g and theta <- theta - "
          << num(o.lr) << " v,\n# is PyTorch's SGD(momentum=" << num(o.beta) << ") with lr = " << num(o.lr) << " * (1 - "
          << num(o.beta) << ").\n";
        s << "optimizer = torch.optim.SGD(params, lr=" << num(o.lr) << " * (1 - " << num(o.beta) << "), momentum="
          << num(o.beta) << wd << ")\n";
        break;
      }
      s << "optimizer = torch.optim.SGD(params, lr=" << num(o.lr);
      if (o.momentum != 0) {
        s << ", momentum=" << num(o.momentum);
        if (o.dampening != 0) s << ", dampening=" << num(o.dampening);
        if (o.nesterov) s << ", nesterov=True";
      }
      s << wd << ")\n";
      break;
    case OptimizerKind::adagrad:
      s << "optimizer = torch.optim.Adagrad(params, lr=" << num(o.lr) << ", lr_decay=" << num(o.lr_decay)
        << ", initial_accumulator_value=" << num(o.initial_accumulator) << ", eps=" << num(o.eps) << wd << ")\n";
      break;
    case OptimizerKind::rmsprop:
      s << "optimizer = torch.optim.RMSprop(params, lr=" << num(o.lr) << ", alpha=" << num(o.alpha)
        << ", eps=" << num(o.eps) << ", centered=" << (o.centered ? "True" : "False") << ", momentum="
        << num(o.momentum) << wd << ")\n";
      break;
    case OptimizerKind::adam: {
      const std::string args = "params, lr=" + num(o.lr) + ", betas=(" + num(o.beta1) + ", " + num(o.beta2) +
                               "), eps=" + num(o.eps) + ", weight_decay=" + num(o.weight_decay);
      if (!o.bias_correction) {
        s << "optimizer = AdamWithoutBiasCorrection(" << args << ", amsgrad=" << (o.amsgrad ? "True" : "False")
          << ", decoupled=" << (o.decoupled ? "True" : "False") << ")\n";
      } else {
        s << "optimizer = torch.optim." << (o.decoupled ? "AdamW" : "Adam") << "(" << args
          << ", amsgrad=" << (o.amsgrad ? "True" : "False") << ", foreach=False)\n";
      }
      break;
    }
  }
  return s.str();
}

// The parameters, model(X) and loss_fn(out, T), as both scripts write them;
// "params" lists what is trained and "weights" the weight matrices.
void write_network(Text& out, const Config& c) {
  const std::size_t L = c.network.layers.size();
  const bool logits_out = c.loss.kind == LossKind::ce;
  out << "# The parameters: W" << "l has one row per neuron of layer l.\n";
  std::string params, weights;
  for (std::size_t l = 1; l <= L; ++l) {
    const Layer& layer = c.network.layers[l - 1];
    const std::string W = "W" + std::to_string(l);
    out << W << " = " << tensor(matrix(layer.W), true) << "\n";
    params += (params.empty() ? "" : ", ") + W;
  }
  weights = params;
  for (std::size_t l = 1; l <= L; ++l) {
    const Layer& layer = c.network.layers[l - 1];
    const std::string b = "b" + std::to_string(l);
    const std::string value = c.network.shared_bias ? num(layer.b[0]) : list(layer.b);
    const std::string note = c.network.shared_bias ? "one bias shared by the layer" : "one bias per neuron";
    if (c.train_biases) {
      out << b << " = " << tensor(value, true) << "  # " << note << ", trained\n";
      params += ", " + b;
    } else {
      out << b << " = " << tensor(value) << "  # " << note << ", not trained\n";
    }
  }
  out << "params = [" << params << "]\n";
  out << "weights = [" << weights << "]\n\n";
  out << "\ndef model(X):\n    a = X\n";
  for (std::size_t l = 1; l <= L; ++l) {
    const std::string z = "a @ W" + std::to_string(l) + ".T + b" + std::to_string(l);
    const Activation act = c.network.layers[l - 1].activation;
    if (l == L && logits_out) out << "    return " << z << "\n";
    else if (l == L) out << "    return " << activation(act, z) << "\n";
    else out << "    a = " << activation(act, z) << "\n";
  }
  out << "\n\ndef loss_fn(out, T):\n" << loss_line(c.loss) << "\n";
}

void write_optimizer(Text& out, const OptimizerOptions& o) {
  if (o.kind == OptimizerKind::adam && !o.bias_correction) out << adam_without_correction << "\n";
  out << "\n" << optimizer_line(o) << "\n";
}

const char* imports =
    "import torch\n"
    "import torch.nn.functional as F\n\n"
    "torch.set_default_dtype(torch.float64)\n\n";

}  // namespace

std::string pytorch_script(const TrainingSetup& s, long iterations, long print_every) {
  const Config& c = s.config;
  const bool logits_out = c.loss.kind == LossKind::ce;
  Text out;
  out << "#!/usr/bin/env python3\n"
         "# The training on screen, in PyTorch (float64): the same data, initial\n"
         "# parameters, loss and optimizer. It prints E_total as the page shows it.\n"
      << imports;
  out << "# The data, one example per row: inputs X and targets T.\n";
  Eigen::MatrixXd X(static_cast<Eigen::Index>(s.data.inputs.size()), c.network.inputs);
  Eigen::MatrixXd T(static_cast<Eigen::Index>(s.data.targets.size()), c.network.outputs());
  for (std::size_t e = 0; e < s.data.inputs.size(); ++e) {
    X.row(static_cast<Eigen::Index>(e)) = s.data.inputs[e].transpose();
    T.row(static_cast<Eigen::Index>(e)) = s.data.targets[e].transpose();
  }
  out << "X = " << tensor(matrix(X)) << "\n";
  out << "T = " << tensor(matrix(T)) << "\n\n";
  write_network(out, c);
  write_optimizer(out, s.optimizer);
  out << "for iteration in range(" << iterations << "):\n";
  // The loop's lines in the order on screen (a bug of loop_bugs.hpp moves them).
  for (const ListedLine& l : loop_listing(s.bug, s.zero_grad)) {
    switch (l.line) {
      case Line::zero_grad:
        if (!l.skipped) out << "    optimizer.zero_grad()\n";
        else
          out << "    # optimizer.zero_grad() is left out, as on screen: .grad adds up\n"
                 "    # every iteration's gradient.\n";
        break;
      case Line::forward:
        out << "    E = loss_fn(model(X), T)\n"
               "    if iteration % " << print_every << " == 0:\n"
               "        print(iteration, repr(E.item()))\n";
        break;
      case Line::loss:
        break;
      case Line::backward:
        out << (s.bug == LoopBug::backward_twice && s.retain_graph ? "    E.backward(retain_graph=True)\n" : "    E.backward()\n");
        break;
      case Line::backward_again:
        out << "    E.backward()  # a second time, as on screen\n";
        break;
      case Line::step:
        out << (l.skipped ? "    # optimizer.step() is left out, as on screen.\n" : "    optimizer.step()\n");
        break;
    }
  }
  out << "\n"
         "with torch.no_grad():\n"
         "    out = model(X)\n"
         "    print(" << iterations << ", repr(loss_fn(out, T).item()))\n"
         "    print(\"outputs\", \" \".join(repr(v) for v in "
      << (logits_out ? "torch.softmax(out, dim=1)" : "out") << "[0].tolist()))\n";
  return out.str();
}

namespace {

// x, y and the products of the features as torch computes them from the
// columns x = P[:, 0] and y = P[:, 1].
std::string feature_expression(const std::string& name) {
  if (name == "x2") return "x * x";
  if (name == "y2") return "y * y";
  if (name == "xy") return "x * y";
  if (name == "sinx") return "torch.sin(x)";
  if (name == "siny") return "torch.sin(y)";
  return name;
}

// The feature as the page writes it.
const char* feature_text(const std::string& name) {
  if (name == "x2") return "x²";
  if (name == "y2") return "y²";
  if (name == "sinx") return "sin x";
  if (name == "siny") return "sin y";
  return name.c_str();
}

const char* targets_note(const std::string& form) {
  if (form == "sign") return "class 1 -> 1, class 0 -> -1 (tanh and 1/2 SE, as TensorFlow Playground)";
  if (form == "binary") return "the class, 0 or 1";
  if (form == "one_hot") return "one row per point: 1 at its class, 0 elsewhere";
  return "the value at the point";
}

std::string points(const std::vector<double>& x, const std::vector<double>& y) {
  std::string s = "[";
  for (std::size_t i = 0; i < x.size(); ++i) s += (i ? ", [" : "[") + num(x[i]) + ", " + num(y[i]) + "]";
  return s + "]";
}

std::string targets(const Dataset& d, Eigen::Index outputs) {
  Eigen::MatrixXd T(static_cast<Eigen::Index>(d.targets.size()), outputs);
  for (std::size_t e = 0; e < d.targets.size(); ++e) T.row(static_cast<Eigen::Index>(e)) = d.targets[e].transpose();
  return matrix(T);
}

// The page's shuffle, epoch_order (core/train/epoch.cpp), in Python's integers.
const char* order_function = R"(
MASK = (1 << 64) - 1


def order(n, seed):
    """The examples' order in an epoch: Fisher-Yates from the last index down,
    swapping i with splitmix64(seed) mod (i + 1), as the page shuffles them."""
    state = seed
    out = list(range(n))
    for i in range(n - 1, 0, -1):
        state = (state + 0x9E3779B97F4A7C15) & MASK
        z = state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        z = z ^ (z >> 31)
        j = z % (i + 1)
        out[i], out[j] = out[j], out[i]
    return out

)";

}  // namespace

std::string pytorch_playground_script(const TrainingSetup& s, const PlaygroundScript& p) {
  const Config& c = s.config;
  const bool has_test = !p.test.targets.empty();
  Text out;
  out << "#!/usr/bin/env python3\n"
         "# The playground's training, in PyTorch (float64): the same points, input\n"
         "# features, network, initial weights, loss, optimizer, mini-batches and\n"
         "# regularization. After each epoch it prints the epoch, the training loss\n"
         "# and the test loss, as the page's curves show them.\n"
      << imports;
  out << "# The points (x, y), for training and for testing, and their targets:\n# "
      << targets_note(p.targets) << ".\n";
  out << "P_train = " << tensor(points(p.train_x, p.train_y)) << "\n";
  out << "T_train = " << tensor(targets(p.train, c.network.outputs())) << "\n";
  if (has_test) {
    out << "P_test = " << tensor(points(p.test_x, p.test_y)) << "\n";
    out << "T_test = " << tensor(targets(p.test, c.network.outputs())) << "\n";
  }
  out << "\n\ndef features(P):\n"
         "    \"\"\"What the network reads of each point: ";
  for (std::size_t j = 0; j < p.features.size(); ++j) {
    out << (j ? ", " : "") << feature_text(p.features[j]);
  }
  out << ".\"\"\"\n    x, y = P[:, 0], P[:, 1]\n    return torch.stack([";
  for (std::size_t j = 0; j < p.features.size(); ++j) out << (j ? ", " : "") << feature_expression(p.features[j]);
  out << "], dim=1)\n\n\n"
         "X_train = features(P_train)\n";
  if (has_test) out << "X_test = features(P_test)\n";
  out << "\n";
  write_network(out, c);
  out << order_function;
  write_optimizer(out, s.optimizer);
  out << "l1, l2 = " << num(p.l1) << ", " << num(p.l2) << "  # the regularization's rates, on the weights only\n"
      << "batch_size = " << static_cast<long>(p.batch_size) << "\n\n"
      << "for epoch in range(" << static_cast<long>(p.first_seed) << ", " << static_cast<long>(p.first_seed) + p.epochs
      << "):\n"
         "    perm = order(len(X_train), epoch)  # the page seeds epoch k's shuffle with k\n"
         "    for start in range(0, len(perm), batch_size):  # the last batch may be smaller\n"
         "        idx = torch.tensor(perm[start:start + batch_size])\n";
  if (s.zero_grad) {
    out << "        optimizer.zero_grad()\n";
  } else {
    out << "        # optimizer.zero_grad() is left out, as on screen: .grad adds up\n";
  }
  out << "        loss = loss_fn(model(X_train[idx]), T_train[idx])\n";
  if (p.l1 != 0) out << "        loss = loss + l1 * sum(W.abs().sum() for W in weights)\n";
  if (p.l2 != 0) out << "        loss = loss + l2 / 2 * sum((W ** 2).sum() for W in weights)\n";
  out << "        loss.backward()\n"
         "        optimizer.step()\n"
         "    with torch.no_grad():  # the data's losses, without the penalty\n"
         "        E_train = loss_fn(model(X_train), T_train).item()\n";
  out << (has_test ? "        E_test = loss_fn(model(X_test), T_test).item()\n" : "        E_test = None\n");
  out << "    print(epoch, repr(E_train), repr(E_test))\n";
  return out.str();
}

}  // namespace bp
