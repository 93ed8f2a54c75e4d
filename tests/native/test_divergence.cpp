// One divergence rule in every loop (core/train/stop.hpp): the first update whose
// loss or parameters are not finite, with its reason, at the step where
// PyTorch's run meets it (tests/fixtures/divergence_pytorch.py).
#include <fstream>
#include <sstream>

#include "api/api.hpp"
#include "fixtures.hpp"
#include "train/stop.hpp"
#include "support.hpp"

namespace {

// The step and reason as the fixture has them: null for a run that ends.
std::string expected(const bp::Value& c) {
  if (c.find("stopped_at")->is_null()) return "runs to its end";
  return c.find("reason")->as_string() + " at " + std::to_string(static_cast<long>(c.find("stopped_at")->as_number()));
}

std::string ours(const bp::Value& at, const bp::Value& reason) {
  if (at.is_null()) return reason.is_null() || (reason.is_string() && reason.as_string().empty()) ? "runs to its end" : "no step but a reason";
  return reason.as_string() + " at " + std::to_string(static_cast<long>(at.as_number()));
}

}  // namespace

TEST_CASE("networks trained with too large a rate stop at PyTorch's step, with its reason", "[divergence][pytorch]") {
  const bp::Value fixture = bp::test::fixture("divergence_pytorch.json");
  int stopped = 0;
  for (const auto& c : fixture.find("networks")->items()) {
    INFO(c.find("name")->as_string());
    bp::Value spec = bp::Value::object();
    spec.set("network", *c.find("network"));
    spec.set("optimizer", *c.find("optimizer"));
    spec.set("iterations", *c.find("iterations"));
    const bp::Value run = bp::api::training_run(spec);
    CHECK(ours(*run.find("diverged_at"), *run.find("stop_reason")) == expected(c));
    // The stepper's gradient descent (plain SGD on one example) by the same rule.
    if (c.find("optimizer")->find("kind")->as_string() == "sgd") {
      bp::Value network = *c.find("network");
      network.set("learning_rate", *c.find("optimizer")->find("lr"));
      bp::Value options = bp::Value::object();
      options.set("iterations", *c.find("iterations"));
      const bp::Value train = bp::api::train(network, options);
      CHECK(ours(*train.find("diverged_at"), *train.find("stop_reason")) == expected(c));
    }
    stopped += c.find("stopped_at")->is_null() ? 0 : 1;
  }
  CHECK(stopped >= 10);
}

TEST_CASE("the race on typed functions stops at PyTorch's step, with its reason", "[divergence][pytorch]") {
  const bp::Value fixture = bp::test::fixture("divergence_pytorch.json");
  for (const auto& c : fixture.find("races")->items()) {
    INFO(c.find("expression")->as_string() << " with " << c.find("optimizer")->to_json());
    bp::Value spec = bp::Value::object();
    bp::Value surface = bp::Value::object();
    surface.set("expression", *c.find("expression"));
    spec.set("surface", surface);
    spec.set("start", *c.find("start"));
    spec.set("steps", *c.find("steps"));
    bp::Value optimizers = bp::Value::array();
    optimizers.push(*c.find("optimizer"));
    spec.set("optimizers", optimizers);
    const bp::Value run = (*bp::api::race(spec).find("runs"))[0];
    CHECK(ours(*run.find("stopped_at"), *run.find("reason")) == expected(c));
  }
}

TEST_CASE("the line fit stops at PyTorch's step, with its reason", "[divergence][pytorch]") {
  const bp::Value fixture = bp::test::fixture("divergence_pytorch.json");
  for (const auto& c : fixture.find("line_fits")->items()) {
    INFO(c.find("loss")->as_string() << " at eta " << c.find("learning_rate")->as_number());
    bp::Value spec = bp::Value::object();
    spec.set("points", *c.find("points"));
    bp::Value losses = bp::Value::array();
    losses.push(*c.find("loss"));
    spec.set("losses", losses);
    spec.set("learning_rate", *c.find("learning_rate"));
    spec.set("steps", *c.find("steps"));
    const bp::Value fit = (*bp::api::fit_lines(spec).find("fits"))[0];
    CHECK(ours(*fit.find("diverged_at"), *fit.find("stop_reason")) == expected(c));
  }
}

TEST_CASE("a ReLU layer that overflows is NaN, not 0, and the run stops at the start", "[divergence]") {
  // The network: inputs and weights near 1e300, net_h1 = inf - inf.
  const bp::Value fixture = bp::test::fixture("divergence_pytorch.json");
  const bp::Value& network = *(*fixture.find("networks"))[2].find("network");
  const bp::Value trace = bp::api::trace(network, bp::Value());
  for (const auto& term : trace.find("terms")->items()) {
    const std::string id = term.find("id")->as_string();
    if (id == "net_h1" || id == "out_h1" || id == "E_total") {
      INFO(id);
      CHECK(std::isnan(term.find("value")->as_number()));
    }
  }
}

TEST_CASE("every stop reason has a message in the core and in both catalogs", "[divergence]") {
  auto catalog = [](const std::string& lang) {
    std::ifstream in(std::string(FIXTURES_DIR) + "/../../web/src/messages/" + lang + ".json");
    std::stringstream text;
    text << in.rdbuf();
    return bp::Value::parse_json(text.str());
  };
  const bp::Value en = catalog("en"), zh = catalog("zh-CN");
  for (const auto& [reason, text] : bp::stop_templates()) {
    INFO(reason);
    REQUIRE(en.find("stop." + reason));
    CHECK(en.find("stop." + reason)->as_string() == text);
    CHECK(zh.find("stop." + reason));
    CHECK(!bp::stop_message({3, reason}).empty());
  }
}
