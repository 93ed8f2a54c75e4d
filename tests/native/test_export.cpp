// The exported PyTorch script on random configurations, generated here from a
// seed: every activation, loss (class-index cross-entropy too), optimizer and
// option, both bias modes, and values that are whole numbers (an input of 0,
// a one-hot target), which torch.tensor would read as integers. With torch
// (Debian's python3-torch) each script runs and prints the CLI's figures to
// 1e-12 (relative; 1e-15 absolute for a loss that has fallen near 0, the
// square of a difference whose last bit it keeps); without it, each is
// checked to be valid Python. Runs are 20 iterations: long enough for every
// optimizer's state, short of where an adaptive optimizer on a flat stretch
// (centered RMSprop, s - g_avg^2 cancelling) amplifies a last-bit difference
// in the loss's sum, which torch's own CPUs differ by.
#include <array>
#include <cstdio>
#include <fstream>
#include <iomanip>
#include <random>
#include <sstream>

#include "fixtures.hpp"
#include "random_net.hpp"
#include "support.hpp"
#include "base/value.hpp"

namespace {

struct Case {
  bp::Value network;
  bp::Value optimizer;
  long iterations;
};

template <class T>
const T& pick(std::mt19937& rng, const std::vector<T>& from) {
  return from[std::uniform_int_distribution<std::size_t>(0, from.size() - 1)(rng)];
}

// A whole number now and then: 0, 1, -1 or 2.
double maybe_whole(std::mt19937& rng, double x) {
  std::uniform_int_distribution<int> d(0, 5);
  const int k = d(rng);
  return k == 0 ? 0.0 : k == 1 ? 1.0 : k == 2 ? -1.0 : k == 3 ? 2.0 : x;
}

bp::Value random_optimizer(std::mt19937& rng) {
  std::uniform_real_distribution<double> u(0, 1);
  const std::string kind = pick<std::string>(rng, {"sgd", "momentum", "adagrad", "rmsprop", "adam"});
  bp::Value o = bp::Value::object();
  o.set("kind", kind);
  auto coin = [&] { return u(rng) < 0.5; };
  if (coin()) o.set("weight_decay", pick<double>(rng, {0, 0.01, 1}));
  if (kind == "sgd") {
    o.set("lr", pick<double>(rng, {0.1, 0.5, 1}));
    if (coin()) {
      o.set("momentum", pick<double>(rng, {0.5, 0.9}));
      if (coin()) o.set("nesterov", true);
      else o.set("dampening", pick<double>(rng, {0, 0.1}));
    }
  } else if (kind == "momentum") {
    o.set("lr", pick<double>(rng, {0.1, 0.5}));
    if (coin()) {
      o.set("form", "pytorch");
      o.set("momentum", pick<double>(rng, {0.5, 0.9}));
      if (coin()) o.set("nesterov", true);
    } else {
      o.set("beta", pick<double>(rng, {0, 0.5, 0.9}));
    }
  } else if (kind == "adagrad") {
    o.set("lr", pick<double>(rng, {0.01, 0.1}));
    if (coin()) o.set("lr_decay", pick<double>(rng, {0, 0.01}));
    if (coin()) o.set("initial_accumulator", pick<double>(rng, {0, 1}));
    if (coin()) o.set("eps", 1e-6);
  } else if (kind == "rmsprop") {
    o.set("lr", pick<double>(rng, {0.001, 0.01}));
    if (coin()) o.set("centered", true);
    if (coin()) o.set("momentum", 0.5);
    if (coin()) o.set("alpha", 0.9);
  } else {
    o.set("lr", pick<double>(rng, {0.001, 0.01}));
    if (coin()) o.set("bias_correction", false);
    if (coin()) o.set("amsgrad", true);
    if (coin()) o.set("decoupled", true);
    if (coin()) o.set("beta1", 0);
  }
  return o;
}

Case random_case(std::mt19937& rng) {
  using bp::Activation;
  using bp::LossKind;
  std::uniform_int_distribution<int> depth(1, 3), width(1, 4);
  const LossKind loss = pick<LossKind>(rng, {LossKind::half_sse, LossKind::mse, LossKind::mae, LossKind::smooth_l1,
                                             LossKind::bce, LossKind::bce_logits, LossKind::ce});
  std::vector<Eigen::Index> sizes{width(rng)};
  for (int l = depth(rng); l > 0; --l) sizes.push_back(width(rng));
  if (loss == LossKind::ce && sizes.back() < 2) sizes.back() = 3;
  const Activation hidden = pick<Activation>(rng, {Activation::sigmoid, Activation::tanh, Activation::relu, Activation::linear});
  const Activation output = loss == LossKind::ce    ? Activation::softmax
                            : loss == LossKind::bce ? Activation::sigmoid
                                                    : pick<Activation>(rng, {Activation::sigmoid, Activation::tanh, Activation::relu,
                                                                             Activation::linear, Activation::softmax});
  const bool shared = std::uniform_int_distribution<int>(0, 1)(rng) == 1;
  bp::Config c = bp::test::random_config(rng, sizes, hidden, output, loss, shared);
  for (Eigen::Index i = 0; i < c.inputs.size(); ++i) c.inputs[i] = maybe_whole(rng, c.inputs[i]);
  for (auto& layer : c.network.layers) {
    if (std::uniform_int_distribution<int>(0, 3)(rng) == 0) layer.W(0, 0) = 1.0;
    if (std::uniform_int_distribution<int>(0, 3)(rng) == 0) layer.b.setZero();
  }
  if (loss == LossKind::ce && std::uniform_int_distribution<int>(0, 1)(rng) == 1) {
    // A class index, as a one-hot target.
    c.targets.setZero();
    c.targets[std::uniform_int_distribution<Eigen::Index>(0, c.targets.size() - 1)(rng)] = 1.0;
  }
  if ((loss == LossKind::bce || loss == LossKind::bce_logits) && std::uniform_int_distribution<int>(0, 1)(rng) == 1) {
    c.targets[0] = 1.0;
  }
  if (loss == LossKind::half_sse || loss == LossKind::mse) c.targets[0] = maybe_whole(rng, c.targets[0]);
  c.loss.beta = pick<double>(rng, {0.0, 0.5, 1.0, 2.0});
  c.loss.label_smoothing = pick<double>(rng, {0.0, 0.0, 0.1});
  c.train_biases = std::uniform_int_distribution<int>(0, 1)(rng) == 1;
  return {bp::config_to_value(c), random_optimizer(rng), 20};
}

}  // namespace

TEST_CASE("exported scripts of random configurations run under torch and print the CLI's figures", "[export][pytorch]") {
  int status = 0;
  bp::test::run_command("/usr/bin/python3 -c 'import torch'", status);
  const bool torch = status == 0;
  if (!torch) WARN("torch is not installed (Debian's python3-torch): the exported scripts are only checked to be valid Python");
  std::mt19937 rng(20240613);
  const int cases = 30;
  int compared = 0;
  for (int n = 0; n < cases; ++n) {
    const Case c = random_case(rng);
    const std::string net = "export_random_" + std::to_string(n) + ".json";
    const std::string py = "export_random_" + std::to_string(n) + ".py";
    std::ofstream(net) << c.network.to_json();
    const std::string common = std::string(CLI_PATH) + " " + net + " --iterations " + std::to_string(c.iterations) +
                               " --optimizer '" + c.optimizer.to_json() + "'";
    INFO("case " << n << ": " << c.network.to_json() << "\noptimizer " << c.optimizer.to_json());
    const std::string script = bp::test::run_command(common + " --export-pytorch", status);
    REQUIRE(status == 0);
    std::ofstream(py) << script;
    const bp::Value cli = bp::Value::parse_json(bp::test::run_command(common + " --format json", status));
    REQUIRE(status == 0);
    REQUIRE(cli.find("diverged_at")->is_null());
    const std::vector<double> E = bp::test::numbers(*cli.find("E_total"));
    if (!torch) {
      bp::test::run_command("python3 -c \"import ast; ast.parse(open('" + py + "').read())\"", status);
      CHECK(status == 0);
    } else {
      const std::string printed = bp::test::run_command("/usr/bin/python3 " + py, status);
      INFO(printed);
      REQUIRE(status == 0);
      std::istringstream lines(printed);
      std::string first;
      int seen = 0;
      while (lines >> first) {
        if (first == "outputs") {
          const std::vector<double> outputs = bp::test::numbers(*cli.find("outputs"));
          for (double expected : outputs) {
            double value = 0;
            lines >> value;
            CHECK(bp::test::close(value, expected, 1e-12, 1e-15));
          }
          continue;
        }
        double value = 0;
        lines >> value;
        const auto it = static_cast<std::size_t>(std::stol(first));
        REQUIRE(it < E.size());
        INFO("iteration " << it << ": PyTorch " << std::setprecision(17) << value << ", CLI " << E[it]);
        CHECK(bp::test::close(value, E[it], 1e-12, 1e-15));
        ++seen;
      }
      CHECK(seen == 11);
      ++compared;
    }
    std::remove(net.c_str());
    std::remove(py.c_str());
  }
  if (torch) CHECK(compared == cases);
}
