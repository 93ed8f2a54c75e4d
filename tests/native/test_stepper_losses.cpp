// The stepper's loss switch: MSE and binary cross-entropy on the classic
// network, against PyTorch (tests/fixtures/classic_pytorch.py).
#include <iomanip>

#include "base/error.hpp"
#include "fixtures.hpp"
#include "random_net.hpp"
#include "support.hpp"
#include "train/descent.hpp"

using bp::test::term_value;

namespace {

bp::Config classic_with(bp::LossKind kind, bool trained) {
  bp::Config c = bp::with_bias_mode(bp::classic_config(), trained);
  c.loss.kind = kind;
  return c;
}

void check_against_pytorch(bp::LossKind kind, const char* name) {
  const bp::Value fx = bp::test::fixture("classic_pytorch.json");
  for (const bool trained : {false, true}) {
    INFO(name << (trained ? ", biases trained" : ", biases frozen"));
    const bp::Value& ref = *fx.find(name)->find(trained ? "biases_trained" : "biases_frozen");
    const bp::Config c = classic_with(kind, trained);
    const bp::Trace t = bp::build_trace(c);
    const auto dW1 = bp::test::numbers(*ref.find("dW1")), dW2 = bp::test::numbers(*ref.find("dW2"));
    for (int w = 1; w <= 4; ++w) CHECK_REL(term_value(t, "dE_total/dw" + std::to_string(w)), dW1[w - 1], 1e-14);
    for (int w = 5; w <= 8; ++w) CHECK_REL(term_value(t, "dE_total/dw" + std::to_string(w)), dW2[w - 5], 1e-14);
    CHECK_REL(term_value(t, "E_total"), ref.find("E_total")->as_number(), 1e-15);
    CHECK_REL(term_value(t, "E_total+"), ref.find("E_total_after_one")->as_number(), 1e-14);
    const auto db2 = bp::test::numbers(*ref.find("db2"));
    CHECK_REL(t.backward.db[2][0], db2[0], 1e-14);
    CHECK_REL(t.backward.db[2][1], db2[1], 1e-14);
    const bp::TrainResult r = bp::train(c, 1000, false);
    CHECK_REL(r.E_total.back(), ref.find("after")->find("E_total")->as_number(), 1e-12);
  }
}

}  // namespace

TEST_CASE("the classic network with MSE matches PyTorch, and equals 1/2 sum here", "[stepper][losses]") {
  check_against_pytorch(bp::LossKind::mse, "mse");
  // With two outputs the mean (1/2 sum) is the classic 1/2 sum, to the last bit.
  const bp::Trace mse = bp::build_trace(classic_with(bp::LossKind::mse, false));
  const bp::Trace classic = bp::build_trace(bp::classic_config());
  CHECK(term_value(mse, "E_total") == term_value(classic, "E_total"));
  CHECK(term_value(mse, "dE_total/dw5") == term_value(classic, "dE_total/dw5"));
}

TEST_CASE("with MSE, dE_total/dout shows the factor 2/K, and its value is -2/K (target - out)", "[stepper][losses]") {
  const bp::Trace t = bp::build_trace(classic_with(bp::LossKind::mse, false));
  const bp::Term& d = bp::test::find_term(t, "dE_total/dout_o1");
  const bp::FormulaText d_tex = t.tex(d);
  CHECK(d_tex.formula == "-\\tfrac{2}{2}(\\mathit{target}_{o1} - \\mathit{out}_{o1})");
  CHECK(d_tex.numbers == "-\\tfrac{2}{2}(0.01 - 0.75136507)");
  const double out = term_value(t, "out_o1");
  CHECK_REL(d.value, -2.0 / 2.0 * (0.01 - out), 1e-15);
  CHECK_REL(d.value, 0.74136507, 1e-8);
  CHECK(d.notes == std::vector<std::string>{"note.mse_gradient", "note.mse_gradient_two_outputs"});
  CHECK(bp::test::find_tex(t, "dE_total/dout_o2").numbers == "-\\tfrac{2}{2}(0.99 - 0.772928465)");
  // The classic loss has no 2/K: its derivative is -(target - out).
  const bp::Trace classic = bp::build_trace(bp::classic_config());
  CHECK(bp::test::find_tex(classic, "dE_total/dout_o1").formula == "-(\\mathit{target}_{o1} - \\mathit{out}_{o1})");
  CHECK(bp::test::find_term(classic, "dE_total/dout_o1").notes.empty());

  // Three outputs: 2/3, not reduced away, and the value has it.
  std::mt19937 rng(7);
  const bp::Config c3 = bp::test::random_config(rng, {2, 2, 3}, bp::Activation::sigmoid, bp::Activation::sigmoid,
                                                bp::LossKind::mse, true);
  const bp::Trace t3 = bp::build_trace(c3);
  for (int k = 0; k < 3; ++k) {
    const std::string o = "o" + std::to_string(k + 1);
    const bp::Term& g = bp::test::find_term(t3, "dE_total/dout_" + o);
    const bp::FormulaText g_tex = t3.tex(g);
    CHECK(g_tex.formula == "-\\tfrac{2}{3}(\\mathit{target}_{" + o + "} - \\mathit{out}_{" + o + "})");
    CHECK(g_tex.numbers.rfind("-\\tfrac{2}{3}(", 0) == 0);
    CHECK_REL(g.value, -2.0 / 3.0 * (c3.targets[k] - term_value(t3, "out_" + o)), 1e-15);
    CHECK(g.notes == std::vector<std::string>{"note.mse_gradient"});
  }
}

TEST_CASE("the classic network with binary cross-entropy matches PyTorch", "[stepper][losses]") {
  check_against_pytorch(bp::LossKind::bce, "bce");
}

TEST_CASE("with BCE the terms multiply out, and the simplification is out - target over K", "[stepper][losses]") {
  const bp::Trace t = bp::build_trace(classic_with(bp::LossKind::bce, false));
  for (const char* o : {"o1", "o2"}) {
    const std::string on = o;
    const double chain = term_value(t, "dE_total/dout_" + on) * term_value(t, "dout_" + on + "/dnet_" + on);
    CHECK_REL(term_value(t, "dE_total/dnet_" + on), chain, 1e-15);
    const double out = term_value(t, "out_" + on), target = on == "o1" ? 0.01 : 0.99;
    CHECK_REL(term_value(t, "dE_total/dnet_" + on), (out - target) / 2, 1e-15);
    CHECK(bp::test::find_term(t, "dE_total/dnet_" + on).kind == bp::Kind::simplification);
  }
  CHECK_REL(term_value(t, "dE_total/dw5"),
            term_value(t, "dE_total/dout_o1") * term_value(t, "dout_o1/dnet_o1") * term_value(t, "dnet_o1/dw5"), 1e-15);
  CHECK_REL(term_value(t, "E_total"), term_value(t, "E_o1") + term_value(t, "E_o2"), 1e-15);
  CHECK(bp::test::find_tex(t, "E_o1").formula ==
        "-\\tfrac{1}{2}\\left[\\mathit{target}_{o1} \\log \\mathit{out}_{o1} + (1 - \\mathit{target}_{o1}) \\log "
        "(1 - \\mathit{out}_{o1})\\right]");
}

TEST_CASE("softmax and cross-entropy: the Jacobian terms and the simplification", "[stepper][losses]") {
  bp::Config c = bp::classic_config();
  c.network.layers[1].activation = bp::Activation::softmax;
  c.loss.kind = bp::LossKind::ce;
  c.targets << 0.0, 1.0;
  const bp::Trace t = bp::build_trace(c);
  // dE/dnet_o1 = sum_k dE/dout_k dout_k/dnet_o1 = out_o1 - target_o1
  const double jac_sum = term_value(t, "dE_total/dout_o1") * term_value(t, "dout_o1/dnet_o1") +
                         term_value(t, "dE_total/dout_o2") * term_value(t, "dout_o2/dnet_o1");
  CHECK_REL(term_value(t, "dE_total/dnet_o1"), jac_sum, 1e-14);
  CHECK_REL(term_value(t, "dE_total/dnet_o1"), term_value(t, "out_o1") - 0.0, 1e-15);
  CHECK(bp::test::find_term(t, "dE_total/dnet_o1").notes == std::vector<std::string>{"note.softmax_ce_simplification"});
  c.targets << 0.5, 0.6;
  CHECK_THROWS_AS(bp::config_from_value(bp::config_to_value(c)), bp::Error);
}
