// One epoch of minibatch training and a network over a grid: the calls a
// playground makes once a frame.
#include <algorithm>
#include <cmath>
#include <tuple>

#include "api/api.hpp"
#include "base/error.hpp"
#include "fixtures.hpp"
#include "nn/grid.hpp"
#include "support.hpp"
#include "train/epoch.hpp"

namespace {

bp::Value epoch_spec(const bp::Value& c, const bp::Value& network, long seed, bool losses) {
  bp::Value spec = bp::Value::object();
  spec.set("network", network);
  spec.set("optimizer", *c.find("optimizer"));
  spec.set("data", *c.find("data"));
  spec.set("test", *c.find("test"));
  spec.set("batch_size", *c.find("batch_size"));
  spec.set("seed", seed);
  spec.set("losses", losses);
  return spec;
}

}  // namespace

TEST_CASE("the epoch's order is a seeded shuffle of every example", "[epoch]") {
  const auto a = bp::epoch_order(250, 1);
  CHECK(a == bp::epoch_order(250, 1));
  CHECK(a != bp::epoch_order(250, 2));
  auto sorted = a;
  std::sort(sorted.begin(), sorted.end());
  for (std::size_t i = 0; i < sorted.size(); ++i) CHECK(sorted[i] == i);
  // As tests/fixtures/epoch_pytorch.py computes it.
  CHECK(bp::epoch_order(8, 1) == std::vector<std::size_t>{4, 3, 2, 7, 5, 6, 0, 1});
  CHECK(bp::epoch_order(1, 7) == std::vector<std::size_t>{0});
}

TEST_CASE("epochs equal PyTorch's in float64: parameters and losses after each", "[epoch]") {
  const bp::Value fixture = bp::test::fixture("epoch_pytorch.json");
  for (const auto& c : fixture.find("cases")->items()) {
    INFO(c.find("name")->as_string());
    bp::Value network = *c.find("network");
    bp::Value state;
    for (const auto& e : c.find("epochs")->items()) {
      bp::Value spec = epoch_spec(c, network, static_cast<long>(e.find("seed")->as_number()), true);
      spec.set("state", state);
      const bp::Value r = bp::api::training_epoch(spec);
      const auto expected = bp::test::numbers(*e.find("parameters"));
      const auto& theta = r.find("parameters")->as_numbers();
      REQUIRE(theta.size() == expected.size());
      for (std::size_t k = 0; k < theta.size(); ++k) CHECK_REL(theta[k], expected[k], 1e-12);
      CHECK_REL(r.find("E_train")->as_number(), e.find("E_train")->as_number(), 1e-12);
      CHECK_REL(r.find("E_test")->as_number(), e.find("E_test")->as_number(), 1e-12);
      CHECK(r.find("stopped_at")->is_null());
      network = *r.find("network");
      state = *r.find("state");
    }
  }
}

TEST_CASE("an epoch computes the losses only when asked", "[epoch]") {
  const bp::Value c = bp::test::fixture("epoch_pytorch.json").find("cases")->items()[0];
  const bp::Value quiet = bp::api::training_epoch(epoch_spec(c, *c.find("network"), 1, false));
  const bp::Value asked = bp::api::training_epoch(epoch_spec(c, *c.find("network"), 1, true));
  CHECK(quiet.find("E_train")->is_null());
  CHECK(quiet.find("E_test")->is_null());
  CHECK(asked.find("E_train")->is_number());
  CHECK(quiet.find("parameters")->as_numbers() == asked.find("parameters")->as_numbers());
  CHECK(quiet.find("updates")->as_number() == 25);  // 250 examples, 10 a batch
}

TEST_CASE("an epoch gives the losses before its first update when asked: the last epoch's losses after", "[epoch]") {
  const bp::Value c = bp::test::fixture("epoch_pytorch.json").find("cases")->items()[0];
  const bp::Value& torch = c.find("epochs")->items()[0];
  const bp::Value first = bp::api::training_epoch(epoch_spec(c, *c.find("network"), 1, true));
  CHECK(first.find("E_train_before")->is_null());
  bp::Value spec = epoch_spec(c, *first.find("network"), 2, true);
  spec.set("state", *first.find("state"));
  spec.set("losses_before", true);
  const bp::Value second = bp::api::training_epoch(spec);
  CHECK(second.find("E_train_before")->as_number() == first.find("E_train")->as_number());
  CHECK(second.find("E_test_before")->as_number() == first.find("E_test")->as_number());
  CHECK_REL(second.find("E_train_before")->as_number(), torch.find("E_train")->as_number(), 1e-12);
  CHECK_REL(second.find("E_test_before")->as_number(), torch.find("E_test")->as_number(), 1e-12);
  spec.set("losses_before", true);
  spec.set("losses", false);
  const bp::Value quiet = bp::api::training_epoch(spec);
  CHECK(quiet.find("parameters")->as_numbers() == second.find("parameters")->as_numbers());
  CHECK(quiet.find("E_train")->is_null());
}

TEST_CASE("an epoch run batch by batch, or in two parts, gives the bits of the whole epoch", "[epoch]") {
  const bp::Value c = bp::test::fixture("epoch_pytorch.json").find("cases")->items()[0];
  const bp::Value whole = bp::api::training_epoch(epoch_spec(c, *c.find("network"), 1, true));
  CHECK(whole.find("batch_count")->as_number() == 25);
  auto part = [&](const bp::Value& from, long first, long batches) {
    bp::Value spec = epoch_spec(c, *from.find("network"), 1, true);
    if (from.find("state")) spec.set("state", *from.find("state"));
    spec.set("first_batch", first);
    spec.set("batches", batches);
    return bp::api::training_epoch(spec);
  };
  bp::Value start = bp::Value::object();
  start.set("network", *c.find("network"));
  bp::Value r = start;
  for (long b = 0; b < 25; ++b) {
    r = part(r, b, 1);
    CHECK(r.find("updates")->as_number() == 1);
  }
  CHECK(r.find("parameters")->as_numbers() == whole.find("parameters")->as_numbers());
  CHECK(r.find("E_train")->as_number() == whole.find("E_train")->as_number());
  CHECK(r.find("state")->find("iteration")->as_number() == 25);
  const bp::Value halves = part(part(start, 0, 10), 10, 25);  // the rest: more batches than are left
  CHECK(halves.find("parameters")->as_numbers() == whole.find("parameters")->as_numbers());
  CHECK(halves.find("updates")->as_number() == 15);
  for (const auto& [first, batches, field] : {std::tuple{25L, 1L, "first_batch"}, std::tuple{0L, 0L, "batches"}}) {
    try {
      part(start, first, batches);
      FAIL("a batch outside the epoch is refused");
    } catch (const bp::Error& e) {
      CHECK(e.code() == "out_of_range");
      CHECK(e.field() == field);
    }
  }
}

TEST_CASE("an epoch takes its examples as one flat list of numbers too", "[epoch]") {
  const bp::Value c = bp::test::fixture("epoch_pytorch.json").find("cases")->items()[0];
  bp::Value spec = epoch_spec(c, *c.find("network"), 1, true);
  std::vector<double> inputs, targets;
  for (const auto& row : c.find("data")->find("inputs")->items())
    for (const auto& x : row.items()) inputs.push_back(x.as_number());
  for (const auto& row : c.find("data")->find("targets")->items()) targets.push_back(row[0].as_number());
  bp::Value data = bp::Value::object();
  data.set("inputs", bp::Value::numbers(inputs));
  data.set("targets", bp::Value::numbers(targets));
  spec.set("data", data);
  const bp::Value flat = bp::api::training_epoch(spec);
  const bp::Value rows = bp::api::training_epoch(epoch_spec(c, *c.find("network"), 1, true));
  CHECK(flat.find("parameters")->as_numbers() == rows.find("parameters")->as_numbers());
  CHECK(flat.find("E_train")->as_number() == rows.find("E_train")->as_number());

  inputs.pop_back();
  data.set("inputs", bp::Value::numbers(inputs));
  spec.set("data", data);
  try {
    bp::api::training_epoch(spec);
    FAIL("an odd count of numbers for two inputs is refused");
  } catch (const bp::Error& e) {
    CHECK(e.code() == "wrong_length");
    CHECK(e.field() == "data.inputs");
  }
}

TEST_CASE("an epoch that overflows stops before the update, with the reason", "[epoch]") {
  const bp::Value c = bp::test::fixture("epoch_pytorch.json").find("cases")->items()[0];
  bp::Value network = *c.find("network");
  network.set("activations", "linear");  // nothing saturates: the first step overflows
  bp::Value spec = epoch_spec(c, network, 1, true);
  bp::Value optimizer = bp::Value::object();
  optimizer.set("kind", "sgd");
  optimizer.set("lr", 1e308);
  spec.set("optimizer", optimizer);
  const bp::Value r = bp::api::training_epoch(spec);
  // Update 1 is finite but huge: the loss of batch 2 overflows, so update 2 is not applied.
  CHECK(r.find("updates")->as_number() == 1);
  CHECK(r.find("stopped_at")->as_number() == 2);
  CHECK(r.find("stop_reason")->as_string() == "diverged");
  CHECK(std::isinf(r.find("E_train")->as_number()));
}

TEST_CASE("a network over a grid: every neuron, inputs first, row by row from y0", "[grid]") {
  const bp::Value c = bp::test::fixture("epoch_pytorch.json").find("cases")->items()[0];
  bp::Value spec = bp::Value::object();
  spec.set("network", *c.find("network"));
  spec.set("domain", bp::Value::array_of(std::vector<double>{-6, 6, -5, 5}));
  spec.set("width", 5);
  spec.set("height", 3);
  const bp::Value g = bp::api::network_grid(spec);
  CHECK(bp::test::numbers(*g.find("layers")) == std::vector<double>{2, 4, 2, 1});
  const auto& v = g.find("values")->as_numbers();
  REQUIRE(v.size() == 9u * 15u);
  // Point (i, j) = (1, 2): x = -6 + 12 / 4 = -3, y = -5 + 10 * 2 / 2 = 5.
  const std::size_t p = 2 * 5 + 1;
  CHECK(v[p] == -3);
  CHECK(v[15 + p] == 5);
  // The output neuron there is the forward pass's output at (-3, 5).
  const bp::Config config = bp::config_from_value(*c.find("network"));
  Eigen::VectorXd x(2), t(1);
  x << -3, 5;
  t << 0;
  const bp::Forward f = bp::forward(config.network, config.loss, x, t);
  CHECK(v[8 * 15 + p] == f.out[3][0]);
  for (int k = 0; k < 4; ++k) CHECK(v[(2 + k) * 15 + p] == f.out[1][k]);
  CHECK(v[7 * 15 + p] == f.out[2][1]);

  spec.set("width", 1);
  CHECK_THROWS_AS(bp::api::network_grid(spec), bp::Error);
}

TEST_CASE("a network over a grid: a softmax layer is the forward pass's at every point", "[grid]") {
  bp::Config config = bp::config_from_value(*bp::test::fixture("epoch_pytorch.json").find("cases")->items()[1].find("network"));
  // 2-8-3 with a softmax output: the hidden layer of the fixture, three outputs.
  bp::Layer& top = config.network.layers.back();
  top.W = Eigen::MatrixXd::Zero(3, top.W.cols());
  for (Eigen::Index r = 0; r < 3; ++r)
    for (Eigen::Index c = 0; c < top.W.cols(); ++c) top.W(r, c) = 0.1 * static_cast<double>((r + 1) * (c + 2) % 7) - 0.3;
  top.b = Eigen::Vector3d(0.2, -0.1, 0.05);
  top.activation = bp::Activation::softmax;
  std::vector<double> v;
  bp::network_grid(config.network, bp::Domain{-2, 2, -1, 3}, 4, 3, v);
  REQUIRE(v.size() == (2u + 8u + 3u) * 12u);
  Eigen::VectorXd t = Eigen::Vector3d(1, 0, 0);
  config.loss.kind = bp::LossKind::ce;
  for (std::size_t p = 0; p < 12; ++p) {
    Eigen::VectorXd x(2);
    x << v[p], v[12 + p];
    const bp::Forward f = bp::forward(config.network, config.loss, x, t);
    for (int k = 0; k < 8; ++k) CHECK(v[(2 + k) * 12 + p] == f.out[1][k]);
    for (int k = 0; k < 3; ++k) CHECK(v[(10 + k) * 12 + p] == f.out[2][k]);
  }
  CHECK(v[3] == 2);        // (i, j) = (3, 0): x = x1
  CHECK(v[12 + 11] == 3);  // (3, 2): y = y1
}
