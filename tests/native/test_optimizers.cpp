// The optimizers against torch.optim float64 trajectories
// (tests/fixtures/optimizers_pytorch.py), and against their own formulas.
#include <iomanip>
#include <limits>

#include "base/error.hpp"
#include "fixtures.hpp"
#include "nn/network.hpp"
#include "optim/optimizer_config.hpp"
#include "optim/race.hpp"
#include "support.hpp"

namespace {

// The largest relative difference over a trajectory: at each step, the
// difference of the parameter vectors over the reference's norm, so that a
// coordinate that decays to 1e-46 is judged against the vector, not itself.
struct Worst {
  double rel = 0;
  long step = -1;
  void add(const Eigen::VectorXd& a, const Eigen::VectorXd& b, long step_) {
    const double r = (a - b).norm() / b.norm();
    if (r > rel) {
      rel = r;
      step = step_;
    }
  }
  void add(double a, double b, long step_) { add(Eigen::VectorXd::Constant(1, a), Eigen::VectorXd::Constant(1, b), step_); }
};

}  // namespace

TEST_CASE("surface trajectories match torch.optim at every one of 1,000 steps", "[optimizers][pytorch]") {
  const bp::Value fx = bp::test::fixture("optimizers_pytorch.json");
  const long steps = static_cast<long>(fx.find("steps")->as_number());
  int runs = 0;
  for (const auto& [surface, data] : fx.find("surfaces")->members()) {
    bp::Preset preset{};
    for (const auto& p : bp::presets()) {
      if (p.name == surface) preset = p.id;
    }
    const auto start = bp::test::numbers(*data.find("start"));
    for (const auto& [config, run] : data.find("runs")->members()) {
      const bp::OptimizerOptions o = bp::read_optimizer(*run.find("optimizer"), config);
      const bp::RaceRun ours = bp::run_race(bp::Surface::preset(preset), o, start[0], start[1], steps);
      const auto x = bp::test::numbers(*run.find("x")), y = bp::test::numbers(*run.find("y"));
      REQUIRE(ours.x.size() == x.size());
      Worst worst;
      for (std::size_t t = 0; t < x.size(); ++t) {
        worst.add(Eigen::Vector2d(ours.x[t], ours.y[t]), Eigen::Vector2d(x[t], y[t]), static_cast<long>(t));
      }
      INFO(surface << " / " << config << ": worst relative difference " << worst.rel << " at step " << worst.step);
      CHECK(worst.rel <= 1e-12);
      ++runs;
    }
  }
  CHECK(runs == 41);
}

TEST_CASE("the classic network's weights under each optimizer match torch.optim", "[optimizers][pytorch]") {
  const bp::Value fx = bp::test::fixture("optimizers_pytorch.json");
  for (const auto& [config, run] : fx.find("network")->members()) {
    const bp::OptimizerOptions o = bp::read_optimizer(*run.find("optimizer"), config);
    bp::Config c = bp::classic_config();
    bp::Optimizer opt(o, 8);
    Eigen::VectorXd theta(8), grad(8);
    auto pack = [](const bp::Network& n, Eigen::VectorXd& v) {
      for (int l = 0; l < 2; ++l)
        for (int j = 0; j < 2; ++j)
          for (int i = 0; i < 2; ++i) v[l * 4 + j * 2 + i] = n.layers[static_cast<std::size_t>(l)].W(j, i);
    };
    auto unpack = [](const Eigen::VectorXd& v, bp::Network& n) {
      for (int l = 0; l < 2; ++l)
        for (int j = 0; j < 2; ++j)
          for (int i = 0; i < 2; ++i) n.layers[static_cast<std::size_t>(l)].W(j, i) = v[l * 4 + j * 2 + i];
    };
    const auto E = bp::test::numbers(*run.find("E_total"));
    Worst worst;
    for (std::size_t t = 0; t < E.size(); ++t) {
      const bp::Forward f = bp::forward(c.network, c.loss, c.inputs, c.targets);
      worst.add(f.E_total, E[t], static_cast<long>(t));
      if (const bp::Value* w = run.find("weights")->find(std::to_string(t))) {
        pack(c.network, theta);
        const auto want = bp::test::numbers(*w);
        worst.add(theta, Eigen::Map<const Eigen::VectorXd>(want.data(), 8), static_cast<long>(t));
      }
      if (t + 1 == E.size()) break;
      const bp::Backward b = bp::backward(c.network, c.loss, f, c.targets);
      for (int l = 0; l < 2; ++l)
        for (int j = 0; j < 2; ++j)
          for (int i = 0; i < 2; ++i) grad[l * 4 + j * 2 + i] = b.dW[static_cast<std::size_t>(l) + 1](j, i);
      pack(c.network, theta);
      opt.step(theta, grad);
      unpack(theta, c.network);
    }
    INFO(config << ": worst relative difference " << worst.rel << " at step " << worst.step);
    CHECK(worst.rel <= 1e-12);
  }
}

TEST_CASE("the presets' analytic gradients equal autograd's", "[optimizers][pytorch]") {
  const bp::Value fx = bp::test::fixture("optimizers_pytorch.json");
  for (const auto& [surface, data] : fx.find("surfaces")->members()) {
    bp::Preset preset{};
    for (const auto& p : bp::presets()) {
      if (p.name == surface) preset = p.id;
    }
    const bp::Value& samples = *data.find("autograd");
    for (std::size_t i = 0; i < samples.find("points")->size(); ++i) {
      const auto p = bp::test::numbers((*samples.find("points"))[i]);
      const auto g = bp::test::numbers((*samples.find("gradients"))[i]);
      const bp::Dual d = bp::Surface::preset(preset).at(p[0], p[1]);
      INFO(surface << " at (" << p[0] << ", " << p[1] << ")");
      CHECK(bp::test::close(d.dx, g[0], 1e-13, 1e-13));
      CHECK(bp::test::close(d.dy, g[1], 1e-13, 1e-13));
    }
  }
}

TEST_CASE("momentum in the lesson's form follows v <- beta v + (1 - beta) g, theta <- theta - eta v", "[optimizers]") {
  bp::OptimizerOptions o = bp::default_options(bp::OptimizerKind::momentum);
  o.lr = 0.1;
  o.beta = 0.8;
  bp::Optimizer opt(o, 2);
  Eigen::VectorXd theta(2), g(2);
  theta << 1.0, -2.0;
  double v0 = 0, v1 = 0, t0 = 1.0, t1 = -2.0;
  for (int step = 0; step < 50; ++step) {
    g << 3 * std::sin(step), std::cos(step) - 0.5;
    const double g0 = g[0], g1 = g[1];
    opt.step(theta, g);
    v0 = 0.8 * v0 + (1 - 0.8) * g0;
    v1 = 0.8 * v1 + (1 - 0.8) * g1;
    t0 = t0 - 0.1 * v0;
    t1 = t1 - 0.1 * v1;
    CHECK(theta[0] == t0);
    CHECK(theta[1] == t1);
    CHECK(opt.state().buffer[0] == v0);
  }
}

TEST_CASE("the two momentum forms differ by a rescaling of eta: eta_pytorch = eta (1 - beta)", "[optimizers]") {
  for (const auto& p : bp::presets()) {
    bp::OptimizerOptions lesson = bp::default_options(bp::OptimizerKind::momentum);
    lesson.lr = 0.01;
    lesson.beta = 0.9;
    bp::OptimizerOptions pytorch = lesson;
    pytorch.pytorch_form = true;
    pytorch.momentum = 0.9;
    pytorch.lr = lesson.lr * (1 - lesson.beta);
    const bp::Surface s = bp::Surface::preset(p.id);
    const bp::RaceRun a = bp::run_race(s, lesson, p.start[0], p.start[1], 300);
    const bp::RaceRun b = bp::run_race(s, pytorch, p.start[0], p.start[1], 300);
    REQUIRE(a.x.size() == b.x.size());
    for (std::size_t t = 0; t < a.x.size(); ++t) {
      INFO(p.name << " step " << t);
      CHECK(bp::test::close(a.x[t], b.x[t], 1e-9, 1e-12));
      CHECK(bp::test::close(a.y[t], b.y[t], 1e-9, 1e-12));
    }
  }
}

TEST_CASE("AdaGrad's effective step eta / (sqrt(s) + eps) shrinks at every step", "[optimizers]") {
  const bp::OptimizerOptions o = bp::default_options(bp::OptimizerKind::adagrad);
  for (const auto& p : bp::presets()) {
    bp::Optimizer opt(o, 2);
    Eigen::VectorXd theta(2), g(2);
    theta << p.start[0], p.start[1];
    Eigen::VectorXd previous = Eigen::VectorXd::Constant(2, std::numeric_limits<double>::infinity());
    const bp::Surface s = bp::Surface::preset(p.id);
    for (int t = 0; t < 200; ++t) {
      const bp::Dual f = s.at(theta[0], theta[1]);
      g << f.dx, f.dy;
      opt.step(theta, g);
      const Eigen::VectorXd rate = opt.state().effective_rate;
      for (int i = 0; i < 2; ++i) {
        INFO(p.name << " step " << t << " coordinate " << i);
        CHECK(rate[i] <= previous[i]);
      }
      previous = rate;
    }
  }
}

TEST_CASE("Adam's bias correction: the first step is eta sign(g) with it, (1 - b1) / sqrt(1 - b2) times that without",
          "[optimizers]") {
  bp::OptimizerOptions o = bp::default_options(bp::OptimizerKind::adam);
  o.lr = 0.1;
  Eigen::VectorXd theta(2), g(2);
  theta << 0, 0;
  g << 0.3, -2.0;
  bp::Optimizer with(o, 2);
  with.step(theta, g);
  // m_hat = g, v_hat = g^2: the step is eta g / (|g| + eps).
  CHECK(bp::test::close(theta[0], -0.1 * 0.3 / (0.3 + 1e-8), 1e-15));
  CHECK(bp::test::close(theta[1], 0.1 * 2.0 / (2.0 + 1e-8), 1e-15));
  o.bias_correction = false;
  bp::Optimizer without(o, 2);
  theta << 0, 0;
  without.step(theta, g);
  // m = 0.1 g starts slow, but v = 0.001 g^2 starts slower still, and the step divides by
  // sqrt(v): eta 0.1 g / (sqrt(0.001) |g| + eps), about 3.16 eta.
  CHECK(bp::test::close(theta[0], -0.1 * (0.1 * 0.3) / (std::sqrt(0.001 * 0.3 * 0.3) + 1e-8), 1e-12));
  CHECK(bp::test::close(std::abs(theta[0]), 0.1 * 0.1 / std::sqrt(0.001), 1e-5));  // eps shifts the 6th digit
  CHECK(bp::test::close(without.state().m[0], 0.1 * 0.3, 1e-15));
}

TEST_CASE("bad hyperparameters get a clear error", "[optimizers]") {
  auto code = [](const char* json) {
    try {
      bp::read_optimizer(bp::Value::parse_json(json), "adam");
    } catch (const bp::Error& e) {
      return e.code() + " " + e.field();
    }
    return std::string("no error");
  };
  CHECK(code(R"({"kind": "adam", "lr": -0.1})") == "not_positive adam.lr");
  CHECK(code(R"({"kind": "adam", "beta1": 1})") == "out_of_range_open adam.beta1");
  CHECK(code(R"({"kind": "adam", "beta2": -0.1})") == "out_of_range_open adam.beta2");
  CHECK(code(R"({"kind": "adam", "eps": 0})") == "not_positive adam.eps");
  CHECK(code(R"({"kind": "rmsprop", "alpha": 1.5})") == "out_of_range_open adam.alpha");
  CHECK(code(R"({"kind": "sgd", "nesterov": true})") == "nesterov_needs_momentum adam.nesterov");
  CHECK(code(R"({"kind": "lbfgs"})") == "unknown_choice adam.kind");
  CHECK(code(R"({"kind": "adam", "lr": "abc"})") == "not_a_number adam.lr");
}

TEST_CASE("no setting is ignored: one of another optimizer, or of momentum's other form, is an error naming it", "[optimizers]") {
  auto code = [](const char* json) {
    try {
      bp::read_optimizer(bp::Value::parse_json(json), "optimizer");
    } catch (const bp::Error& e) {
      return e.code() + " " + e.field() + ": " + e.what();
    }
    return std::string("no error");
  };
  CHECK(code(R"({"kind": "sgd", "beta1": 0.5})") == "not_a_setting_of optimizer.beta1: optimizer.beta1 is not a setting of sgd");
  CHECK(code(R"({"kind": "adam", "momentum": 0.5})") == "not_a_setting_of optimizer.momentum: optimizer.momentum is not a setting of adam");
  CHECK(code(R"({"kind": "adagrad", "centered": true})").rfind("not_a_setting_of optimizer.centered", 0) == 0);
  CHECK(code(R"({"kind": "rmsprop", "form": "pytorch"})").rfind("not_a_setting_of optimizer.form", 0) == 0);
  // Momentum in the lesson's form takes beta; momentum, dampening and nesterov are PyTorch's form's.
  CHECK(code(R"({"kind": "momentum", "momentum": 0.5})") ==
        "setting_of_form optimizer.momentum: optimizer.momentum is a setting of momentum with \"form\": \"pytorch\" only");
  CHECK(code(R"({"kind": "momentum", "form": "ewa", "nesterov": true})").rfind("setting_of_form optimizer.nesterov", 0) == 0);
  CHECK(code(R"({"kind": "momentum", "dampening": 0.1})").rfind("setting_of_form optimizer.dampening", 0) == 0);
  CHECK(code(R"({"kind": "momentum", "form": "pytorch", "beta": 0.5})").rfind("setting_of_form optimizer.beta", 0) == 0);
  CHECK(code(R"({"kind": "momentum", "form": "pytorch", "momentum": 0.5, "dampening": 0.1})") == "no error");
  CHECK(code(R"({"kind": "momentum", "form": "ewa", "beta": 0.5})") == "no error");
  // Given in PyTorch's form, the momentum is the one used.
  const bp::OptimizerOptions o = bp::read_optimizer(bp::Value::parse_json(R"({"kind": "momentum", "form": "pytorch", "momentum": 0.5})"), "o");
  CHECK(o.momentum == 0.5);
}

TEST_CASE("AdamW without a weight decay takes torch.optim.AdamW's default, 0.01", "[optimizers]") {
  const auto read = [](const char* json) { return bp::read_optimizer(bp::Value::parse_json(json), "adam"); };
  CHECK(read(R"({"kind": "adam", "decoupled": true})").weight_decay == 0.01);
  CHECK(read(R"({"kind": "adam", "decoupled": true, "weight_decay": 0})").weight_decay == 0);
  CHECK(read(R"({"kind": "adam"})").weight_decay == 0);  // Adam's default
}

TEST_CASE("a learning rate that is too large stops the run with its step and reason", "[optimizers]") {
  bp::OptimizerOptions o = bp::default_options(bp::OptimizerKind::sgd);
  o.lr = 1.5;  // on 0.05 x^2 + 2.5 y^2, y <- y (1 - 5 eta) = -6.5 y each step
  const bp::RaceRun r = bp::run_race(bp::Surface::preset(bp::Preset::ill_conditioned), o, -4.5, 1, 1000);
  CHECK(r.reason == "diverged");
  CHECK(r.stopped_at > 100);
  CHECK(r.stopped_at < 400);
  CHECK(static_cast<long>(r.x.size()) == r.stopped_at);
  for (double y : r.y) CHECK(std::isfinite(y));
}

TEST_CASE("an update written out keeps its numbers also broken at each equals sign, for a narrow box", "[optimizers]") {
  const bp::Surface s = bp::Surface::preset(bp::Preset::saddle);
  const bp::OptimizerOptions o = bp::default_options(bp::OptimizerKind::adam);
  const bp::StepDetail d = bp::step_detail(s, o, -2.0, 1e-5, 3);
  const auto lines = bp::update_tex(o, d, 6);
  REQUIRE(lines.size() >= 5);
  for (const auto& line : lines) {
    INFO(line.formula);
    std::string joined;
    for (const auto& part : line.numbers_lines) {
      CHECK(part.rfind("= ", 0) == 0);
      joined += (joined.empty() ? "" : " ") + part;
    }
    CHECK(joined == line.numbers);
  }
  // m_t = beta1 m + (1 - beta1) g = the new m: two parts.
  const auto m = std::find_if(lines.begin(), lines.end(), [](const bp::TexLine& l) { return l.formula.rfind("m_t", 0) == 0; });
  REQUIRE(m != lines.end());
  CHECK(m->numbers_lines.size() == 2);
}

TEST_CASE("RMSprop's first steps are larger while s fills up: 10 eta, then 3.2, then 1.26 (what the lesson says)", "[optimizers]") {
  bp::OptimizerOptions o = bp::default_options(bp::OptimizerKind::rmsprop);
  o.lr = 0.01;
  REQUIRE(o.alpha == 0.99);
  bp::Optimizer rmsprop(o, 1);
  Eigen::VectorXd theta(1), g(1);
  theta << 0;
  g << 0.5;  // a steady gradient
  std::vector<double> steps;
  for (int t = 1; t <= 100; ++t) {
    const double before = theta[0];
    rmsprop.step(theta, g);
    steps.push_back((before - theta[0]) / o.lr);
  }
  // s_t = (1 - alpha^t) g^2: the step is eta g / (sqrt(s_t) + eps) = eta / sqrt(1 - alpha^t).
  CHECK(bp::test::close(steps[0], 10.0, 1e-6));
  CHECK(bp::test::close(steps[9], 3.2338, 1e-4));
  CHECK(bp::test::close(steps[99], 1.2559, 1e-4));
}
