// The playground's export: the PyTorch script of its training (its points,
// input features, network, mini-batches in the core's order, L1 and L2) and
// its weights as a file read back.
//
// The scripts: networks of every hidden activation and every output the
// playground gives a task (tanh and ½SE, sigmoid and BCE, softmax and CE over
// three classes, linear and MSE), on the core's data sets with several input
// features, under SGD, momentum, Adam and RMSprop. With torch (Debian's
// python3-torch) each script runs and prints, after each epoch, the training
// and the test loss the core's epochs give, to 1e-12 (relative; 1e-15
// absolute near 0); without it each is checked to be valid Python.
#include <array>
#include <cstdio>
#include <fstream>
#include <sstream>

#include "api/api.hpp"
#include "base/error.hpp"
#include "fixtures.hpp"
#include "support.hpp"

namespace {

using bp::Value;

Value strings(std::initializer_list<const char*> items) {
  Value v = Value::array();
  for (const char* s : items) v.push(s);
  return v;
}

struct Case {
  const char* name;
  const char* kind;
  long classes;  // 0: regression
  Value features;
  Value activations;  // the hidden layers'
  std::vector<double> hidden;
  const char* output;  // activation
  const char* loss;
  const char* targets;
  const char* optimizer;  // JSON
  long batch_size;
  double l1, l2;
};

std::vector<Case> cases() {
  return {
      {"tanh, ½SE, x y x² sin x, SGD, L1 and L2", "circle", 2, strings({"x", "y", "x2", "sinx"}), strings({"tanh", "tanh"}), {4, 2},
       "tanh", "half_sse", "sign", R"({"kind":"sgd","lr":0.03})", 10, 0.001, 0.003},
      {"relu and leaky_relu, sigmoid and BCE, every feature, momentum, L1", "xor", 2,
       strings({"x", "y", "x2", "y2", "xy", "sinx", "siny"}), strings({"relu", "leaky_relu"}), {5, 3}, "sigmoid", "bce", "binary",
       R"({"kind":"sgd","lr":0.05,"momentum":0.9})", 7, 0.003, 0},
      {"silu, softmax and CE over 3 classes, Adam, L2", "gauss", 3, strings({"x", "y", "xy"}), strings({"silu"}), {6}, "softmax", "ce",
       "one_hot", R"({"kind":"adam","lr":0.01})", 8, 0, 0.01},
      {"gelu and sigmoid, softmax and CE over 3 spiral arms, RMSprop, L1 and L2", "spiral", 3, strings({"x", "y", "sinx", "siny"}),
       strings({"gelu", "sigmoid"}), {8, 4}, "softmax", "ce", "one_hot", R"({"kind":"rmsprop","lr":0.01})", 10, 0.001, 0.001},
      {"linear and tanh, linear and MSE on a plane, SGD", "plane", 0, strings({"x", "y", "y2"}), strings({"linear", "tanh"}), {3, 3},
       "linear", "mse", "value", R"({"kind":"sgd","lr":0.01})", 5, 0, 0.001},
  };
}

Value dataset_of(const Case& c) {
  Value spec = Value::object();
  spec.set("kind", c.kind);
  spec.set("points", 80);
  spec.set("noise", 10);
  spec.set("seed", 7);
  spec.set("train_ratio", 0.6);
  if (c.classes > 2) spec.set("classes", c.classes);
  return bp::api::dataset(spec);
}

Value network_of(const Case& c) {
  Value spec = Value::object();
  Value layers = Value::array();
  layers.push(static_cast<double>(c.features.size()));
  for (double n : c.hidden) layers.push(n);
  layers.push(c.classes > 2 ? static_cast<double>(c.classes) : 1.0);
  Value activations = c.activations;
  activations.push(c.output);
  spec.set("layers", layers);
  spec.set("activations", activations);
  spec.set("loss", c.loss);
  spec.set("seed", 3);
  return bp::api::new_network(spec);
}

Value examples(const Case& c, const Value& data, const char* side) {
  Value spec = Value::object();
  for (const char* key : {"x", "y", "label"}) spec.set(key, *data.find(key));
  spec.set("indices", *data.find(side));
  spec.set("features", c.features);
  spec.set("targets", c.targets);
  if (c.classes > 2) spec.set("classes", c.classes);
  return bp::api::playground_examples(spec);
}

}  // namespace

TEST_CASE("the playground's exported scripts print the losses of the core's epochs", "[playground][export][pytorch]") {
  int status = 0;
  bp::test::run_command("/usr/bin/python3 -c 'import torch'", status);
  const bool torch = status == 0;
  if (!torch) WARN("torch is not installed (Debian's python3-torch): the playground's scripts are only checked to be valid Python");
  const long epochs = 3;
  int n = 0;
  for (const Case& c : cases()) {
    INFO(c.name);
    const Value data = dataset_of(c);
    const Value network = network_of(c);
    const Value optimizer = Value::parse_json(c.optimizer);
    // The core's epochs 1, 2, 3, as the page runs them.
    std::vector<double> E_train, E_test;
    Value net = network, state;
    for (long epoch = 1; epoch <= epochs; ++epoch) {
      Value spec = Value::object();
      spec.set("network", net);
      spec.set("optimizer", optimizer);
      spec.set("data", examples(c, data, "train"));
      spec.set("test", examples(c, data, "test"));
      spec.set("batch_size", c.batch_size);
      spec.set("seed", epoch);
      spec.set("losses", true);
      spec.set("state", state);
      spec.set("l1", c.l1);
      spec.set("l2", c.l2);
      const Value r = bp::api::training_epoch(spec);
      REQUIRE(r.find("stopped_at")->is_null());
      E_train.push_back(r.find("E_train")->as_number());
      E_test.push_back(r.find("E_test")->as_number());
      net = *r.find("network");
      state = *r.find("state");
    }
    Value spec = Value::object();
    spec.set("network", network);
    spec.set("optimizer", optimizer);
    spec.set("points", data);
    spec.set("features", c.features);
    spec.set("targets", c.targets);
    if (c.classes > 2) spec.set("classes", c.classes);
    spec.set("epochs", epochs);
    spec.set("batch_size", c.batch_size);
    spec.set("l1", c.l1);
    spec.set("l2", c.l2);
    const std::string script = bp::api::training_export(spec).find("script")->as_string();
    CHECK(script.find("def features(P):") != std::string::npos);
    CHECK(script.find("order(len(X_train), epoch)") != std::string::npos);
    CHECK((script.find("l1 * sum(W.abs().sum() for W in weights)") != std::string::npos) == (c.l1 != 0));
    CHECK((script.find("l2 / 2 * sum((W ** 2).sum() for W in weights)") != std::string::npos) == (c.l2 != 0));
    const std::string py = "playground_export_" + std::to_string(n++) + ".py";
    std::ofstream(py) << script;
    if (!torch) {
      bp::test::run_command("python3 -c \"import ast; ast.parse(open('" + py + "').read())\"", status);
      CHECK(status == 0);
    } else {
      const std::string printed = bp::test::run_command("/usr/bin/python3 " + py, status);
      INFO(printed);
      REQUIRE(status == 0);
      std::istringstream lines(printed);
      long epoch = 0;
      double train = 0, test = 0;
      long seen = 0;
      while (lines >> epoch >> train >> test) {
        REQUIRE(epoch == seen + 1);
        INFO("epoch " << epoch << ": PyTorch " << std::setprecision(17) << train << " " << test << ", core "
                      << E_train[seen] << " " << E_test[seen]);
        CHECK(bp::test::close(train, E_train[static_cast<std::size_t>(seen)], 1e-12, 1e-15));
        CHECK(bp::test::close(test, E_test[static_cast<std::size_t>(seen)], 1e-12, 1e-15));
        ++seen;
      }
      CHECK(seen == epochs);
    }
    std::remove(py.c_str());
  }
}

TEST_CASE("the playground's exported script counts from the epoch it is asked to start at", "[playground][export]") {
  const Case c = cases()[0];
  Value spec = Value::object();
  spec.set("network", network_of(c));
  spec.set("points", dataset_of(c));
  spec.set("features", c.features);
  spec.set("targets", c.targets);
  spec.set("epochs", 4);
  spec.set("seed", 5);
  const std::string script = bp::api::training_export(spec).find("script")->as_string();
  CHECK(script.find("for epoch in range(5, 9):") != std::string::npos);
  CHECK(script.find("return torch.stack([x, y, x * x, torch.sin(x)], dim=1)") != std::string::npos);
  CHECK(script.find("l1 * sum") == std::string::npos);
  // A feature the network does not have the inputs for.
  spec.set("features", strings({"x", "y"}));
  CHECK_THROWS_AS(bp::api::training_export(spec), bp::Error);
}

TEST_CASE("a weights file reads back as the network, its features, layers and output", "[playground][weights]") {
  const Case c = cases()[2];
  const Value network = network_of(c);
  Value spec = Value::object();
  spec.set("network", network);
  spec.set("features", c.features);
  spec.set("epoch", 12);
  const std::string text = bp::api::playground_weights_file(spec).find("text")->as_string();
  Value open = Value::object();
  open.set("text", text);
  open.set("regression", false);
  open.set("classes", 3);
  const Value r = bp::api::playground_weights_open(open);
  CHECK(r.find("output")->as_string() == "softmax");
  CHECK(r.find("epoch")->as_number() == 12);
  CHECK(r.find("features")->to_json() == c.features.to_json());
  CHECK(r.find("activations")->to_json() == R"(["silu"])");
  CHECK(bp::test::numbers(*r.find("hidden")) == std::vector<double>{6});
  CHECK(r.find("network")->to_json() == bp::config_to_value(bp::config_from_value(network)).to_json());

  auto error = [&](const std::string& file, bool regression, long classes) {
    Value o = Value::object();
    o.set("text", file);
    o.set("regression", regression);
    o.set("classes", classes);
    try {
      bp::api::playground_weights_open(o);
    } catch (const bp::Error& e) {
      return std::string(e.code()) + " " + e.field();
    }
    return std::string("no error");
  };
  // Data of another task: two classes, or regression.
  CHECK(error(text, false, 2) == "wrong_length layers[2]");
  CHECK(error(text, true, 0) == "wrong_length layers[2]");
  CHECK(error(text, false, 4) == "wrong_length layers[2]");
  CHECK(error("{\"format\": ", false, 3) == "json_syntax json");
  CHECK(error("[1, 2]", false, 3) == "expected_object file");
  CHECK(error(R"({"format": "something else"})", false, 3) == "unknown_choice format");
  CHECK(error(R"({"format": "backprop-playground-weights", "version": 2})", false, 3) == "out_of_range version");
  CHECK(error(R"({"format": "backprop-playground-weights", "network": {}})", false, 3) == "missing features");
  CHECK(error(R"({"format": "backprop-playground-weights", "features": ["x", "x"], "network": {}})", false, 3) ==
        "unknown_choice features[1]");
  CHECK(error(R"({"format": "backprop-playground-weights", "features": ["x", "y"], "colour": 1})", false, 3) == "unknown_key colour");
  // The file's features and its network's inputs disagree.
  CHECK(error(R"({"format": "backprop-playground-weights", "features": ["x", "y"], "network": )" +
                  bp::config_to_value(bp::config_from_value(network)).to_json() + "}",
              false, 3) == "wrong_length layers[0]");
}
