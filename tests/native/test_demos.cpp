// What the demos' texts say, as the core computes it: the narrow valley and
// the local minimum of the optimizer race (at the rates each surface starts
// with), and the training loop without zero_grad(). A sentence of the lesson
// or the race that states one of these numbers is pinned here.
#include <algorithm>
#include <cmath>
#include <string>

#include "api/api.hpp"
#include "optim/race.hpp"
#include "classic_training.hpp"
#include "support.hpp"
#include "train/training_loop.hpp"

namespace {

const bp::PresetInfo& preset(bp::Preset id) {
  for (const auto& p : bp::presets())
    if (p.id == id) return p;
  FAIL("no preset");
  return bp::presets().front();
}

// A racer as the page starts it: PyTorch's defaults, the surface's rate.
bp::OptimizerOptions racer(const std::string& name, double lr) {
  bp::OptimizerOptions o;
  if (name == "sgd") o = bp::default_options(bp::OptimizerKind::sgd);
  if (name == "momentum" || name == "momentum_pytorch") o = bp::default_options(bp::OptimizerKind::momentum);
  if (name == "momentum_pytorch") o.pytorch_form = true;  // mu = 0.9
  if (name == "adagrad") o = bp::default_options(bp::OptimizerKind::adagrad);
  if (name == "rmsprop") o = bp::default_options(bp::OptimizerKind::rmsprop);
  if (name == "adam") o = bp::default_options(bp::OptimizerKind::adam);
  o.lr = lr;
  return o;
}

double rate(const bp::PresetInfo& p, const std::string& name) {
  for (std::size_t i = 0; i < bp::racer_names.size(); ++i)
    if (name == bp::racer_names[i]) return p.rates[i];
  FAIL("no racer " << name);
  return 0;
}

bp::RaceRun race(const bp::PresetInfo& p, const std::string& name, double lr, long steps = 1000) {
  return bp::run_race(bp::Surface::preset(p.id), racer(name, lr), p.start[0], p.start[1], steps);
}

// The largest step along x (the valley's length).
double longest_dx(const bp::RaceRun& r) {
  double longest = 0;
  for (std::size_t t = 1; t < r.x.size(); ++t) longest = std::max(longest, std::abs(r.x[t] - r.x[t - 1]));
  return longest;
}

}  // namespace

TEST_CASE("narrow valley: SGD and both momentum forms at the same eta, 0.35", "[demos]") {
  const bp::PresetInfo& valley = preset(bp::Preset::ill_conditioned);
  const double eta = rate(valley, "sgd");
  CHECK(eta == 0.35);
  CHECK(rate(valley, "momentum") == eta);
  CHECK(rate(valley, "momentum_pytorch") == eta);
  const bp::RaceRun sgd = race(valley, "sgd", eta);
  const bp::RaceRun lesson = race(valley, "momentum", eta);
  const bp::RaceRun pytorch = race(valley, "momentum_pytorch", eta);
  for (const auto* r : {&sgd, &lesson, &pytorch}) REQUIRE(r->stopped_at == -1);

  // f after 30 steps: 0.119 (SGD), 0.251 (the lesson's form), 0.018 (PyTorch's).
  CHECK_REL(sgd.loss[30], 0.11940819197279004, 1e-9);
  CHECK_REL(lesson.loss[30], 0.25139129834192214, 1e-9);
  CHECK_REL(pytorch.loss[30], 0.017756677559302186, 1e-9);
  // And after 100: 8.1e-4, 4.1e-5, 6.4e-5.
  CHECK_REL(sgd.loss[100], 8.14e-4, 2e-3);
  CHECK_REL(lesson.loss[100], 4.07e-5, 2e-3);
  CHECK_REL(pytorch.loss[100], 6.42e-5, 2e-3);

  // SGD's zigzag across: y <- (1 - 5 eta) y = -0.75 y, each swing 3/4 of the last.
  for (int t = 1; t <= 10; ++t) CHECK_REL(sgd.y[t], -0.75 * sgd.y[t - 1], 1e-12);
  // The lesson's form swings across far longer: |y| after 30 steps 0.19, SGD's 0.0002.
  CHECK(std::abs(lesson.y[30]) > 0.18);
  CHECK(std::abs(sgd.y[30]) < 2e-4);

  // The lesson's form along the valley: its first step a tenth of SGD's, and
  // none longer than SGD's first (0.158; its longest is 0.110).
  const double sgd_first = sgd.x[1] - sgd.x[0];
  CHECK_REL(sgd_first, 0.1575, 1e-9);
  CHECK_REL(lesson.x[1] - lesson.x[0], 0.1 * sgd_first, 1e-9);
  CHECK(longest_dx(sgd) == sgd_first);
  CHECK_REL(longest_dx(lesson), 0.1103, 1e-3);

  // PyTorch's form adds the gradients up: steps along the valley up to 0.60,
  // nearly 4 times SGD's longest; it overshoots the minimum to x = 1.84.
  CHECK_REL(longest_dx(pytorch), 0.6007, 1e-3);
  CHECK(longest_dx(pytorch) > 3.8 * sgd_first);
  CHECK(longest_dx(pytorch) < 4 * sgd_first);
  CHECK_REL(*std::max_element(pytorch.x.begin(), pytorch.x.end()), 1.84, 1e-3);

  // Near the bottom both forms keep ahead of SGD for good: PyTorch's from step
  // 38, the lesson's from step 46 (to the 1,000th).
  CHECK(bp::below_from(pytorch.loss, sgd.loss) == 38);
  CHECK(bp::below_from(lesson.loss, sgd.loss) == 46);
}

TEST_CASE("local minimum: at the same eta, 0.05, SGD stays on the right and Momentum rolls over the ridge", "[demos]") {
  const bp::PresetInfo& surface = preset(bp::Preset::local_minimum);
  // The two minima, and the ridge between them at x = 0.0754 (f'(x) = 4x(x^2 - 1) + 0.3).
  auto slope = [](double x) { return 4 * x * (x * x - 1) + 0.3; };
  for (const auto& m : surface.minima) CHECK(std::abs(slope(m[0])) < 1e-3);
  const double left = -1.035578714088854, right = 0.9601495555191054, ridge = 0.0754291585697482;
  for (double x : {left, right, ridge}) CHECK(std::abs(slope(x)) < 1e-14);

  auto ends = [&](const std::string& name, double lr) {
    const bp::RaceRun r = race(surface, name, lr);
    REQUIRE(r.stopped_at == -1);
    return r.x.back();
  };
  const double eta = rate(surface, "sgd");
  CHECK(eta == 0.05);
  CHECK(rate(surface, "momentum") == eta);
  CHECK_REL(ends("sgd", eta), right, 1e-9);
  CHECK_REL(ends("momentum", eta), left, 1e-9);
  // The adaptive ones, at the rates beside their names, stay on the right too.
  for (const char* name : {"adagrad", "rmsprop", "adam"}) {
    INFO(name);
    CHECK_REL(ends(name, rate(surface, name)), right, 1e-9);
  }

  // It depends on eta. At 0.02 Momentum climbs to x = 0.24, short of the
  // ridge, and rolls back; at 0.1 SGD's first step, 2.43 long, jumps over it.
  const bp::RaceRun slow = race(surface, "momentum", 0.02);
  CHECK_REL(slow.x.back(), right, 1e-9);
  const double closest = *std::min_element(slow.x.begin(), slow.x.end());
  CHECK(closest > ridge);
  CHECK_REL(closest, 0.2406, 1e-3);
  const bp::RaceRun big = race(surface, "sgd", 0.1);
  CHECK_REL(big.x[0] - big.x[1], 2.43, 1e-9);
  CHECK(big.x[1] < ridge);
  CHECK_REL(big.x.back(), left, 1e-9);
}

TEST_CASE("forgetting zero_grad: faster at first, then stuck at E = 1e-4 from iteration 261", "[demos][training]") {
  auto run = [](bool zero_grad) {
    bp::Value spec = bp::Value::object();
    spec.set("network", bp::api::classic());
    spec.set("zero_grad", zero_grad);
    spec.set("iterations", 10000);
    return bp::api::training_run(spec);
  };
  const bp::Value good = run(true), bad = run(false);
  const auto& E_good = good.find("E_total")->as_numbers();
  const auto& E_bad = bad.find("E_total")->as_numbers();
  REQUIRE(E_good.size() == 10001);
  REQUIRE(E_bad.size() == 10001);

  // Faster at first: after 10 iterations 0.022 against 0.221; at its lowest,
  // after 32 iterations, 5.0e-5.
  CHECK_REL(E_bad[10], 0.022341010740906372, 1e-9);
  CHECK_REL(E_good[10], 0.22091859205390404, 1e-9);
  const auto lowest = std::min_element(E_bad.begin(), E_bad.end());
  CHECK(lowest - E_bad.begin() == 32);
  CHECK_REL(*lowest, 4.9996e-5, 1e-4);

  // Then stuck: from iteration 261 E is exactly that of outputs 0 and 1,
  // 1/2 (0.01^2 + 0.01^2) = 1e-4, to the 10,000th; the outputs are 0 and 1.
  CHECK(bp::constant_from(E_bad) == 261);
  CHECK_REL(E_bad.back(), 1e-4, 1e-12);
  const auto& out = (*bad.find("outputs"))[0].as_numbers();
  CHECK(out[0] == 0.0);
  CHECK(out[1] == 1.0);
  CHECK(bp::constant_from(E_good) == -1);

  // The correct run's loss goes below it after 5,493 iterations, and stays below.
  CHECK(bp::below_from(E_good, E_bad) == 5493);
  CHECK_REL(E_good.back(), 3.510187782978859e-05, 1e-12);

  // The same through the API the page calls.
  bp::Value both = bp::Value::object();
  both.set("a", bp::Value::numbers(E_good));
  both.set("b", bp::Value::numbers(E_bad));
  const bp::Value c = bp::api::training_compare(both);
  CHECK(c.find("a_below_from")->as_number() == 5493);
  CHECK(c.find("b_below_from")->is_null());
  CHECK(c.find("a_constant_from")->is_null());
  CHECK(c.find("b_constant_from")->as_number() == 261);
}

TEST_CASE("forgetting zero_grad: the steps grow, then the sigmoids saturate and the gradient vanishes", "[demos][training]") {
  const bp::TrainingSetup s = bp::test::classic_sgd(false);
  bp::TrainingState state = bp::initial_state(s);
  double first = 0, longest = 0;
  long longest_at = 0, o2_one = 0, o1_zero = 0, gradient_zero = 0;
  for (long it = 1; it <= 1300; ++it) {
    const bp::Iteration step = bp::run_iteration(s, state);
    const Eigen::VectorXd& out = step.batch.forwards[0].out.back();
    const double length = (step.theta_after - step.theta_before).norm();
    if (it == 1) first = length;
    if (length > longest) {
      longest = length;
      longest_at = it;
    }
    if (!o2_one && out[1] == 1.0) o2_one = it;
    if (!o1_zero && out[0] == 0.0) o1_zero = it;
    if (!gradient_zero && (step.batch.grad.array() == 0).all()) gradient_zero = it;
    if (it == 262) CHECK(out[0] < 1e-52);
    // Once there, they stay.
    if (o2_one) CHECK(out[1] == 1.0);
    if (o1_zero) CHECK(out[0] == 0.0);
  }
  // The steps grow to 9 times the first, in about 30 iterations, and stay that long.
  CHECK(longest / first > 9.0);
  CHECK(longest / first < 9.1);
  CHECK(longest_at >= 25);
  CHECK(longest_at <= 40);
  // Iteration 262 computes the loss after 261 updates: out_o2 is exactly 1
  // there, and out_o1 (below 1e-52) too small to change 0.01 - out_o1.
  CHECK(o2_one == 262);
  // From iteration 1,220 out_o1 is exactly 0 and every gradient exactly 0.
  CHECK(o1_zero == 1220);
  CHECK(gradient_zero == 1220);
}

TEST_CASE("the gradient check says how far backward() and the finite difference agree", "[demos][training]") {
  bp::Value spec = bp::Value::object();
  spec.set("network", bp::api::classic());
  const bp::Value r = bp::api::training_gradient_check(spec);
  const bp::Value& rows = *r.find("parameters");
  REQUIRE(rows.size() == 8);
  double largest = 0;
  std::string at;
  for (std::size_t k = 0; k < rows.size(); ++k) {
    const double relative = rows[k].find("relative")->as_number();
    if (relative > largest) {
      largest = relative;
      at = rows[k].find("name")->as_string();
    }
  }
  CHECK(r.find("max_relative")->as_number() == largest);
  CHECK(r.find("max_relative_parameter")->as_string() == at);
  // On the classic network: 1.6e-7, for w3 (w5's is 2.9e-10).
  CHECK(at == "w3");
  CHECK_REL(largest, 1.6102688462344177e-07, 1e-3);
}
