// The exercise mode's catalog of mistakes (core/exercise/mistakes.cpp) against
// the same mistakes made in PyTorch (tests/fixtures/mistakes_pytorch.py), and
// the check of a typed answer (core/exercise/answer.cpp).
#include <algorithm>
#include <cmath>

#include "api/api.hpp"
#include "base/decimal.hpp"
#include "base/error.hpp"
#include "exercise/answer.hpp"
#include "exercise/mistakes.hpp"
#include "fixtures.hpp"
#include "nn/config.hpp"
#include "support.hpp"

using bp::exercise::check_answer;
using bp::exercise::MistakeValue;
using bp::exercise::mistakes_for;
using bp::exercise::read_answer;
using bp::exercise::Verdict;

namespace {
const bp::Value& get(const bp::Value& object, const char* key) {
  static const bp::Value none;
  const bp::Value* v = object.find(key);
  return v ? *v : none;
}

std::size_t place(const bp::Trace& t, const std::string& id) {
  for (std::size_t i = 0; i < t.terms.size(); ++i) {
    if (t.terms[i].id == id) return i;
  }
  FAIL("no term with id " << id);
  return 0;
}

std::vector<MistakeValue> mistakes(const bp::Config& c, const std::string& term) {
  const bp::Trace t = bp::build_trace(c);
  return mistakes_for(t, c, place(t, term));
}

bool listed(const std::vector<MistakeValue>& list, const std::string& id, double value) {
  return std::any_of(list.begin(), list.end(), [&](const MistakeValue& m) {
    return m.id == id && bp::test::close(m.value, value, 1e-12, 1e-300);
  });
}
}  // namespace

TEST_CASE("each catalogued mistake comes to what PyTorch computes when it is made", "[mistakes]") {
  const bp::Value fixture = bp::test::fixture("mistakes_pytorch.json");
  std::vector<std::string> seen;
  for (const bp::Value& c : get(fixture, "cases").items()) {
    const bp::Config config = bp::config_from_value(get(c, "network"));
    const bp::Trace t = bp::build_trace(config);
    for (const bp::Value& e : get(c, "expected").items()) {
      const std::string term = get(e, "term").as_string(), id = get(e, "mistake").as_string();
      const double value = get(e, "value").as_number();
      const std::size_t at = place(t, term);
      // The right value agrees with torch's too.
      CHECK(bp::test::close(t.terms[at].value, get(c, "right").find(term)[0].as_number(), 1e-12, 1e-300));
      const std::vector<MistakeValue> list = mistakes_for(t, config, at);
      INFO(get(c, "name").as_string() << ": " << term << " with " << id << " = " << value);
      CHECK(listed(list, id, value));
      seen.push_back(id);
    }
  }
  // Every mistake of the catalog is among them.
  for (const std::string& id : bp::exercise::mistake_ids()) {
    INFO(id);
    CHECK(std::find(seen.begin(), seen.end(), id) != seen.end());
  }
}

TEST_CASE("the classic example's hints read like the page", "[mistakes]") {
  const bp::Config c = bp::classic_config();
  // dE_total/dw5 = 0.082167041: with the sign flipped, without σ′.
  const auto dw5 = mistakes(c, "dE_total/dw5");
  CHECK(listed(dw5, "sign_dE_dout", -0.08216704056423077));
  CHECK(listed(dw5, "sigma_prime_dropped", 0.7413650695523157 * 0.5932699921071872));
  // w5+ = 0.35891648: without η, w5 − ∂E/∂w5 = 0.317832959, or ∂E/∂w5 itself.
  const auto w5 = mistakes(c, "w5+");
  CHECK(listed(w5, "eta_not_applied", 0.4 - 0.08216704056423077));
  CHECK(listed(w5, "eta_not_applied", 0.08216704056423077));
  // dnet_o1/dout_h1 is w5 before the update (0.40), not w5+.
  CHECK(listed(mistakes(c, "dnet_o1/dout_h1"), "updated_weight", 0.35891647971788465));
  // dE_total/dout_h1 = 0.0363503 without one of its two paths: 0.055399425 or −0.019049119.
  const auto dh1 = mistakes(c, "dE_total/dout_h1");
  CHECK(listed(dh1, "path_left_out", -0.019049118258278393));
  CHECK(listed(dh1, "path_left_out", 0.05539942465142279));
  // A term no mistake reaches has no hint: the forward pass.
  CHECK(mistakes(c, "net_h1").empty());
  CHECK(mistakes(c, "out_o1").empty());
}

TEST_CASE("a mistake whose value is the right one to 1e-3 is not listed", "[mistakes]") {
  // A hidden layer's σ′ at 1: tanh with net 0 has σ′(net) = 1, so dropping it there changes nothing;
  // dropping every σ′ (the output's too) does, once.
  bp::Config c = bp::classic_config();
  c.network.layers[0].activation = bp::Activation::tanh;
  c.network.layers[0].W.setZero();
  c.network.layers[0].b.setZero();
  const bp::Trace t = bp::build_trace(c);
  const auto list = mistakes_for(t, c, place(t, "dE_total/dw1"));
  CHECK(std::count_if(list.begin(), list.end(), [](const MistakeValue& m) { return m.id == "sigma_prime_dropped"; }) == 1);
  for (const MistakeValue& m : list) {
    CHECK_FALSE(bp::test::close(m.value, bp::test::term_value(t, "dE_total/dw1"), 1e-3));
  }
}

TEST_CASE("a typed answer counts its significant digits", "[mistakes][answer]") {
  CHECK(read_answer("0.0822").digits == 3);
  CHECK(read_answer("0.08216704").digits == 7);
  CHECK(read_answer("1.50e-3").digits == 3);
  CHECK(read_answer("100").digits == 3);
  CHECK(read_answer("0.080").digits == 2);
  CHECK(read_answer("−0.0822").value == -0.0822);
  CHECK(read_answer(" +0.0822 ").value == 0.0822);
  CHECK(read_answer("0,0822").value == 0.0822);
  CHECK(read_answer("0.0822").unit == Approx(1e-4));
  CHECK(read_answer("8.22E-2").unit == Approx(1e-4));
  for (const char* text : {"", " ", "abc", "0.08.2", "1,000,5", "1e", "e5", "--1", "0x1p3", "1e999", "NaN", "inf", "1 2"}) {
    INFO(text);
    CHECK_FALSE(read_answer(text).number);
  }
}

TEST_CASE("an answer is right to the digits given, 1e-3 relative at the loosest", "[mistakes][answer]") {
  const double dw5 = 0.08216704056423077;
  const std::vector<MistakeValue> none;
  CHECK(check_answer("0.0822", dw5, none).verdict == Verdict::right);       // rounded
  CHECK(check_answer("0.0821", dw5, none).verdict == Verdict::right);       // cut
  CHECK(check_answer("0.08216704", dw5, none).verdict == Verdict::right);
  CHECK(check_answer("8.2167E-2", dw5, none).verdict == Verdict::right);
  CHECK(check_answer("0,082167", dw5, none).verdict == Verdict::right);
  CHECK(check_answer("0.0823", dw5, none).verdict == Verdict::wrong);       // 1.6e-3 off
  CHECK(check_answer("0.082180", dw5, none).verdict == Verdict::wrong);     // one unit is 1e-6
  CHECK(check_answer("0.082", dw5, none).verdict == Verdict::too_few_digits);
  CHECK(check_answer("0.08", dw5, none).verdict == Verdict::too_few_digits);
  CHECK(check_answer("0.08", dw5, none).digits == 1);
  CHECK(check_answer("x", dw5, none).verdict == Verdict::not_a_number);
  // 1.004 to three digits is 1.00: 4e-3 off, looser than 1e-3, so more digits are needed.
  CHECK(check_answer("1.00", 1.004, none).verdict == Verdict::wrong);
  CHECK(check_answer("1.004", 1.004, none).verdict == Verdict::right);
  // U+2212 and '-' alike.
  CHECK(check_answer("\xE2\x88\x92" "0.0822", -dw5, none).verdict == Verdict::right);
  CHECK(check_answer("-0.0822", -dw5, none).verdict == Verdict::right);
  CHECK(check_answer("0.0822", -dw5, none).verdict == Verdict::wrong);
}

TEST_CASE("a wrong answer that is a catalogued mistake names it; a right one never does", "[mistakes][answer]") {
  const bp::Config c = bp::classic_config();
  const bp::Trace t = bp::build_trace(c);
  const std::size_t at = place(t, "dE_total/dw5");
  const auto list = mistakes_for(t, c, at);
  const auto sign = check_answer("−0.0822", t.terms[at].value, list);
  CHECK(sign.verdict == Verdict::mistake);
  CHECK(sign.mistake == "sign_dE_dout");
  CHECK(check_answer("0.440", t.terms[at].value, list).mistake == "sigma_prime_dropped");
  CHECK(check_answer("0.0822", t.terms[at].value, list).verdict == Verdict::right);
  CHECK(check_answer("0.0822", t.terms[at].value, list).mistake.empty());
  CHECK(check_answer("0.123", t.terms[at].value, list).verdict == Verdict::wrong);
  // Every listed mistake, typed with 6 digits, gets its own hint.
  for (std::size_t i = 0; i < t.terms.size(); ++i) {
    for (const MistakeValue& m : mistakes_for(t, c, i)) {
      const auto check = check_answer(bp::decimal::general(m.value, 6), t.terms[i].value, mistakes_for(t, c, i));
      INFO(t.terms[i].id << " " << m.id << " " << m.value);
      CHECK(check.verdict == Verdict::mistake);
    }
  }
}

TEST_CASE("the API checks an answer and refuses a term that does not exist", "[mistakes][answer]") {
  const bp::Value config = bp::api::classic();
  bp::Value spec = bp::Value::object();
  spec.set("config", config);
  spec.set("term", "dE_total/dw5");
  spec.set("answer", "\xE2\x88\x92" "0.0821670");
  bp::Value v = bp::api::exercise_check(spec);
  CHECK(get(v, "verdict").as_string() == "mistake");
  CHECK(get(v, "mistake").as_string() == "sign_dE_dout");
  CHECK(get(v, "value").is_null());
  spec.set("answer", "0.08216704");
  v = bp::api::exercise_check(spec);
  CHECK(get(v, "verdict").as_string() == "right");
  CHECK(get(v, "value").as_number() == 0.08216704056423077);
  spec.set("term", "dE_total/dw9");
  try {
    bp::api::exercise_check(spec);
    FAIL("no error");
  } catch (const bp::Error& e) {
    CHECK(e.code() == "unknown_choice");
    CHECK(e.field() == "term");
  }
  bp::Value m = bp::Value::object();
  m.set("config", config);
  m.set("term", "w5+");
  const bp::Value list = bp::api::exercise_mistakes(m);
  CHECK(get(list, "value").as_number() == Approx(0.35891647971788465));
  CHECK(get(list, "mistakes").size() >= 2);
}
