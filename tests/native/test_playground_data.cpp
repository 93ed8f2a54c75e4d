// The playground's data: its sets made from a seed, the split, the input
// features and the examples the network trains on.
#include <catch2/catch.hpp>

#include <cmath>
#include <algorithm>
#include <set>

#include "api/api.hpp"
#include "base/error.hpp"
#include "data/datasets.hpp"
#include "data/features.hpp"
#include "nn/config.hpp"
#include "nn/network.hpp"

namespace {

bp::Value spec_of(const std::string& kind, double noise, long seed, long classes = 2) {
  bp::Value s = bp::Value::object();
  s.set("kind", kind);
  s.set("points", 500);
  s.set("noise", noise);
  s.set("seed", seed);
  if (classes != 2) s.set("classes", classes);
  return s;
}

// Σ (i + 1) (x_i + 2 y_i + 3 label_i), summed in order: the same in
// tests/wasm/playground-data.test.mjs, so both builds make the same points.
double checksum(const bp::Value& d) {
  const auto& x = d.find("x")->as_numbers();
  const auto& y = d.find("y")->as_numbers();
  const auto& l = d.find("label")->as_numbers();
  double s = 0;
  for (std::size_t i = 0; i < x.size(); ++i) s += static_cast<double>(i + 1) * (x[i] + 2 * y[i] + 3 * l[i]);
  return s;
}

std::vector<double> numbers_of(const bp::Value& array) {
  std::vector<double> out;
  for (const auto& v : array.items()) out.push_back(v.as_number());
  return out;
}

std::string error_of(const bp::Value& spec, bp::Value (*f)(const bp::Value&)) {
  try {
    f(spec);
  } catch (const bp::Error& e) {
    return e.code() + " " + e.field();
  }
  return "";
}

}  // namespace

TEST_CASE("a data set is made from its seed: the same seed the same points, another seed others", "[playground][data]") {
  for (const auto& info : bp::dataset_table()) {
    INFO(info.name);
    const bp::Value a = bp::api::dataset(spec_of(info.name, 20, 7));
    const bp::Value b = bp::api::dataset(spec_of(info.name, 20, 7));
    const bp::Value c = bp::api::dataset(spec_of(info.name, 20, 8));
    CHECK(a.find("x")->as_numbers() == b.find("x")->as_numbers());
    CHECK(a.find("label")->as_numbers() == b.find("label")->as_numbers());
    CHECK(a.find("x")->as_numbers() != c.find("x")->as_numbers());
    CHECK(a.find("x")->as_numbers().size() == 500);
    CHECK(a.find("regression")->as_bool() == info.regression);
  }
}

TEST_CASE("the sets' values, checksummed: the wasm test expects the same numbers", "[playground][data]") {
  // 500 points, noise 25, seed 3; the spiral of three arms, noise 10, seed 5.
  CHECK(checksum(bp::api::dataset(spec_of("circle", 25, 3))) == 80807.376287902502);
  CHECK(checksum(bp::api::dataset(spec_of("xor", 25, 3))) == 195486.55348077818);
  CHECK(checksum(bp::api::dataset(spec_of("gauss", 25, 3))) == 661037.56678567384);
  CHECK(checksum(bp::api::dataset(spec_of("spiral", 25, 3))) == 218626.11924881808);
  CHECK(checksum(bp::api::dataset(spec_of("plane", 25, 3))) == -10280.486874200873);
  CHECK(checksum(bp::api::dataset(spec_of("reg_gauss", 25, 3))) == -7049.4309287394735);
  CHECK(checksum(bp::api::dataset(spec_of("spiral", 10, 5, 3))) == 488286.22445003991);
}

TEST_CASE("circle without noise: class 1 within 2.5 of the centre, class 0 from 3.5 to 5", "[playground][data]") {
  const bp::Value d = bp::api::dataset(spec_of("circle", 0, 1));
  const auto& x = d.find("x")->as_numbers();
  const auto& y = d.find("y")->as_numbers();
  const auto& l = d.find("label")->as_numbers();
  int inside = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    const double r = std::sqrt(x[i] * x[i] + y[i] * y[i]);
    if (l[i] == 1) {
      CHECK(r <= 2.5);
      ++inside;
    } else {
      CHECK(l[i] == 0);
      CHECK(r >= 3.5);
      CHECK(r <= 5);
    }
  }
  CHECK(inside == 250);
}

TEST_CASE("XOR without noise: class 1 where x y > 0, every point 0.3 off the axes", "[playground][data]") {
  const bp::Value d = bp::api::dataset(spec_of("xor", 0, 2));
  const auto& x = d.find("x")->as_numbers();
  const auto& y = d.find("y")->as_numbers();
  const auto& l = d.find("label")->as_numbers();
  for (std::size_t i = 0; i < x.size(); ++i) {
    CHECK(std::abs(x[i]) >= 0.3);
    CHECK(std::abs(y[i]) >= 0.3);
    CHECK(l[i] == (x[i] * y[i] >= 0 ? 1 : 0));
  }
}

TEST_CASE("Gaussians and spirals: one blob or arm per class, the classes in blocks", "[playground][data]") {
  for (long C : {2L, 3L, 5L}) {
    const bp::Value g = bp::api::dataset(spec_of("gauss", 0, 4, C));
    CHECK(g.find("classes")->as_number() == C);
    const auto& x = g.find("x")->as_numbers();
    const auto& y = g.find("y")->as_numbers();
    const auto& l = g.find("label")->as_numbers();
    std::vector<double> mx(static_cast<std::size_t>(C)), my(static_cast<std::size_t>(C)), n(static_cast<std::size_t>(C));
    for (std::size_t i = 0; i < x.size(); ++i) {
      const auto k = static_cast<std::size_t>(l[i]);
      CHECK(l[i] == std::floor(static_cast<double>(i) * C / 500));
      mx[k] += x[i];
      my[k] += y[i];
      ++n[k];
    }
    // Each blob's mean is near its centre, at radius 2√2 ≈ 2.83.
    for (std::size_t k = 0; k < mx.size(); ++k) {
      CHECK(std::sqrt(mx[k] * mx[k] + my[k] * my[k]) / n[k] == Approx(2 * std::sqrt(2.0)).margin(0.25));
    }
    const bp::Value s = bp::api::dataset(spec_of("spiral", 0, 4, C));
    const auto& sl = s.find("label")->as_numbers();
    CHECK(std::set<double>(sl.begin(), sl.end()).size() == static_cast<std::size_t>(C));
  }
  // Two Gaussians as Playground's: class 1 around (2, 2), class 0 around (−2, −2).
  const bp::Value g = bp::api::dataset(spec_of("gauss", 0, 4));
  CHECK(g.find("x")->as_numbers()[0] < 0);
  CHECK(g.find("x")->as_numbers()[499] > -1);
}

TEST_CASE("regression: the plane's label is (x + y) / 10; the Gaussian's within [−1, 1]", "[playground][data]") {
  const bp::Value p = bp::api::dataset(spec_of("plane", 0, 5));
  CHECK(p.find("classes")->as_number() == 0);
  for (std::size_t i = 0; i < 500; ++i) {
    CHECK(p.find("label")->as_numbers()[i] == (p.find("x")->as_numbers()[i] + p.find("y")->as_numbers()[i]) / 10);
  }
  const bp::Value g = bp::api::dataset(spec_of("reg_gauss", 30, 5));
  for (double l : g.find("label")->as_numbers()) CHECK(std::abs(l) <= 1);
}

TEST_CASE("the split: floor(n · ratio) training points, the rest for testing, each once", "[playground][data]") {
  bp::Value spec = spec_of("circle", 0, 1);
  spec.set("points", 101);
  spec.set("train_ratio", 0.3);
  const bp::Value d = bp::api::dataset(spec);
  const auto& train = d.find("train")->as_numbers();
  const auto& test = d.find("test")->as_numbers();
  CHECK(train.size() == 30);
  CHECK(test.size() == 71);
  std::set<double> all(train.begin(), train.end());
  all.insert(test.begin(), test.end());
  CHECK(all.size() == 101);
  CHECK(std::is_sorted(train.begin(), train.end()));
  spec.set("split_seed", 9);
  CHECK(bp::api::dataset(spec).find("train")->as_numbers() != train);
  CHECK(bp::api::dataset(spec).find("x")->as_numbers() == d.find("x")->as_numbers());
}

TEST_CASE("a data set's errors name their field", "[playground][data]") {
  CHECK(error_of(spec_of("moons", 0, 1), bp::api::dataset) == "unknown_choice kind");
  CHECK(error_of(spec_of("circle", 51, 1), bp::api::dataset) == "out_of_range noise");
  CHECK(error_of(spec_of("circle", 0, 1, 3), bp::api::dataset) == "out_of_range classes");
  CHECK(error_of(spec_of("spiral", 0, 1, 9), bp::api::dataset) == "out_of_range classes");
  CHECK(error_of(spec_of("plane", 0, 1, 3), bp::api::dataset) == "not_a_setting_of classes");
  bp::Value s = spec_of("xor", 0, 1);
  s.set("points", 1001);
  CHECK(error_of(s, bp::api::dataset) == "out_of_range points");
  s.set("points", 10);
  s.set("train_ratio", 1.5);
  CHECK(error_of(s, bp::api::dataset) == "out_of_range train_ratio");
}

TEST_CASE("features: x, y, x², y², xy, sin x, sin y, each with its LaTeX", "[playground][features]") {
  const bp::Value list = bp::api::features();
  std::vector<std::string> names;
  for (const auto& f : list.items()) names.push_back(f.find("name")->as_string());
  CHECK(names == std::vector<std::string>{"x", "y", "x2", "y2", "xy", "sinx", "siny"});
  CHECK(list[2].find("tex")->as_string() == "x^2");
  CHECK(list[5].find("tex")->as_string() == "\\sin x");
  std::vector<std::size_t> all;
  for (std::size_t j = 0; j < 7; ++j) all.push_back(j);
  const double x[] = {2, -0.5}, y[] = {3, 4};
  std::vector<double> in;
  bp::feature_inputs(all, x, y, 2, in);
  CHECK(in == std::vector<double>{2, 3, 4, 9, 6, std::sin(2.0), std::sin(3.0), -0.5, 4, 0.25, 16, -2, std::sin(-0.5), std::sin(4.0)});
}

TEST_CASE("examples from points: the chosen features and the targets the loss wants", "[playground][features]") {
  bp::Value s = bp::Value::object();
  s.set("x", bp::Value::numbers({1, 2, 3}));
  s.set("y", bp::Value::numbers({-1, 0.5, 2}));
  s.set("label", bp::Value::numbers({1, 0, 2}));
  s.set("indices", bp::Value::numbers({2, 0}));
  bp::Value f = bp::Value::array();
  f.push("xy");
  f.push("x2");
  s.set("features", f);
  s.set("targets", "one_hot");
  s.set("classes", 3);
  bp::Value e = bp::api::playground_examples(s);
  CHECK(e.find("inputs")->as_numbers() == std::vector<double>{6, 9, -1, 1});
  CHECK(e.find("targets")->as_numbers() == std::vector<double>{0, 0, 1, 0, 1, 0});
  s.set("targets", "sign");
  CHECK(error_of(s, bp::api::playground_examples) == "out_of_range label[2]");
  s.set("indices", bp::Value::numbers({1, 0}));
  e = bp::api::playground_examples(s);
  CHECK(e.find("targets")->as_numbers() == std::vector<double>{-1, 1});
  s.set("targets", "binary");
  CHECK(bp::api::playground_examples(s).find("targets")->as_numbers() == std::vector<double>{0, 1});
  s.set("indices", bp::Value::numbers({3}));
  CHECK(error_of(s, bp::api::playground_examples) == "out_of_range indices[0]");
  s.set("indices", bp::Value());
  bp::Value bad = bp::Value::array();
  bad.push("cos x");
  s.set("features", bad);
  CHECK(error_of(s, bp::api::playground_examples) == "unknown_choice features[0]");
}

TEST_CASE("a network over the plane reads its features: the first images are the features, the rest the forward pass", "[playground][features][grid]") {
  bp::Value spec = bp::Value::object();
  spec.set("layers", bp::Value::array_of(std::vector<double>{3, 4, 1}));
  spec.set("activations", "tanh");
  spec.set("seed", 3);
  const bp::Value network = bp::api::new_network(spec);
  bp::Value grid = bp::Value::object();
  grid.set("network", network);
  grid.set("domain", bp::Value::array_of(std::vector<double>{-6, 6, -5, 5}));
  grid.set("width", 5);
  grid.set("height", 3);
  bp::Value features = bp::Value::array();
  for (const char* f : {"x2", "sinx", "xy"}) features.push(f);
  grid.set("features", features);
  const bp::Value g = bp::api::network_grid(grid);
  CHECK(numbers_of(*g.find("layers")) == std::vector<double>{3, 4, 1});
  const auto& v = g.find("values")->as_numbers();
  REQUIRE(v.size() == 8u * 15u);
  // Point (1, 2): x = -3, y = 5.
  const std::size_t p = 2 * 5 + 1;
  CHECK(v[p] == 9);
  CHECK(v[15 + p] == std::sin(-3.0));
  CHECK(v[30 + p] == -15);
  const bp::Config c = bp::config_from_value(network);
  Eigen::VectorXd x(3), t(1);
  x << 9, std::sin(-3.0), -15;
  t << 0;
  const bp::Forward f = bp::forward(c.network, c.loss, x, t);
  CHECK(v[7 * 15 + p] == f.out[2][0]);
  for (int k = 0; k < 4; ++k) CHECK(v[(3 + k) * 15 + p] == f.out[1][k]);
  // Two features named: a network of three inputs is refused.
  features = bp::Value::array();
  features.push("x");
  features.push("y");
  grid.set("features", features);
  CHECK(error_of(grid, bp::api::network_grid) == "wrong_length network.layers[0]");
}

TEST_CASE("features x and y give the plain grid's values to the last bit", "[playground][features][grid]") {
  bp::Value spec = bp::Value::object();
  spec.set("layers", bp::Value::array_of(std::vector<double>{2, 4, 2, 1}));
  spec.set("activations", "tanh");
  bp::Value grid = bp::Value::object();
  grid.set("network", bp::api::new_network(spec));
  grid.set("domain", bp::Value::array_of(std::vector<double>{-6, 6, -6, 6}));
  grid.set("width", 20);
  grid.set("height", 10);
  const bp::Value plain = bp::api::network_grid(grid);
  bp::Value features = bp::Value::array();
  features.push("x");
  features.push("y");
  grid.set("features", features);
  CHECK(bp::api::network_grid(grid).find("values")->as_numbers() == plain.find("values")->as_numbers());
}
