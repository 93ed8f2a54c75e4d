// Native side of `npm run bench`. It waits on stdin for a case name, runs
// that case once, and answers with the milliseconds it took, so that
// bench/run.mjs can alternate native and wasm runs closely: this machine's
// speed drifts too much for two separate series to be compared.
#include <chrono>
#include <cmath>
#include <cstdio>
#include <functional>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include "api/api.hpp"
#include "base/value.hpp"

int main() {
  volatile double sink = 0;
  // The same calls the page makes, through the Value API.
  const bp::Value classic = bp::api::classic();
  bp::Value train_options = bp::Value::object();
  train_options.set("iterations", 10000);

  // The outlier demo: ten points, three losses, 500 steps.
  bp::Value fit_spec = bp::Value::object();
  bp::Value points = bp::Value::array();
  for (int i = 0; i < 9; ++i) {
    bp::Value p = bp::Value::array();
    const double x = -1 + 0.25 * i;
    p.push(x);
    p.push(0.6 * x + 0.2);
    points.push(p);
  }
  bp::Value outlier = bp::Value::array();
  outlier.push(0.8);
  outlier.push(-1.6);
  points.push(outlier);
  fit_spec.set("points", points);
  fit_spec.set("steps", 500);
  fit_spec.set("beta", 0.25);

  // One frame of the optimizer race: five optimizers, 1,000 steps each, and
  // the 256 x 256 grid of the contour plot; on a preset, and on the same
  // function typed as text (automatic differentiation).
  auto race_spec = [](const bp::Value& surface) {
    bp::Value spec = bp::Value::parse_json(
        R"({"start": [1, -1], "steps": 1000, "optimizers": [
              {"id": "sgd", "kind": "sgd", "lr": 0.001}, {"id": "momentum", "kind": "momentum", "lr": 0.001},
              {"id": "adagrad", "kind": "adagrad", "lr": 0.5}, {"id": "rmsprop", "kind": "rmsprop", "lr": 0.01},
              {"id": "adam", "kind": "adam", "lr": 0.05}]})");
    spec.set("surface", surface);
    return spec;
  };
  auto grid_spec = [](const bp::Value& surface) {
    bp::Value spec = bp::Value::parse_json(R"({"domain": [-4.5, 4.5, -4.5, 4.5], "width": 256, "height": 256})");
    spec.set("surface", surface);
    return spec;
  };
  const bp::Value beale_preset = bp::Value::parse_json(R"({"preset": "beale"})");
  const bp::Value beale_typed = bp::Value::parse_json(
      R"({"expression": "(1.5 - x + x*y)^2 + (2.25 - x + x*y^2)^2 + (2.625 - x + x*y^3)^2"})");
  std::vector<double> grid_values;
  auto frame = [&](const bp::Value& surface) {
    sink = sink + bp::api::race(race_spec(surface)).find("runs")->size();
    sink = sink + bp::api::grid(grid_spec(surface), grid_values).find("width")->as_number();
  };

  // 10,000 training iterations of the classic network with each optimizer.
  auto training = [&](const char* optimizer) {
    bp::Value spec = bp::Value::object();
    spec.set("network", classic);
    spec.set("optimizer", bp::Value::parse_json(optimizer));
    spec.set("iterations", 10000);
    return [spec, &sink] { sink = sink + bp::api::training_run(spec).find("E_total")->as_numbers().back(); };
  };

  // A large trace: 8 layers of 32 tanh neurons (~30,000 terms).
  const bp::Value big = bp::api::new_network(bp::Value::parse_json(
      R"({"layers": [32, 32, 32, 32, 32, 32, 32, 32], "activations": "tanh", "seed": 1})"));

  // The TensorFlow Playground's default frame (bench/playground.mjs): one
  // epoch of 250 points in batches of 10 on a 2-4-2-1 tanh network, the
  // training and test losses, and every neuron on a 100 x 100 grid.
  bp::Value playground_epoch = bp::Value::object();
  bp::Value playground_grid = bp::Value::parse_json(R"({"domain": [-6, 6, -6, 6], "width": 100, "height": 100})");
  {
    std::vector<double> inputs, targets;
    for (int k = 0; k < 500; ++k) {
      const double r = k % 2 == 0 ? 2.5 * ((k * 37 % 100) / 100.0) : 3.5 + 1.5 * ((k * 61 % 100) / 100.0);
      const double a = k * 2.399963229728653;
      inputs.push_back(r * std::sin(a));
      inputs.push_back(r * std::cos(a));
      targets.push_back(k % 2 == 0 ? 1 : -1);
    }
    auto half = [&](int from) {
      bp::Value d = bp::Value::object();
      d.set("inputs", bp::Value::numbers(std::vector<double>(inputs.begin() + 2 * from, inputs.begin() + 2 * (from + 250))));
      d.set("targets", bp::Value::numbers(std::vector<double>(targets.begin() + from, targets.begin() + from + 250)));
      return d;
    };
    const bp::Value network = bp::api::new_network(
        bp::Value::parse_json(R"({"layers": [2, 4, 2, 1], "activations": "tanh", "loss": "mse", "seed": 1})"));
    playground_epoch.set("network", network);
    playground_epoch.set("optimizer", bp::Value::parse_json(R"({"kind": "sgd", "lr": 0.03})"));
    playground_epoch.set("data", half(0));
    playground_epoch.set("test", half(250));
    playground_epoch.set("batch_size", 10);
    playground_epoch.set("seed", 1);
    playground_epoch.set("losses", true);
    playground_grid.set("network", network);
  }
  // The same frame for six hidden layers of 8, on the 60 x 60 grid the page
  // draws a network of more than 20 neurons from.
  bp::Value playground_epoch_6x8 = playground_epoch;
  bp::Value playground_grid_6x8 = bp::Value::parse_json(R"({"domain": [-6, 6, -6, 6], "width": 60, "height": 60})");
  {
    const bp::Value network = bp::api::new_network(bp::Value::parse_json(
        R"({"layers": [2, 8, 8, 8, 8, 8, 8, 1], "activations": "tanh", "loss": "mse", "seed": 1})"));
    playground_epoch_6x8.set("network", network);
    playground_grid_6x8.set("network", network);
  }

  std::map<std::string, std::function<void()>> cases = {
      {"trace_8x32", [&] { sink = sink + bp::api::trace(big, bp::Value()).find("E_total")->as_number(); }},
      {"train_classic_10000",
       [&] { sink = sink + bp::api::train(classic, train_options).find("E_total")->as_numbers().back(); }},
      {"trace_classic", [&] { sink = sink + bp::api::trace(classic, bp::Value()).find("E_total")->as_number(); }},
      {"fit_lines_500", [&] { sink = sink + bp::api::fit_lines(fit_spec).find("fits")->size(); }},
      {"race_frame_preset", [&] { frame(beale_preset); }},
      {"race_frame_typed", [&] { frame(beale_typed); }},
  };
  cases["playground_frame"] = [&] {
    const bp::Value r = bp::api::training_epoch(playground_epoch);
    bp::Value grid = playground_grid;
    grid.set("network", *r.find("network"));
    sink = sink + r.find("E_train")->as_number() + bp::api::network_grid(grid).find("values")->as_numbers()[9];
  };
  cases["playground_frame_6x8"] = [&] {
    const bp::Value r = bp::api::training_epoch(playground_epoch_6x8);
    bp::Value grid = playground_grid_6x8;
    grid.set("network", *r.find("network"));
    sink = sink + r.find("E_train")->as_number() + bp::api::network_grid(grid).find("values")->as_numbers()[9];
  };
  cases["playground_grid"] = [&] { sink = sink + bp::api::network_grid(playground_grid).find("values")->as_numbers()[9]; };
  cases["train_sgd"] = training(R"({"kind": "sgd", "lr": 0.5})");
  cases["train_momentum"] = training(R"({"kind": "momentum", "lr": 0.5})");
  cases["train_adagrad"] = training(R"({"kind": "adagrad", "lr": 0.5})");
  cases["train_rmsprop"] = training(R"({"kind": "rmsprop", "lr": 0.01})");
  cases["train_adam"] = training(R"({"kind": "adam", "lr": 0.01})");

  std::string name;
  while (std::getline(std::cin, name)) {
    const auto it = cases.find(name);
    if (it == cases.end()) {
      std::cout << "unknown case " << name << std::endl;
      continue;
    }
    const auto start = std::chrono::steady_clock::now();
    it->second();
    std::cout << std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count()
              << std::endl;
  }
  return sink == 12345.0;  // keeps the work from being optimised away
}
