// The playground's epoch: minibatches with L1 and L2 regularization on the
// weights, against PyTorch (tests/fixtures/playground_pytorch.py) for every
// activation and every loss, softmax + cross-entropy over three classes too.
#include <cmath>

#include "api/api.hpp"
#include "base/error.hpp"
#include "fixtures.hpp"
#include "support.hpp"
#include "train/epoch.hpp"

namespace {

bp::Value spec_of(const bp::Value& c, const bp::Value& network, const bp::Value& state, long seed) {
  bp::Value spec = bp::Value::object();
  spec.set("network", network);
  spec.set("optimizer", *c.find("optimizer"));
  spec.set("data", *c.find("data"));
  spec.set("test", *c.find("test"));
  spec.set("batch_size", *c.find("batch_size"));
  spec.set("seed", seed);
  spec.set("losses", true);
  spec.set("l1", *c.find("l1"));
  spec.set("l2", *c.find("l2"));
  spec.set("state", state);
  return spec;
}

}  // namespace

TEST_CASE("regularized epochs equal PyTorch's: parameters, data losses and penalty after each", "[playground][epoch][pytorch]") {
  const bp::Value fixture = bp::test::fixture("playground_pytorch.json");
  std::size_t cases = 0;
  for (const auto& c : fixture.find("cases")->items()) {
    INFO(c.find("name")->as_string());
    bp::Value network = *c.find("network");
    bp::Value state;
    for (const auto& e : c.find("epochs")->items()) {
      const bp::Value r = bp::api::training_epoch(spec_of(c, network, state, static_cast<long>(e.find("seed")->as_number())));
      const auto expected = bp::test::numbers(*e.find("parameters"));
      const auto& theta = r.find("parameters")->as_numbers();
      REQUIRE(theta.size() == expected.size());
      for (std::size_t k = 0; k < theta.size(); ++k) CHECK_REL(theta[k], expected[k], 1e-12);
      CHECK_REL(r.find("E_train")->as_number(), e.find("E_train")->as_number(), 1e-12);
      CHECK_REL(r.find("E_test")->as_number(), e.find("E_test")->as_number(), 1e-12);
      CHECK_REL(r.find("penalty")->as_number(), e.find("penalty")->as_number(), 1e-12);
      CHECK(r.find("stopped_at")->is_null());
      network = *r.find("network");
      state = *r.find("state");
    }
    ++cases;
  }
  CHECK(cases == 7 * bp::api::activations().size() - 7);  // every activation but softmax, under 7 losses
}

TEST_CASE("the penalty and its gradient: weights only, sign(0) = 0", "[playground][epoch]") {
  Eigen::VectorXd theta(4), grad(4);
  theta << 0.5, -2, 0, 3;  // three weights, then a bias
  grad << 1, 1, 1, 1;
  CHECK(bp::penalty(theta, 3, 0.1, 0.2) == 0.1 * 2.5 + 0.2 / 2 * 4.25);
  bp::add_penalty_gradient(theta, 3, 0.1, 0.2, grad);
  CHECK(grad[0] == (0.2 * 0.5 + 0.1) + 1);
  CHECK(grad[1] == (0.2 * -2 - 0.1) + 1);
  CHECK(grad[2] == 1);
  CHECK(grad[3] == 1);
}

TEST_CASE("l1 and l2 must be finite and not negative; without them the epoch is unchanged", "[playground][epoch]") {
  const bp::Value c = bp::test::fixture("playground_pytorch.json").find("cases")->items()[0];
  bp::Value spec = spec_of(c, *c.find("network"), bp::Value(), 1);
  spec.set("l1", -0.1);
  try {
    bp::api::training_epoch(spec);
    FAIL("a negative l1 is refused");
  } catch (const bp::Error& e) {
    CHECK(e.code() == "negative");
    CHECK(e.field() == "l1");
  }
  spec.set("l1", 0);
  spec.set("l2", 0);
  const bp::Value zero = bp::api::training_epoch(spec);
  bp::Value plain = spec_of(c, *c.find("network"), bp::Value(), 1);
  bp::Value without = bp::Value::object();
  for (const auto& [key, value] : plain.members())
    if (key != "l1" && key != "l2") without.set(key, value);
  const bp::Value r = bp::api::training_epoch(without);
  CHECK(r.find("parameters")->as_numbers() == zero.find("parameters")->as_numbers());
  CHECK(r.find("penalty")->as_number() == 0);
}
