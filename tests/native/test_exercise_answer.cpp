// A tutorial's exercise (api::exercise_answer): a term of the trace against
// Mazur's published value, a loss against the PyTorch fixture, an optimizer's
// position and the race's choices against torch.optim's runs
// (tests/fixtures/optimizers_pytorch.py).
#include <algorithm>
#include <cmath>
#include <iomanip>
#include <sstream>
#include <limits>
#include <map>

#include "api/api.hpp"
#include "base/error.hpp"
#include "fixtures.hpp"
#include "support.hpp"

namespace {
const bp::Value& get(const bp::Value& object, const char* key) {
  static const bp::Value none;
  const bp::Value* v = object.find(key);
  return v ? *v : none;
}

bp::Value parse(const char* json) { return bp::Value::parse_json(json); }

bp::Value ask(const bp::Value& compute, const char* answer = nullptr, double tolerance = 0) {
  bp::Value spec = bp::Value::object();
  spec.set("compute", compute);
  if (answer) spec.set("answer", answer);
  if (tolerance > 0) spec.set("tolerance", tolerance);
  return bp::api::exercise_answer(spec);
}

std::string error_of(const bp::Value& spec) {
  try {
    bp::api::exercise_answer(spec);
  } catch (const bp::Error& e) {
    return e.code() + " " + e.field();
  }
  return "no error";
}

// The saddle race of the fixture: SGD and Adam from (-2, 1e-5), 50 steps.
bp::Value saddle_race(int steps) {
  bp::Value race = parse(
      R"({"surface": {"preset": "saddle"}, "start": [-2, 1e-5], "optimizers": [
          {"id": "sgd", "kind": "sgd", "lr": 0.05}, {"id": "adam", "kind": "adam", "lr": 0.01}]})");
  race.set("steps", static_cast<double>(steps));
  return race;
}

// Six significant digits, also for a whole number: 4 -> 4.00000e+00.
std::string scientific(double v) {
  std::ostringstream out;
  out << std::scientific << std::setprecision(5) << v;
  return out.str();
}

double saddle(double x, double y) { return x * x + y * y * y * y / 4 - y * y / 2; }
}  // namespace

TEST_CASE("an exercise on a term: Mazur's value, the mistakes' hints, a tolerance", "[exercise][answer]") {
  bp::Value compute = bp::Value::object();
  compute.set("config", bp::api::classic());
  compute.set("term", "dE_total/dw5");
  const bp::Value shown = ask(compute);
  CHECK(get(shown, "kind").as_string() == "number");
  // Mazur (2015): 0.082167041.
  CHECK(get(shown, "value").as_number() == Approx(0.082167041).epsilon(1e-8));
  CHECK(get(ask(compute, "0.0822"), "verdict").as_string() == "right");
  CHECK(get(ask(compute, "0.0822"), "value").as_number() == get(shown, "value").as_number());
  const bp::Value sign = ask(compute, "-0.0822");
  CHECK(get(sign, "verdict").as_string() == "mistake");
  CHECK(get(sign, "mistake").as_string() == "sign_dE_dout");
  CHECK(get(sign, "value").is_null());
  CHECK(get(ask(compute, "0.08"), "verdict").as_string() == "too_few_digits");
  // 0.0830 is 1 % off: wrong to the digits given, right within a tolerance of 2 %.
  CHECK(get(ask(compute, "0.0830"), "verdict").as_string() == "wrong");
  CHECK(get(ask(compute, "0.0830", 0.02), "verdict").as_string() == "right");
  CHECK(get(ask(compute, "0.0830", 0.005), "verdict").as_string() == "wrong");
}

TEST_CASE("an exercise on a loss: the value PyTorch computes", "[exercise][answer]") {
  const bp::Value fx = bp::test::fixture("losses_pytorch.json");
  // Every case of the fixture, asked as the explorer's spec (the case less its value and gradient).
  const bp::Value* cases = fx.find("cases");
  REQUIRE(cases);
  int checked = 0;
  for (const bp::Value& c : cases->items()) {
    bp::Value spec = bp::Value::object();
    for (const auto& [key, v] : c.members())
      if (key != "value" && key != "grad") spec.set(key, v);
    bp::Value compute = bp::Value::object();
    compute.set("loss", spec);
    const double expected = get(c, "value").as_number();
    INFO(c.to_json());
    CHECK(get(ask(compute), "value").as_number() == Approx(expected).epsilon(1e-12).margin(1e-300));
    CHECK(get(ask(compute, scientific(expected).c_str()), "verdict").as_string() == "right");
    ++checked;
  }
  CHECK(checked > 10);
}

TEST_CASE("an exercise on the race: a position after N steps as torch.optim gives it", "[exercise][answer]") {
  const bp::Value fx = bp::test::fixture("optimizers_pytorch.json");
  const bp::Value& runs = *fx.find("surfaces")->find("saddle")->find("runs");
  for (const char* id : {"sgd", "adam"}) {
    const std::vector<double> x = bp::test::numbers(*runs.find(id)->find("x"));
    const std::vector<double> y = bp::test::numbers(*runs.find(id)->find("y"));
    for (const char* at : {"x", "y", "loss"}) {
      bp::Value compute = bp::Value::object();
      compute.set("race", saddle_race(50));
      compute.set("optimizer", id);
      compute.set("at", at);
      const double expected = at[0] == 'x' ? x[50] : at[0] == 'y' ? y[50] : saddle(x[50], y[50]);
      INFO(id << " " << at);
      CHECK(get(ask(compute), "value").as_number() == Approx(expected).epsilon(1e-12).margin(1e-15));
    }
  }
  bp::Value compute = bp::Value::object();
  compute.set("race", saddle_race(50));
  compute.set("optimizer", "rmsprop");
  compute.set("at", "x");
  CHECK(error_of([&] {
    bp::Value s = bp::Value::object();
    s.set("compute", compute);
    return s;
  }()) == "unknown_choice compute.optimizer");
}

TEST_CASE("an exercise's choice: the race run by the core decides, ties are all right", "[exercise][answer]") {
  const bp::Value fx = bp::test::fixture("optimizers_pytorch.json");
  const bp::Value& runs = *fx.find("surfaces")->find("saddle")->find("runs");
  // From torch's runs: the first step each optimizer's loss is below -0.2, and its loss after 300 steps.
  std::map<std::string, long> first;
  std::map<std::string, double> last;
  for (const char* id : {"sgd", "adam"}) {
    const std::vector<double> x = bp::test::numbers(*runs.find(id)->find("x"));
    const std::vector<double> y = bp::test::numbers(*runs.find(id)->find("y"));
    long k = 0;
    while (k <= 300 && !(saddle(x[k], y[k]) < -0.2)) ++k;
    first[id] = k;
    last[id] = saddle(x[300], y[300]);
  }
  const std::string earliest = first["sgd"] < first["adam"] ? "sgd" : "adam";
  const std::string lowest = last["sgd"] < last["adam"] ? "sgd" : "adam";
  const std::string other_early = earliest == "sgd" ? "adam" : "sgd";
  REQUIRE(first["sgd"] != first["adam"]);
  REQUIRE(std::max(first["sgd"], first["adam"]) <= 300);

  bp::Value below = bp::Value::object();
  below.set("race", saddle_race(300));
  below.set("choose", "first_below");
  below.set("below", -0.2);
  const bp::Value shown = ask(below);
  CHECK(get(shown, "kind").as_string() == "choice");
  REQUIRE(get(shown, "value").size() == 1);
  CHECK(get(shown, "value")[0].as_string() == earliest);
  CHECK(get(shown, "options").size() == 2);
  CHECK(get(ask(below, earliest.c_str()), "verdict").as_string() == "right");
  CHECK(get(ask(below, other_early.c_str()), "verdict").as_string() == "wrong");
  CHECK(get(ask(below, other_early.c_str()), "value").is_null());

  bp::Value low = bp::Value::object();
  low.set("race", saddle_race(300));
  low.set("choose", "lowest");
  CHECK(get(ask(low), "value")[0].as_string() == lowest);

  // Two optimizers that are the same: both are right.
  bp::Value twins = bp::Value::object();
  twins.set("race", parse(R"({"surface": {"preset": "saddle"}, "start": [-2, 1e-5], "steps": 100, "optimizers": [
      {"id": "a", "kind": "sgd", "lr": 0.05}, {"id": "b", "kind": "sgd", "lr": 0.05}]})"));
  twins.set("choose", "lowest");
  CHECK(get(ask(twins), "value").size() == 2);
  CHECK(get(ask(twins, "b"), "verdict").as_string() == "right");

  // No optimizer gets below: no answer, said as such.
  below.set("below", -10.0);
  CHECK(get(ask(below), "value").is_null());
  CHECK(get(ask(below, "sgd"), "verdict").as_string() == "no_answer");

  // An answer that is none of the optimizers.
  bp::Value spec = bp::Value::object();
  spec.set("compute", low);
  spec.set("answer", "lbfgs");
  CHECK(error_of(spec) == "unknown_choice answer");
}

TEST_CASE("an exercise's spec is checked: missing parts, unknown keys, a tolerance out of range", "[exercise][answer]") {
  CHECK(error_of(parse("{}")) == "missing compute");
  CHECK(error_of(parse(R"({"compute": {}})")) == "missing compute.term");
  CHECK(error_of(parse(R"({"compute": {"loss": {"kind": "mse", "input": [1], "target": [0]}}, "colour": 1})")) ==
        "unknown_key colour");
  CHECK(error_of(parse(R"({"compute": {"loss": {"kind": "mse", "input": [1], "target": [0]}}, "tolerance": 2})")) ==
        "out_of_range tolerance");
  CHECK(error_of(parse(R"({"compute": {"race": {"surface": {"preset": "saddle"}, "start": [0, 1], "steps": 5,
      "optimizers": [{"id": "s", "kind": "sgd", "lr": 0.1}]}, "choose": "fastest"}})")) ==
        "unknown_choice compute.choose");
  CHECK(error_of(parse(R"({"compute": {"race": {"surface": {"preset": "saddle"}, "start": [0, 1], "steps": 5,
      "optimizers": [{"id": "s", "kind": "sgd", "lr": 0.1}]}, "optimizer": "s", "at": "z"}})")) ==
        "unknown_choice compute.at");
}
