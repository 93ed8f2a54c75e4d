// Bad configurations throw a bp::Error naming the field, with a clear message.
#include "api/api.hpp"
#include "base/error.hpp"
#include "support.hpp"

namespace {

bp::Value classic() { return bp::api::classic(); }

// The error a config gives, or a failed check when it gives none.
bp::Error error_of(const bp::Value& config) {
  try {
    bp::config_from_value(config);
  } catch (const bp::Error& e) {
    return e;
  }
  FAIL("no error for " << config.to_json());
  return bp::Error("", "");
}

bp::Value with(bp::Value v, const std::string& key, bp::Value member) {
  v.set(key, std::move(member));
  return v;
}

bp::Value with_weight(bp::Value w5) {
  bp::Value c = classic();
  (*c.find("weights"))[1][0][0] = std::move(w5);
  return c;
}

}  // namespace

TEST_CASE("the classic config reads back as itself", "[config]") {
  const bp::Config c = bp::config_from_value(classic());
  CHECK(c.network.layers.size() == 2);
  CHECK(c.network.layers[1].W(0, 0) == 0.40);
  CHECK(c.network.shared_bias);
  CHECK(bp::config_to_value(c).to_json() == classic().to_json());
}

TEST_CASE("numbers may arrive as typed text", "[config]") {
  const bp::Config c = bp::config_from_value(with_weight(" 4e-1 "));
  CHECK(c.network.layers[1].W(0, 0) == 0.4);
  CHECK(bp::config_from_value(with_weight("\xE2\x88\x92" "0.5")).network.layers[1].W(0, 0) == -0.5);
}

TEST_CASE("a weight that is not a finite number names the weight", "[config]") {
  const bp::Error abc = error_of(with_weight("abc"));
  CHECK(abc.code() == "not_a_number");
  CHECK(abc.field() == "w5");
  CHECK(std::string(abc.what()) == "w5: \"abc\" is not a number");

  const bp::Error nan = error_of(with_weight(bp::Value(std::nan(""))));
  CHECK(nan.code() == "not_finite");
  CHECK(nan.field() == "w5");

  CHECK(error_of(with_weight("")).code() == "empty");
  CHECK(error_of(with_weight("   ")).code() == "empty");
  CHECK(error_of(with_weight("Infinity")).code() == "not_finite");
  CHECK(error_of(with_weight("NaN")).code() == "not_finite");
  CHECK(error_of(with_weight("inf")).code() == "not_a_number");
  CHECK(error_of(with_weight("1e400")).code() == "not_finite");
  CHECK(error_of(with_weight("0x10")).code() == "not_a_number");
  CHECK(error_of(with_weight("1.5.2")).code() == "not_a_number");
  CHECK(error_of(with_weight(bp::Value(true))).code() == "expected_number");
}

TEST_CASE("a wrong input length is reported on inputs", "[config]") {
  bp::Value inputs = bp::Value::array();
  inputs.push(0.05);
  const bp::Error e = error_of(with(classic(), "inputs", inputs));
  CHECK(e.code() == "wrong_length");
  CHECK(e.field() == "inputs");
  CHECK(std::string(e.what()) == "inputs must have 2 entries, not 1");
}

TEST_CASE("an empty layer is refused", "[config]") {
  bp::Value layers = bp::Value::array();
  layers.push(2);
  layers.push(0);
  layers.push(2);
  const bp::Error e = error_of(with(classic(), "layers", layers));
  CHECK(e.code() == "out_of_range");
  CHECK(e.field() == "layers[1]");
  bp::Value one = bp::Value::array();
  one.push(2);
  CHECK(error_of(with(classic(), "layers", one)).code() == "too_few");
}

TEST_CASE("other bad settings", "[config]") {
  CHECK(error_of(with(classic(), "learning_rate", 0.0)).code() == "not_positive");
  CHECK(error_of(with(classic(), "learning_rate", -0.5)).field() == "learning_rate");
  CHECK(error_of(with(classic(), "activations", "swish")).code() == "unknown_choice");
  CHECK(error_of(with(classic(), "loss", "hinge")).code() == "unknown_choice");
  CHECK(error_of(with(classic(), "weigths", 1.0)).code() == "unknown_key");
  CHECK(error_of(with(classic(), "shared_bias", "yes")).code() == "expected_boolean");
  CHECK(error_of(bp::Value("a string")).code() == "expected_object");
  bp::Value targets = bp::Value::array();
  targets.push("0.01");
  targets.push("x");
  CHECK(error_of(with(classic(), "targets", targets)).field() == "target_o2");
  bp::Value biases = bp::Value::array();
  biases.push(0.35);
  biases.push("");
  CHECK(error_of(with(classic(), "biases", biases)).field() == "b2");
}

TEST_CASE("losses that need a particular output layer say so", "[config]") {
  const bp::Error bce = error_of(with(with(classic(), "loss", "ce"), "activations", "sigmoid"));
  CHECK(bce.code() == "loss_needs_activation");
  bp::Value acts = bp::Value::array();
  acts.push("softmax");
  acts.push("softmax");
  CHECK(error_of(with(classic(), "activations", acts)).code() == "softmax_not_output");
  bp::Value targets = bp::Value::array();
  targets.push(0.5);
  targets.push(1.5);
  CHECK(error_of(with(with(classic(), "loss", "bce"), "targets", targets)).field() == "target_o2");
}

TEST_CASE("every error code has an English template", "[config]") {
  const bp::Value codes = bp::api::error_codes();
  for (const char* code : {"empty", "not_a_number", "not_finite", "wrong_length", "unknown_key", "missing",
                           "softmax_not_output", "loss_needs_activation", "json_syntax"}) {
    INFO(code);
    CHECK(codes.find(code) != nullptr);
  }
}
