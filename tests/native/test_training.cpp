// The training loop: PyTorch's zero_grad, backward, step on the network.
#include <algorithm>
#include <array>
#include <cstdio>
#include <fstream>
#include <iomanip>
#include <sstream>

#include "api/api.hpp"
#include "train/csv.hpp"
#include "base/error.hpp"
#include "fixtures.hpp"
#include "classic_training.hpp"
#include "support.hpp"
#include "train/training_loop.hpp"

namespace {

bp::Value spec_with(const bp::Value& optimizer, long iterations) {
  bp::Value spec = bp::Value::object();
  spec.set("network", bp::api::classic());
  if (!optimizer.is_null()) spec.set("optimizer", optimizer);
  spec.set("iterations", iterations);
  return spec;
}

}  // namespace

TEST_CASE("the defaults, SGD with eta 0.5, reproduce the 10,000-iteration figures", "[training]") {
  const bp::Value r = bp::api::training_run(spec_with(bp::Value(), 10000));
  const auto& E = r.find("E_total")->as_numbers();
  REQUIRE(E.size() == 10001);
  CHECK(E.front() == 0.2983711087600027);
  CHECK_REL(E.back(), 3.510187782978859e-05, 1e-12);
  const auto& out = (*r.find("outputs"))[0].as_numbers();
  CHECK_REL(out[0], 0.01591362044355068, 1e-12);
  CHECK_REL(out[1], 0.9840642735146238, 1e-12);
}

TEST_CASE("Adam and RMSprop on the classic network match PyTorch over 1,000 iterations", "[training][pytorch]") {
  const bp::Value fx = bp::test::fixture("optimizers_pytorch.json");
  for (const char* config : {"adam", "rmsprop", "adam_options", "rmsprop_momentum", "adagrad", "momentum_nesterov"}) {
    const bp::Value& run = *fx.find("network")->find(config);
    const bp::Value r = bp::api::training_run(spec_with(*run.find("optimizer"), 1000));
    const auto& E = r.find("E_total")->as_numbers();
    const auto expected = bp::test::numbers(*run.find("E_total"));
    REQUIRE(E.size() == expected.size());
    double worst = 0;
    for (std::size_t t = 0; t < E.size(); ++t) worst = std::max(worst, std::abs(E[t] - expected[t]) / expected[t]);
    INFO(config << ": worst relative difference " << worst);
    CHECK(worst <= 1e-10);
  }
}

TEST_CASE("without zero_grad, .grad is the running sum of every iteration's gradient", "[training]") {
  bp::TrainingSetup s = bp::test::classic_sgd(false);
  bp::TrainingState state = bp::initial_state(s);
  Eigen::VectorXd sum = Eigen::VectorXd::Zero(8);
  for (int it = 0; it < 20; ++it) {
    const bp::Iteration step = bp::run_iteration(s, state);
    CHECK(step.grad_zeroed == step.grad_before);  // zero_grad skipped
    sum += step.batch.grad;
    for (int k = 0; k < 8; ++k) CHECK(bp::test::close(step.grad_after[k], sum[k], 1e-14, 1e-300));
  }
  // With zero_grad, .grad is just this iteration's gradient.
  s.zero_grad = true;
  bp::TrainingState fresh = bp::initial_state(s);
  for (int it = 0; it < 3; ++it) {
    const bp::Iteration step = bp::run_iteration(s, fresh);
    CHECK(step.grad_zeroed.isZero());
    CHECK(step.grad_after == step.batch.grad);
  }
}

TEST_CASE("forgetting zero_grad sends the training wrong", "[training]") {
  // .grad keeps every past gradient, like a momentum that never decays: the
  // loss dives, climbs back, and the weights run away until the sigmoids
  // saturate at exactly 0 and 1 (E = 1/2 0.01^2 + 1/2 0.01^2 = 1e-4).
  bp::Value forget = spec_with(bp::Value(), 2000);
  forget.set("zero_grad", false);
  const bp::Value r = bp::api::training_run(forget);
  const auto& E = r.find("E_total")->as_numbers();
  const double lowest = *std::min_element(E.begin(), E.end());
  CHECK(E.back() > 1.5 * lowest);
  CHECK_REL(E.back(), 1e-4, 1e-6);
  const double w5 = (*r.find("network")->find("weights"))[1][0][0].as_number();
  CHECK(std::abs(w5) > 100);
  // With zero_grad the same 2,000 iterations end with w5 near -3.
  const bp::Value ok = bp::api::training_run(spec_with(bp::Value(), 2000));
  CHECK(std::abs((*ok.find("network")->find("weights"))[1][0][0].as_number()) < 10);
}

TEST_CASE("a run in chunks, resuming from the returned state, equals one run to the last bit", "[training]") {
  for (const char* optimizer : {R"({"kind": "adam", "lr": 0.01})", R"({"kind": "momentum", "lr": 0.1})",
                                R"({"kind": "rmsprop", "lr": 0.002, "centered": true, "momentum": 0.3})"}) {
    const bp::Value o = bp::Value::parse_json(optimizer);
    const bp::Value whole = bp::api::training_run(spec_with(o, 3000));
    bp::Value spec = spec_with(o, 1000);
    std::vector<double> E;
    for (int chunk = 0; chunk < 3; ++chunk) {
      // Through JSON and back, as the page's state travels.
      const bp::Value r = bp::Value::parse_json(bp::api::training_run(spec).to_json());
      for (std::size_t i = chunk ? 1 : 0; i < r.find("E_total")->size(); ++i) E.push_back((*r.find("E_total"))[i].as_number());
      spec.set("network", *r.find("network"));
      spec.set("state", *r.find("state"));
    }
    const auto& expected = whole.find("E_total")->as_numbers();
    REQUIRE(E.size() == expected.size());
    for (std::size_t i = 0; i < E.size(); ++i) {
      INFO(optimizer << " at " << i);
      CHECK(E[i] == expected[i]);
    }
  }
}

TEST_CASE("a diverging run stops and keeps its last finite state", "[training]") {
  bp::Value network = bp::Value::parse_json(
      R"({"layers": [1, 1], "activations": "linear", "inputs": [1], "targets": [0], "weights": [[[1]]],
          "biases": [[0]], "learning_rate": 10})");
  bp::Value spec = bp::Value::object();
  spec.set("network", network);
  spec.set("iterations", 1000);
  const bp::Value r = bp::api::training_run(spec);
  const double at = r.find("diverged_at")->as_number();
  CHECK(at > 150);
  CHECK(at < 175);
  CHECK(r.find("state")->find("iteration")->as_number() == at - 1);
  CHECK(std::isfinite((*r.find("network")->find("weights"))[0][0][0].as_number()));
  CHECK(r.find("E_total")->size() == static_cast<std::size_t>(at));

  // A run that ends on the update that overflows the loss says so too, and keeps the state before it.
  spec.set("iterations", at);
  const bp::Value last = bp::api::training_run(spec);
  CHECK(last.find("diverged_at")->as_number() == at);
  CHECK(last.find("state")->find("iteration")->as_number() == at - 1);
  const auto& E = last.find("E_total")->as_numbers();
  CHECK(E.size() == static_cast<std::size_t>(at));
  CHECK(std::isfinite(E.back()));
}

TEST_CASE("pasted data: separators, a header, and errors by line", "[training][csv]") {
  const bp::Dataset d = bp::parse_csv("x1, x2, t1, t2\n0.05, 0.1, 0.01, 0.99\n\n1;2;0.5;0.5\n3 4 0.1 0.9\n", 2, 2);
  REQUIRE(d.inputs.size() == 3);
  CHECK(d.inputs[1][1] == 2);
  CHECK(d.targets[2][1] == 0.9);
  auto error = [](const char* text) {
    try {
      bp::parse_csv(text, 2, 2);
    } catch (const bp::Error& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  CHECK(error("1,2,3,4\n5,6,7\n") == "line 2: expected 4 numbers (2 inputs and 2 targets), found 3");
  CHECK(error("1,2,3,4\n5,6,x,8\n") == "line 2, column 3: \"x\" is not a number");
  CHECK(error("1,2,3,4\n\n5,6,,8\n") == "line 3, column 3: \"\" is not a number");
  CHECK(error("") == "no data: paste rows of numbers, the inputs then the targets");
  CHECK(error("1,2,3,1e999\n") == "line 1, column 4: 1e999 is not a finite number");
}

TEST_CASE("a batch trains on the mean of its examples' losses", "[training]") {
  bp::Value spec = spec_with(bp::Value(), 1);
  spec.set("data", bp::Value::parse_json(R"({"inputs": [[0.05, 0.1], [0.05, 0.1]], "targets": [[0.01, 0.99], [0.01, 0.99]]})"));
  // Two copies of the classic example: the same loss and the same first step.
  const bp::Value r = bp::api::training_run(spec);
  const auto& E = r.find("E_total")->as_numbers();
  CHECK(E[0] == 0.2983711087600027);
  CHECK_REL(E[1], 0.29102777369359933, 1e-15);
}

TEST_CASE("the gradient check: analytic against central differences", "[training]") {
  bp::Value spec = spec_with(bp::Value(), 1);
  spec.set("data", bp::Value::parse_json(R"({"inputs": [[0.05, 0.1], [0.3, -0.2]], "targets": [[0.01, 0.99], [0.5, 0.2]]})"));
  bp::Value network = bp::api::classic();
  network = bp::api::bias_mode(network, bp::Value::parse_json(R"({"train_biases": true})"));
  spec.set("network", network);
  spec.set("iterations", bp::Value());
  bp::Value check_spec = bp::Value::object();
  check_spec.set("network", network);
  check_spec.set("data", *spec.find("data"));
  const bp::Value r = bp::api::training_gradient_check(check_spec);
  const auto& rows = r.find("parameters")->items();
  CHECK(rows.size() == 12);
  for (const auto& row : rows) {
    INFO(row.find("name")->as_string());
    CHECK(row.find("relative")->as_number() < 1e-6);
  }
  CHECK(rows[4].find("name")->as_string() == "w5");
}

TEST_CASE("the exported PyTorch script is valid Python and, with torch, prints the same losses", "[training][pytorch]") {
  struct Case {
    const char* name;
    const char* optimizer;
    long iterations;
    bool zero_grad;
    const char* data;
  };
  const Case cases[] = {
      {"sgd", R"({"kind": "sgd", "lr": 0.5})", 10000, true, nullptr},
      {"adam_without_correction", R"({"kind": "adam", "lr": 0.01, "bias_correction": false, "amsgrad": true})", 500, true, nullptr},
      {"momentum_lesson", R"({"kind": "momentum", "lr": 0.1, "beta": 0.8})", 500, true, nullptr},
      {"forget_zero_grad", R"({"kind": "sgd", "lr": 0.1})", 300, false, nullptr},
      {"batch_rmsprop", R"({"kind": "rmsprop", "lr": 0.01})", 500, true,
       R"({"inputs": [[0.05, 0.1], [0.3, -0.2], [1, 1]], "targets": [[0.01, 0.99], [0.5, 0.2], [0.9, 0.1]]})"},
  };
  int status = 0;
  bp::test::run_command("/usr/bin/python3 -c 'import torch'", status);
  const bool torch = status == 0;
  if (!torch) WARN("torch is not installed (Debian's python3-torch): the scripts are only checked to be valid Python");
  for (const Case& c : cases) {
    bp::Value spec = spec_with(bp::Value::parse_json(c.optimizer), c.iterations);
    spec.set("zero_grad", c.zero_grad);
    if (c.data) spec.set("data", bp::Value::parse_json(c.data));
    const std::string script = bp::api::training_export(spec).find("script")->as_string();
    const std::string path = std::string("export_") + c.name + ".py";
    std::ofstream(path) << script;
    INFO(c.name);
    bp::test::run_command("python3 -c \"import ast, sys; ast.parse(open('" + path + "').read())\"", status);
    CHECK(status == 0);
    if (torch) {
      const std::string printed = bp::test::run_command("/usr/bin/python3 " + path, status);
      REQUIRE(status == 0);
      const bp::Value r = bp::api::training_run(spec);
      const auto& E = r.find("E_total")->as_numbers();
      std::istringstream lines(printed);
      std::string first;
      int compared = 0;
      while (lines >> first) {
        if (first == "outputs") {
          std::string rest;
          std::getline(lines, rest);
          continue;
        }
        double value = 0;
        lines >> value;
        const long it = std::stol(first);
        INFO("iteration " << it << ": PyTorch " << std::setprecision(17) << value << ", core " << E[static_cast<std::size_t>(it)]);
        CHECK(bp::test::close(E[static_cast<std::size_t>(it)], value, 1e-12));
        ++compared;
      }
      CHECK(compared == 11);
    }
    std::remove(path.c_str());
  }
}

TEST_CASE("a network from a seed has PyTorch's bounds and the same numbers as in wasm", "[training]") {
  const bp::Value n = bp::api::new_network(bp::Value::parse_json(R"({"layers": [2, 3, 1], "activations": ["tanh", "sigmoid"], "seed": 7})"));
  // tests/wasm/training.test.mjs expects these same first weights.
  CHECK((*n.find("weights"))[0][0][0].as_number() == -0.15580426399512015);
  CHECK((*n.find("weights"))[0][0][1].as_number() == -0.6833645473757151);
  for (const auto& row : (*n.find("weights"))[0].items()) {
    for (const auto& w : row.items()) CHECK(std::abs(w.as_number()) <= 1 / std::sqrt(2.0));
  }
  for (const auto& w : (*n.find("weights"))[1][0].items()) CHECK(std::abs(w.as_number()) <= 1 / std::sqrt(3.0));
}
