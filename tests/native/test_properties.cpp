// Properties over random networks (seeded: layer sizes 1-6, every activation
// and loss, both bias modes): the trace's gradients equal central finite
// differences; training N steps then N more equals training 2N at once.
#include <map>
#include <random>

#include "api/api.hpp"
#include "random_net.hpp"
#include "support.hpp"
#include "train/training_loop.hpp"

namespace {

using bp::Activation;
using bp::LossKind;

template <class T>
const T& pick(std::mt19937& rng, const std::vector<T>& from) {
  return from[std::uniform_int_distribution<std::size_t>(0, from.size() - 1)(rng)];
}

bp::Config random_network(std::mt19937& rng) {
  const LossKind loss = pick<LossKind>(rng, {LossKind::half_sse, LossKind::mse, LossKind::mae, LossKind::smooth_l1,
                                             LossKind::bce, LossKind::bce_logits, LossKind::ce});
  std::uniform_int_distribution<int> width(1, 6), depth(1, 3);
  std::vector<Eigen::Index> sizes{width(rng)};
  for (int l = depth(rng); l > 0; --l) sizes.push_back(width(rng));
  if (loss == LossKind::ce && sizes.back() < 2) sizes.back() = 2;
  const Activation hidden = pick<Activation>(rng, {Activation::sigmoid, Activation::tanh, Activation::relu, Activation::linear});
  const Activation output = loss == LossKind::ce    ? Activation::softmax
                            : loss == LossKind::bce ? Activation::sigmoid
                                                    : pick<Activation>(rng, {Activation::sigmoid, Activation::tanh,
                                                                             Activation::relu, Activation::linear,
                                                                             Activation::softmax});
  const bool shared = std::uniform_int_distribution<int>(0, 1)(rng) == 1;
  bp::Config c = bp::test::random_config(rng, sizes, hidden, output, loss, shared);
  c.train_biases = std::uniform_int_distribution<int>(0, 1)(rng) == 1;
  c.loss.label_smoothing = loss == LossKind::ce ? pick<double>(rng, {0.0, 0.1}) : 0.0;
  return c;
}

// A difference quotient across a kink (ReLU at 0, MAE at 0, SmoothL1 at beta)
// means nothing: such draws are skipped.
bool near_kink(const bp::Config& c, double margin) {
  const bp::Forward f = bp::forward(c.network, c.loss, c.inputs, c.targets);
  for (std::size_t l = 1; l < f.net.size(); ++l) {
    if (c.network.layers[l - 1].activation == Activation::relu && (f.net[l].array().abs() < margin).any()) return true;
  }
  const Eigen::ArrayXd x = (f.out.back() - c.targets).array().abs();
  if (c.loss.kind == LossKind::mae && (x < margin).any()) return true;
  if (c.loss.kind == LossKind::smooth_l1 && ((x - c.loss.beta).abs() < margin).any()) return true;
  return false;
}

double loss_at(const bp::Config& c, const Eigen::VectorXd& theta) {
  bp::Config probe = c;
  bp::unpack(theta, probe);
  return bp::forward(probe.network, probe.loss, probe.inputs, probe.targets).E_total;
}

}  // namespace

TEST_CASE("on random networks, every gradient the trace shows equals a central finite difference to 1e-6", "[properties]") {
  std::mt19937 rng(1306);
  int checked = 0, skipped = 0;
  while (checked < 200) {
    bp::Config c = random_network(rng);
    c.train_biases = true;  // so that every bias's gradient is a term with a finite difference
    if (near_kink(c, 1e-4)) {
      ++skipped;
      continue;
    }
    const bp::Value trace = bp::api::trace(bp::config_to_value(c), bp::Value());
    std::map<std::string, double> terms;
    for (const auto& t : trace.find("terms")->items()) terms[t.find("id")->as_string()] = t.find("value")->as_number();
    const bp::ParameterLayout layout = bp::parameter_layout(c);
    const Eigen::VectorXd theta = bp::pack(c);
    for (Eigen::Index k = 0; k < theta.size(); ++k) {
      const std::string& id = layout.terms[static_cast<std::size_t>(k)];
      INFO("network " << checked << ", " << bp::config_to_value(c).to_json() << "\n" << id);
      REQUIRE(terms.count(id));
      const double h = 1e-6 * std::max(1.0, std::abs(theta[k]));
      Eigen::VectorXd plus = theta, minus = theta;
      plus[k] += h;
      minus[k] -= h;
      const double numeric = (loss_at(c, plus) - loss_at(c, minus)) / (2 * h);
      const double analytic = terms[id];
      INFO("trace " << std::setprecision(17) << analytic << ", central difference " << numeric);
      CHECK(std::abs(analytic - numeric) <= 1e-6 * std::max(std::abs(analytic), std::abs(numeric)) + 1e-9);
    }
    ++checked;
  }
  CHECK(skipped < checked);
}

TEST_CASE("on random networks and optimizers, N iterations then N more equal 2N at once, to the last bit", "[properties]") {
  std::mt19937 rng(2612);
  const std::vector<std::string> optimizers = {
      R"({"kind": "sgd", "lr": 0.1, "momentum": 0.9, "nesterov": true})",
      R"({"kind": "momentum", "lr": 0.1, "beta": 0.8})",
      R"({"kind": "adagrad", "lr": 0.05, "lr_decay": 0.01})",
      R"({"kind": "rmsprop", "lr": 0.01, "centered": true, "momentum": 0.5})",
      R"({"kind": "adam", "lr": 0.01, "amsgrad": true, "decoupled": true})",
      R"({"kind": "adam", "lr": 0.01, "bias_correction": false, "weight_decay": 0.01})",
  };
  for (int n = 0; n < 60; ++n) {
    const bp::Config c = random_network(rng);
    bp::Value spec = bp::Value::object();
    spec.set("network", bp::config_to_value(c));
    spec.set("optimizer", bp::Value::parse_json(optimizers[static_cast<std::size_t>(n) % optimizers.size()]));
    spec.set("zero_grad", n % 5 != 0);
    const long N = std::uniform_int_distribution<long>(1, 40)(rng);
    INFO(spec.to_json() << "\nN = " << N);
    spec.set("iterations", static_cast<double>(2 * N));
    const bp::Value whole = bp::api::training_run(spec);
    spec.set("iterations", static_cast<double>(N));
    const bp::Value first = bp::api::training_run(spec);
    spec.set("network", *first.find("network"));
    spec.set("state", *first.find("state"));
    const bp::Value second = bp::api::training_run(spec);
    // The same parameters, optimizer state and losses, bit for bit.
    CHECK(second.find("network")->to_json() == whole.find("network")->to_json());
    CHECK(second.find("state")->find("optimizer")->to_json() == whole.find("state")->find("optimizer")->to_json());
    CHECK(second.find("state")->find("grad")->to_json() == whole.find("state")->find("grad")->to_json());
    const auto& E = whole.find("E_total")->as_numbers();
    const auto& E2 = second.find("E_total")->as_numbers();
    REQUIRE(E2.size() == static_cast<std::size_t>(N) + 1);
    for (long i = 0; i <= N; ++i) CHECK(E2[static_cast<std::size_t>(i)] == E[static_cast<std::size_t>(N + i)]);
  }
}
