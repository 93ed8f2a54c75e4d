// "Why did it blow up?": the curvature along the step and the largest, the
// overshoot, the gradient's norm, momentum's share of the step and the
// saturated units, on networks whose answers are known.
#include <catch2/catch.hpp>

#include <cmath>

#include "api/api.hpp"
#include "base/error.hpp"
#include "fixtures.hpp"

namespace {

// out = w x + b, MSE over x = 1, 2, 3 with targets 1, 0, 2, at w = 0.5, b = 0.1:
// its Hessian in (w, b) is (2/3) [[14, 6], [6, 3]], its gradient (0.4, 0.2).
bp::Value line_spec(double lr, double momentum = 0) {
  const char* network = R"({"layers": [1, 1], "activations": ["linear"], "inputs": [0], "targets": [0],
    "weights": [[[0.5]]], "biases": [[0.1]], "shared_bias": false, "train_biases": true,
    "learning_rate": 0.1, "loss": "mse"})";
  const char* data = R"({"inputs": [[1], [2], [3]], "targets": [[1], [0], [2]]})";
  bp::Value spec = bp::Value::object();
  spec.set("network", bp::Value::parse_json(network));
  spec.set("data", bp::Value::parse_json(data));
  bp::Value optimizer = bp::Value::object();
  optimizer.set("kind", "sgd");
  optimizer.set("lr", lr);
  if (momentum != 0) optimizer.set("momentum", momentum);
  spec.set("optimizer", optimizer);
  return spec;
}

bp::Value saturation_spec(const char* activation, double weight) {
  bp::Value network = bp::Value::parse_json(
      R"({"layers": [2, 3, 1], "inputs": [0, 0], "targets": [0], "shared_bias": false, "train_biases": true,
          "learning_rate": 0.1, "loss": "mse", "biases": [[0, 0, 0], [0]]})");
  bp::Value acts = bp::Value::array();
  acts.push(activation);
  acts.push(activation);
  network.set("activations", acts);
  bp::Value w1 = bp::Value::array();
  for (int j = 0; j < 3; ++j) w1.push(bp::Value::array_of(std::vector<double>{weight, -weight}));
  bp::Value w = bp::Value::array();
  w.push(w1);
  bp::Value w2 = bp::Value::array();
  w2.push(bp::Value::array_of(std::vector<double>{weight, weight, weight}));
  w.push(w2);
  network.set("weights", w);
  bp::Value spec = bp::Value::object();
  spec.set("network", network);
  spec.set("data", bp::Value::parse_json(R"({"inputs": [[1, -1], [2, 0.5], [3, -1]], "targets": [[0.5], [0.5], [0.5]]})"));
  return spec;
}

}  // namespace

TEST_CASE("a line's curvatures are its Hessian's: along SGD's step and the largest", "[playground][diagnosis]") {
  const bp::Value d = bp::api::training_diagnosis(line_spec(0.1));
  CHECK(d.find("E")->as_number() == Approx((0.16 + 1.21 + 0.16) / 3).epsilon(1e-14));
  CHECK(d.find("gradient_norm")->as_number() == Approx(std::sqrt(0.2)).epsilon(1e-14));
  // Along −g = −(2, 1) / √5: (2/3) (4·14 + 2·2·6 + 3) / 5 = (2/3) 16.6.
  CHECK(d.find("curvature_along_step")->as_number() == Approx(2.0 / 3 * 16.6).epsilon(1e-8));
  // The largest eigenvalue: (2/3) (17 + √265) / 2.
  const double lambda = (17 + std::sqrt(265.0)) / 3;
  CHECK(d.find("largest_curvature")->as_number() == Approx(lambda).epsilon(1e-8));
  CHECK(d.find("stable_lr")->as_number() == Approx(2 / lambda).epsilon(1e-8));
  CHECK(d.find("overshoot")->as_number() == Approx(0.1 * 2.0 / 3 * 16.6 / 2).epsilon(1e-8));
  CHECK(d.find("momentum_factor")->as_number() == Approx(1).epsilon(1e-14));
  CHECK(d.find("step_norm")->as_number() == Approx(0.1 * std::sqrt(0.2)).epsilon(1e-14));
  CHECK(d.find("saturated_of")->as_number() == 0);
  CHECK(d.find("saturated_share")->is_null());
}

TEST_CASE("a learning rate above 2 / λ_max overshoots, and its epochs grow the loss", "[playground][diagnosis]") {
  bp::Value spec = line_spec(0.25);
  const bp::Value d = bp::api::training_diagnosis(spec);
  CHECK(d.find("overshoot")->as_number() > 1);
  CHECK(d.find("stable_lr")->as_number() < 0.25);
  spec.set("batch_size", 3);
  spec.set("losses", true);
  double E = d.find("E")->as_number();
  for (int epoch = 0; epoch < 5; ++epoch) {
    const bp::Value r = bp::api::training_epoch(spec);
    const double next = r.find("E_train")->as_number();
    CHECK(next > E);
    E = next;
    spec.set("network", *r.find("network"));
    spec.set("state", *r.find("state"));
  }
  // Below it, the loss falls.
  bp::Value calm = line_spec(0.1);
  calm.set("batch_size", 3);
  calm.set("losses", true);
  CHECK(bp::api::training_epoch(calm).find("E_train")->as_number() < bp::api::training_diagnosis(line_spec(0.1)).find("E")->as_number());
}

TEST_CASE("momentum's share of the step: after a few steps the same way, longer than plain descent's", "[playground][diagnosis]") {
  bp::Value spec = line_spec(0.01, 0.9);
  spec.set("batch_size", 3);
  for (int epoch = 0; epoch < 5; ++epoch) {
    const bp::Value r = bp::api::training_epoch(spec);
    spec.set("network", *r.find("network"));
    spec.set("state", *r.find("state"));
  }
  bp::Value diag = bp::Value::object();
  for (const auto& [key, value] : spec.members())
    if (key != "batch_size") diag.set(key, value);
  CHECK(bp::api::training_diagnosis(diag).find("momentum_factor")->as_number() > 2);
}

TEST_CASE("saturated units: large weights push every sigmoid and tanh to its limits, small ones none", "[playground][diagnosis]") {
  for (const char* activation : {"sigmoid", "tanh"}) {
    INFO(activation);
    const bp::Value big = bp::api::training_diagnosis(saturation_spec(activation, 50));
    CHECK(big.find("saturated_of")->as_number() == 12);  // 3 examples, 3 + 1 units
    CHECK(big.find("saturated_share")->as_number() == 1);
    const bp::Value small = bp::api::training_diagnosis(saturation_spec(activation, 0.1));
    CHECK(small.find("saturated")->as_number() == 0);
    CHECK(small.find("saturated_share")->as_number() == 0);
  }
}

TEST_CASE("the diagnosis counts the penalty's gradient and refuses a negative rate", "[playground][diagnosis]") {
  bp::Value spec = line_spec(0.1);
  spec.set("l2", 0.5);
  // l2 adds 0.5 to the weight's curvature: (2/3) [[14, 6], [6, 3]] + [[0.5, 0], [0, 0]].
  const double a = 28.0 / 3 + 0.5, b = 4, c = 2;
  const double lambda = (a + c) / 2 + std::sqrt((a - c) * (a - c) / 4 + b * b);
  CHECK(bp::api::training_diagnosis(spec).find("largest_curvature")->as_number() == Approx(lambda).epsilon(1e-8));
  spec.set("l2", -1);
  CHECK_THROWS_AS(bp::api::training_diagnosis(spec), bp::Error);
}

TEST_CASE("the estimates against PyTorch's exact Hessian on random networks, with L1 and L2", "[playground][diagnosis][pytorch]") {
  const bp::Value fixture = bp::test::fixture("playground_diagnosis_pytorch.json");
  for (const auto& c : fixture.find("cases")->items()) {
    bp::Value spec = bp::Value::object();
    spec.set("network", *c.find("network"));
    spec.set("data", *c.find("data"));
    spec.set("l1", *c.find("l1"));
    spec.set("l2", *c.find("l2"));
    bp::Value optimizer = bp::Value::object();
    optimizer.set("kind", "sgd");
    optimizer.set("lr", 0.1);
    spec.set("optimizer", optimizer);
    const bp::Value d = bp::api::training_diagnosis(spec);
    INFO(c.find("network")->find("activations")->to_json());
    CHECK(d.find("E")->as_number() == Approx(c.find("E")->as_number()).epsilon(1e-12));
    CHECK(d.find("gradient_norm")->as_number() == Approx(c.find("gradient_norm")->as_number()).epsilon(1e-12));
    // Central differences of the gradient: close to the exact dᵀHd and λ_max.
    CHECK(d.find("curvature_along_step")->as_number() == Approx(c.find("curvature_along_step")->as_number()).epsilon(1e-6));
    CHECK(d.find("largest_curvature")->as_number() == Approx(c.find("largest_curvature")->as_number()).epsilon(1e-5));
    CHECK(d.find("saturated")->as_number() == c.find("saturated")->as_number());
    CHECK(d.find("saturated_of")->as_number() == c.find("saturated_of")->as_number());
  }
}

TEST_CASE("dead ReLUs: hidden ReLU units whose net is at most 0 on every example, of all hidden ReLU units", "[playground][diagnosis]") {
  // Three ReLU units over the examples (1, −1), (2, 0.5), (3, −1):
  //   net_1 = x       = 1, 2, 3            alive
  //   net_2 = −x      = −1, −2, −3         dead
  //   net_3 = y − 1   = −2, −0.5, −2       dead
  // and a linear output (not a hidden unit).
  const auto spec = [](const char* activation) {
    bp::Value network = bp::Value::parse_json(
        R"({"layers": [2, 3, 1], "inputs": [0, 0], "targets": [0], "shared_bias": false, "train_biases": true,
            "learning_rate": 0.1, "loss": "mse", "weights": [[[1, 0], [-1, 0], [0, 1]], [[1, 1, 1]]],
            "biases": [[0, 0, -1], [0]]})");
    bp::Value acts = bp::Value::array();
    acts.push(activation);
    acts.push("linear");
    network.set("activations", acts);
    bp::Value s = bp::Value::object();
    s.set("network", network);
    s.set("data", bp::Value::parse_json(R"({"inputs": [[1, -1], [2, 0.5], [3, -1]], "targets": [[0.5], [0.5], [0.5]]})"));
    bp::Value optimizer = bp::Value::object();
    optimizer.set("kind", "sgd");
    optimizer.set("lr", 0.1);
    s.set("optimizer", optimizer);
    return s;
  };
  const bp::Value relu = bp::api::training_diagnosis(spec("relu"));
  CHECK(relu.find("relu_units")->as_number() == 3);
  CHECK(relu.find("dead_relu")->as_number() == 2);
  CHECK(relu.find("dead_relu_share")->as_number() == Approx(2.0 / 3).epsilon(1e-15));
  // The same weights under tanh or leaky ReLU: no ReLU units, no share.
  for (const char* activation : {"tanh", "leaky_relu"}) {
    INFO(activation);
    const bp::Value other = bp::api::training_diagnosis(spec(activation));
    CHECK(other.find("relu_units")->as_number() == 0);
    CHECK(other.find("dead_relu")->as_number() == 0);
    CHECK(other.find("dead_relu_share")->is_null());
  }
}
