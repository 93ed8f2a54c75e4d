// The classic example: every value of the published table, to 1e-15 relative.
#include <iomanip>

#include "support.hpp"
#include "fixtures.hpp"
#include "train/descent.hpp"

using bp::test::term_value;

TEST_CASE("the classic example's forward pass and error match the table", "[classic]") {
  const bp::Trace t = bp::build_trace(bp::classic_config());
  CHECK_REL(term_value(t, "net_h1"), 0.3775, 1e-15);
  CHECK_REL(term_value(t, "out_h1"), 0.5932699921071872, 1e-15);
  CHECK_REL(term_value(t, "out_h2"), 0.596884378259767, 1e-15);
  CHECK_REL(term_value(t, "net_o1"), 1.10590596705977, 1e-15);
  CHECK_REL(term_value(t, "out_o1"), 0.7513650695523157, 1e-15);
  CHECK_REL(term_value(t, "out_o2"), 0.7729284653214625, 1e-15);
  CHECK_REL(term_value(t, "E_total"), 0.2983711087600027, 1e-15);
}

TEST_CASE("dE_total/dw5 equals 0.08216704056423077 and the other gradients match the table", "[classic]") {
  const bp::Trace t = bp::build_trace(bp::classic_config());
  CHECK_REL(term_value(t, "dE_total/dw5"), 0.08216704056423077, 1e-15);
  CHECK_REL(term_value(t, "w5+"), 0.35891647971788465, 1e-15);
  CHECK_REL(term_value(t, "dE_total/dw6"), 0.08266762784753325, 1e-15);
  CHECK_REL(term_value(t, "w6+"), 0.4086661860762334, 1e-15);
  CHECK_REL(term_value(t, "dE_total/dw7"), -0.02260254047747507, 1e-15);
  CHECK_REL(term_value(t, "w7+"), 0.5113012702387375, 1e-15);
  CHECK_REL(term_value(t, "dE_total/dw8"), -0.022740242215978222, 1e-15);
  CHECK_REL(term_value(t, "w8+"), 0.5613701211079891, 1e-15);
  CHECK_REL(term_value(t, "dE_total/dw1"), 0.0004385677344743465, 1e-15);
  CHECK_REL(term_value(t, "w1+"), 0.1497807161327628, 1e-15);
  CHECK_REL(term_value(t, "dE_total/dw2"), 0.000877135468948693, 1e-15);
  CHECK_REL(term_value(t, "dE_total/dw3"), 0.0004977127352608599, 1e-15);
  CHECK_REL(term_value(t, "dE_total/dw4"), 0.0009954254705217198, 1e-15);
}

TEST_CASE("the shared biases' gradients are the sums of the per-neuron ones", "[classic]") {
  const bp::Trace shared = bp::build_trace(bp::classic_config());
  bp::Config per_neuron_config = bp::classic_config();
  per_neuron_config.network.shared_bias = false;
  const bp::Trace per_neuron = bp::build_trace(per_neuron_config);
  CHECK_REL(term_value(per_neuron, "dE_total/db_h1"), 0.00877135468948693, 1e-15);
  CHECK_REL(term_value(per_neuron, "dE_total/db_h2"), 0.009954254705217196, 1e-15);
  CHECK_REL(term_value(per_neuron, "dE_total/db_o1"), 0.13849856162855695, 1e-15);
  CHECK_REL(term_value(per_neuron, "dE_total/db_o2"), -0.038098236516556236, 1e-15);
  CHECK_REL(term_value(shared, "dE_total/db1"), 0.00877135468948693 + 0.009954254705217196, 1e-15);
  CHECK_REL(term_value(shared, "dE_total/db2"), 0.13849856162855695 + -0.038098236516556236, 1e-15);
}

TEST_CASE("E_total after one update matches the table, biases frozen and trained", "[classic]") {
  const bp::Trace frozen = bp::build_trace(bp::classic_config());
  CHECK_REL(term_value(frozen, "E_total+"), 0.29102777369359933, 1e-15);
  CHECK_REL(frozen.E_total_next, 0.29102777369359933, 1e-15);

  bp::Config pytorch = bp::classic_config();
  pytorch.network.shared_bias = false;
  pytorch.train_biases = true;
  const bp::Trace trained = bp::build_trace(pytorch);
  CHECK_REL(term_value(trained, "E_total+"), 0.28047144679143016, 1e-15);
}

TEST_CASE("10,000 updates of the classic example match the table", "[classic][train]") {
  const bp::TrainResult frozen = bp::train(bp::classic_config(), 10000, false);
  REQUIRE(frozen.iterations == 10000);
  const bp::Forward f = bp::forward(frozen.final.network, frozen.final.loss, frozen.final.inputs, frozen.final.targets);
  CHECK_REL(frozen.E_total.back(), 3.510187782978859e-05, 1e-15);
  CHECK_REL(f.out[2][0], 0.01591362044355068, 1e-15);
  CHECK_REL(f.out[2][1], 0.9840642735146238, 1e-15);

  bp::Config pytorch = bp::classic_config();
  pytorch.network.shared_bias = false;
  pytorch.train_biases = true;
  const bp::TrainResult trained = bp::train(pytorch, 10000, false);
  // The table's 2.4475622359322466e-06 came from a script that multiplies
  // the sigmoid's derivative as (g o)(1 - o); PyTorch multiplies g (1 - o) o,
  // as the core does, and gets 2.4475622359322627e-06 (classic_pytorch.json).
  // After 10,000 steps the two orders differ by 6.6e-15 relative.
  CHECK_REL(trained.E_total.back(), 2.4475622359322627e-06, 1e-15);
  CHECK_REL(trained.E_total.back(), 2.4475622359322466e-06, 1e-14);
}

TEST_CASE("the classic example matches PyTorch float64", "[classic][pytorch]") {
  const bp::Value fx = bp::test::fixture("classic_pytorch.json");
  for (const bool trained : {false, true}) {
    const bp::Value& ref = *fx.find(trained ? "biases_trained" : "biases_frozen");
    bp::Config c = bp::classic_config();
    c.network.shared_bias = !trained;
    c.train_biases = trained;
    const bp::Trace t = bp::build_trace(c);
    const auto dW1 = bp::test::numbers(*ref.find("dW1")), dW2 = bp::test::numbers(*ref.find("dW2"));
    for (int w = 1; w <= 4; ++w) CHECK_REL(term_value(t, "dE_total/dw" + std::to_string(w)), dW1[w - 1], 1e-15);
    for (int w = 5; w <= 8; ++w) CHECK_REL(term_value(t, "dE_total/dw" + std::to_string(w)), dW2[w - 5], 1e-15);
    CHECK_REL(t.E_total, ref.find("E_total")->as_number(), 1e-15);
    CHECK_REL(t.E_total_next, ref.find("E_total_after_one")->as_number(), 1e-15);
    const auto db1 = bp::test::numbers(*ref.find("db1")), db2 = bp::test::numbers(*ref.find("db2"));
    CHECK_REL(t.backward.db[1][0], db1[0], 1e-15);
    CHECK_REL(t.backward.db[1][1], db1[1], 1e-15);
    CHECK_REL(t.backward.db[2][0], db2[0], 1e-15);
    CHECK_REL(t.backward.db[2][1], db2[1], 1e-15);

    const bp::Value& after = *ref.find("after");
    const bp::TrainResult r = bp::train(c, 10000, false);
    CHECK_REL(r.E_total.back(), after.find("E_total")->as_number(), 1e-15);
    const auto out_o = bp::test::numbers(*after.find("out_o"));
    const bp::Forward f = bp::forward(r.final.network, r.final.loss, r.final.inputs, r.final.targets);
    CHECK_REL(f.out[2][0], out_o[0], 1e-15);
    CHECK_REL(f.out[2][1], out_o[1], 1e-15);
  }
}

TEST_CASE("a learning rate that makes training diverge stops it on the last finite state", "[train]") {
  // One linear neuron, E = 1/2 w^2: w <- w - 10 w = -9 w, so w^2 overflows after about 160 updates.
  bp::Config c;
  c.network.inputs = 1;
  bp::Layer layer;
  layer.activation = bp::Activation::linear;
  layer.W = Eigen::MatrixXd::Constant(1, 1, 1.0);
  layer.b = Eigen::VectorXd::Zero(1);
  c.network.layers = {layer};
  c.inputs = Eigen::VectorXd::Ones(1);
  c.targets = Eigen::VectorXd::Zero(1);
  c.learning_rate = 10;
  const bp::TrainResult r = bp::train(c, 1000, true);
  REQUIRE(r.diverged_at > 150);
  CHECK(r.iterations == r.diverged_at - 1);
  // The kept state is, to the last bit, the one a run of exactly that many updates ends on.
  const bp::TrainResult shorter = bp::train(c, r.iterations, false);
  CHECK(shorter.diverged_at == -1);
  CHECK(r.final.network.layers[0].W(0, 0) == shorter.final.network.layers[0].W(0, 0));
  CHECK(std::abs(r.final.network.layers[0].W(0, 0)) > 1e150);
  CHECK(std::isfinite(r.E_total.back()));
  CHECK(r.E_total.size() == static_cast<std::size_t>(r.iterations + 1));

  // A rate that overflows a weight itself (not only the error).
  c.learning_rate = 1e308;
  const bp::TrainResult big = bp::train(c, 10, false);
  CHECK(big.diverged_at >= 1);
  CHECK(bp::finite_parameters(big.final.network));
}
