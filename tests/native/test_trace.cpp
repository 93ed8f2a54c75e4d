// The trace of the classic example: its order, its chains, and that its
// terms multiply out.
#include <algorithm>
#include <cmath>
#include <iomanip>
#include <map>

#include "api/api.hpp"
#include "nn/config.hpp"
#include "support.hpp"
#include "nn/names.hpp"
#include "base/tex.hpp"
#include "trace/formulas.hpp"

using bp::test::find_term;
using bp::test::term_value;

namespace {
std::vector<std::string> ids(const bp::Trace& t, bp::Phase phase) {
  std::vector<std::string> out;
  for (const auto& term : t.terms) {
    if (term.phase == phase) out.push_back(term.id);
  }
  return out;
}
}  // namespace

TEST_CASE("the classic trace lists every term in the stepper's order", "[trace]") {
  const bp::Trace t = bp::build_trace(bp::classic_config());
  CHECK(ids(t, bp::Phase::forward) ==
        std::vector<std::string>{"net_h1", "out_h1", "net_h2", "out_h2", "net_o1", "out_o1", "net_o2", "out_o2"});
  CHECK(ids(t, bp::Phase::error) == std::vector<std::string>{"E_o1", "E_o2", "E_total"});
  CHECK(ids(t, bp::Phase::output) == std::vector<std::string>{
                                "dE_total/dout_o1", "dout_o1/dnet_o1", "dnet_o1/dw5", "dE_total/dw5", "w5+",
                                "dnet_o1/dw6", "dE_total/dw6", "w6+",
                                "dE_total/dout_o2", "dout_o2/dnet_o2", "dnet_o2/dw7", "dE_total/dw7", "w7+",
                                "dnet_o2/dw8", "dE_total/dw8", "w8+"});
  const auto hidden = ids(t, bp::Phase::hidden);
  const std::vector<std::string> w1_chain{"dE_o1/dnet_o1",    "dnet_o1/dout_h1", "dE_o1/dout_h1",
                                          "dE_o2/dnet_o2",    "dnet_o2/dout_h1", "dE_o2/dout_h1",
                                          "dE_total/dout_h1", "dout_h1/dnet_h1", "dnet_h1/dw1",
                                          "dE_total/dw1",     "w1+"};
  REQUIRE(hidden.size() >= w1_chain.size());
  CHECK(std::vector<std::string>(hidden.begin(), hidden.begin() + 11) == w1_chain);
  CHECK(ids(t, bp::Phase::bias) == std::vector<std::string>{"dE_total/db1", "dE_total/db2"});
  CHECK(ids(t, bp::Phase::update) == std::vector<std::string>{"E_total+"});
}

TEST_CASE("ids are unique and every dependency is an earlier term", "[trace]") {
  bp::Config c = bp::classic_config();
  c.network.shared_bias = false;
  c.train_biases = true;
  const bp::Trace t = bp::build_trace(c);
  std::map<std::string, std::size_t> index;
  for (std::size_t i = 0; i < t.terms.size(); ++i) {
    INFO(t.terms[i].id);
    CHECK(index.count(t.terms[i].id) == 0);
    index[t.terms[i].id] = i;
    for (std::size_t dep : t.terms[i].deps) {
      REQUIRE(dep < i);
      INFO("depends on " << t.terms[dep].id);
      REQUIRE(index.count(t.terms[dep].id) == 1);
    }
  }
  CHECK(index.count("b_h1+") == 1);
  CHECK(index.count("b_o2+") == 1);
  CHECK(index.count("dE_total/db_o1") == 1);
}

TEST_CASE("each dE_total/dw equals the product of its chain's factors", "[trace]") {
  const bp::Trace t = bp::build_trace(bp::classic_config());
  for (int w = 5; w <= 8; ++w) {
    const int o = w <= 6 ? 1 : 2;
    const std::string h = (w % 2) ? "h1" : "h2", on = "o" + std::to_string(o);
    const double product = term_value(t, "dE_total/dout_" + on) * term_value(t, "dout_" + on + "/dnet_" + on) *
                           term_value(t, "dnet_" + on + "/dw" + std::to_string(w));
    CHECK_REL(term_value(t, "dE_total/dw" + std::to_string(w)), product, 1e-15);
  }
  for (int w = 1; w <= 4; ++w) {
    const std::string h = w <= 2 ? "h1" : "h2";
    const double product = term_value(t, "dE_total/dout_" + h) * term_value(t, "dout_" + h + "/dnet_" + h) *
                           term_value(t, "dnet_" + h + "/dw" + std::to_string(w));
    CHECK_REL(term_value(t, "dE_total/dw" + std::to_string(w)), product, 1e-15);
  }
  // dE_total/dout_h1 = dE_o1/dout_h1 + dE_o2/dout_h1, each delta times a weight.
  CHECK_REL(term_value(t, "dE_total/dout_h1"), term_value(t, "dE_o1/dout_h1") + term_value(t, "dE_o2/dout_h1"), 1e-15);
  CHECK_REL(term_value(t, "dE_o1/dout_h1"), term_value(t, "dE_o1/dnet_o1") * term_value(t, "dnet_o1/dout_h1"), 1e-15);
  CHECK_REL(term_value(t, "dE_total/db2"), term_value(t, "dE_o1/dnet_o1") + term_value(t, "dE_o2/dnet_o2"), 1e-15);
}

TEST_CASE("the hidden layer uses the original w5 ... w8, not the updated ones", "[trace]") {
  const bp::Trace t = bp::build_trace(bp::classic_config());
  CHECK(term_value(t, "dnet_o1/dout_h1") == 0.40);
  CHECK(term_value(t, "dnet_o2/dout_h1") == 0.50);
  CHECK(term_value(t, "dnet_o1/dout_h2") == 0.45);
  CHECK(term_value(t, "dnet_o2/dout_h2") == 0.55);
  CHECK(term_value(t, "w5+") != 0.40);
  CHECK(find_term(t, "dnet_o1/dout_h1").notes == std::vector<std::string>{"note.original_weight"});
}

TEST_CASE("the chains: w6 reuses w5's first factors, w2 reuses w1's", "[trace]") {
  const bp::Trace t = bp::build_trace(bp::classic_config());
  std::map<std::string, std::vector<std::string>> chains;
  for (const auto& chain : t.chains) chains[chain.param] = t.chain_ids(chain);
  CHECK(chains["w6"] == std::vector<std::string>{"dE_total/dout_o1", "dout_o1/dnet_o1", "dnet_o1/dw6",
                                                 "dE_total/dw6", "w6+"});
  const auto& w2 = chains["w2"];
  // The full chain reaches back to the output layer's factors.
  CHECK(w2.front() == "dE_total/dout_o1");
  CHECK(std::find(w2.begin(), w2.end(), "dE_o1/dnet_o1") != w2.end());
  CHECK(std::find(w2.begin(), w2.end(), "dE_total/dout_h1") != w2.end());
  CHECK(std::find(w2.begin(), w2.end(), "dE_total/dw1") == w2.end());
  CHECK(w2.back() == "w2+");
  for (const char* p : {"w1", "w2", "w3", "w4", "w5", "w6", "w7", "w8", "b1", "b2"}) CHECK(chains.count(p) == 1);
}

TEST_CASE("the formulas with numbers substitute the values", "[trace]") {
  const bp::Trace t = bp::build_trace(bp::classic_config());
  CHECK(bp::test::find_tex(t, "net_h1").numbers == "0.15 \\cdot 0.05 + 0.2 \\cdot 0.1 + 0.35");
  CHECK(bp::test::find_tex(t, "net_h1").formula == "w_{1} \\cdot i_{1} + w_{2} \\cdot i_{2} + b_{1}");
  CHECK(bp::test::find_tex(t, "dE_total/dout_o1").numbers == "-(0.01 - 0.75136507)");
  CHECK(bp::test::find_tex(t, "w7+").numbers == "0.5 - 0.5 \\cdot (-0.0226025405)");
  CHECK(find_term(t, "dE_total/dw5").nodes == std::vector<std::string>{"h1", "o1"});
  CHECK(find_term(t, "dE_total/dw5").edges == std::vector<std::string>{"w5"});
}

TEST_CASE("updates with biases trained move the per-neuron biases", "[trace]") {
  bp::Config c = bp::classic_config();
  c.network.shared_bias = false;
  c.train_biases = true;
  const bp::Trace t = bp::build_trace(c);
  CHECK_REL(term_value(t, "b_o1+"), 0.60 - 0.5 * 0.13849856162855695, 1e-15);
  CHECK_REL(t.next.network.layers[1].b[0], 0.60 - 0.5 * 0.13849856162855695, 1e-15);
  CHECK(t.next.network.layers[0].W(0, 0) == term_value(t, "w1+"));
}

TEST_CASE("a sum is also given broken over lines, one summand a line, for narrow boxes", "[trace]") {
  const bp::Trace t = bp::build_trace(bp::classic_config());
  const auto join = [](const std::vector<std::string>& lines) {
    std::string s;
    for (const auto& line : lines) s += (s.empty() ? "" : " ") + line;
    return s;
  };
  const bp::FormulaText db1 = bp::test::find_tex(t, "dE_total/db1");
  REQUIRE(db1.formula_lines.size() == 2);
  CHECK(db1.formula_lines[1].rfind("+ ", 0) == 0);
  CHECK(join(db1.formula_lines) == db1.formula);
  CHECK(join(db1.numbers_lines) == db1.numbers);
  CHECK(db1.numbers_lines[0] == "0.0363503064 \\cdot 0.241300709 \\cdot 1");
  // net_h1 = w1 i1 + w2 i2 + b1: three summands.
  const bp::FormulaText net = bp::test::find_tex(t, "net_h1");
  CHECK(net.formula_lines.size() == 3);
  CHECK(join(net.numbers_lines) == net.numbers);
  // A product is one line.
  CHECK(bp::test::find_tex(t, "dE_total/dw5").formula_lines.empty());

  // Softmax and cross-entropy: the sum, then its simplification on a line of its own.
  bp::Config c = bp::classic_config();
  c.network.layers.back().activation = bp::Activation::softmax;
  c.loss.kind = bp::LossKind::ce;
  const bp::Trace s = bp::build_trace(c);
  const bp::FormulaText delta = bp::test::find_tex(s, "dE_total/dnet_o1");
  REQUIRE(delta.formula_lines.size() == 3);
  CHECK(delta.formula_lines[2].rfind("= ", 0) == 0);
  CHECK(join(delta.formula_lines) == delta.formula);
  CHECK(delta.numbers_lines.empty());
}

TEST_CASE("the same formulas as plain text, for a terminal", "[trace]") {
  const bp::Trace t = bp::build_trace(bp::classic_config());
  const bp::FormulaText net = t.plain(find_term(t, "net_h1"));
  CHECK(net.symbol == "net_h1");
  CHECK(net.formula == "w1 · i1 + w2 · i2 + b1");
  CHECK(net.numbers == "0.15 · 0.05 + 0.2 · 0.1 + 0.35");
  CHECK(net.numbers_lines == std::vector<std::string>{"0.15 · 0.05", "+ 0.2 · 0.1", "+ 0.35"});
  const bp::FormulaText out = t.plain(find_term(t, "out_h1"));
  CHECK(out.formula == "1/(1 + e^(-net_h1))");
  CHECK(out.numbers == "1/(1 + e^(-0.3775))");
  const bp::FormulaText grad = t.plain(find_term(t, "dE_total/dw5"));
  CHECK(grad.symbol == "∂E_total/∂w5");
  CHECK(grad.formula == "∂E_total/∂out_o1 · ∂out_o1/∂net_o1 · ∂net_o1/∂w5");
  CHECK(grad.numbers == "0.74136507 · 0.186815602 · 0.593269992");
  const bp::FormulaText update = t.plain(find_term(t, "w7+"));
  CHECK(update.symbol == "w7⁺");
  CHECK(update.formula == "w7 - η · ∂E_total/∂w7");
  CHECK(update.numbers == "0.5 - 0.5 · (-0.0226025405)");
  const bp::FormulaText next = t.plain(find_term(t, "E_total+"));
  CHECK(next.symbol == "E_total⁺");
  CHECK(next.formula == "1/2(target_o1 - out_o1⁺)² + 1/2(target_o2 - out_o2⁺)²");

  // Several hidden layers: the symbols read as the ids.
  bp::Value v = bp::api::classic();
  v.set("layers", bp::Value::parse_json("[2, 2, 2, 2]"));
  v.set("activations", "tanh");
  v.set("weights", bp::Value::parse_json("[[[0.1, 0.2], [0.3, 0.4]], [[0.5, 0.6], [0.7, 0.8]], [[0.9, 1.0], [1.1, 1.2]]]"));
  v.set("biases", bp::Value::parse_json("[0.1, 0.2, 0.3]"));
  const bp::Trace deep = bp::build_trace(bp::config_from_value(v));
  const bp::FormulaText h = deep.plain(find_term(deep, "out_h2_1"));
  CHECK(h.symbol == "out_h2_1");
  CHECK(h.formula == "tanh(net_h2_1)");
  CHECK(deep.tex(find_term(deep, "out_h2_1")).formula == "\\tanh(\\mathit{net}_{h_{2,1}})");

  // Numbers with a power of ten.
  CHECK(bp::tex::plain_number(3.51018778e-5, 9) == "3.51018778 × 10^(-5)");
  CHECK(bp::tex::plain_factor(3.51018778e-5, 9) == "(3.51018778 × 10^(-5))");
  CHECK(bp::tex::plain_number(1e21, 9) == "1 × 10^21");
  CHECK(bp::tex::plain_factor(-0.5, 9) == "(-0.5)");
}

TEST_CASE("each term's value_text is its value as the page shows it: 9 digits, as JavaScript writes them", "[trace]") {
  // Number(x.toPrecision(9)).toString(), as node prints it.
  CHECK(bp::value_text(0.08216704056423077, 9) == "0.0821670406");
  CHECK(bp::value_text(-0.02260254047747507, 9) == "-0.0226025405");
  CHECK(bp::value_text(3.510187782978859e-05, 9) == "0.0000351018778");
  CHECK(bp::value_text(3.51e-7, 9) == "3.51e-7");
  CHECK(bp::value_text(0.000001, 9) == "0.000001");
  CHECK(bp::value_text(1e21, 9) == "1e+21");
  CHECK(bp::value_text(1.5e22, 9) == "1.5e+22");
  CHECK(bp::value_text(123456789012, 9) == "123456789000");
  CHECK(bp::value_text(-0.0, 9) == "0");
  CHECK(bp::value_text(0.5, 9) == "0.5");
  CHECK(bp::value_text(9.999999995, 9) == "9.99999999");
  CHECK(bp::value_text(9.999999995, 3) == "10");
  // An exact half rounds away from zero, as toPrecision does (printf would round it to even).
  CHECK(bp::value_text(6.103515625e-05, 9) == "0.0000610351563");
  CHECK(bp::value_text(-6.103515625e-05, 9) == "-0.0000610351563");
  CHECK(bp::value_text(1234567885, 9) == "1234567890");
  CHECK(bp::value_text(6.103515625e-05, 3) == "0.000061");
  CHECK(bp::value_text(std::nan(""), 9) == "NaN");
  CHECK(bp::value_text(-INFINITY, 9) == "-Infinity");

  const bp::Config c = bp::classic_config();
  const bp::Value v = bp::trace_to_value(bp::build_trace(c), c);
  const bp::Value& w5 = (*v.find("terms"))[14];
  CHECK(w5.find("id")->as_string() == "dE_total/dw5");
  CHECK(w5.find("value_text")->as_string() == "0.0821670406");
}

TEST_CASE("term ids are spelled by nn/names: the trace's ids are made of them", "[trace]") {
  CHECK(bp::ids::partial(bp::ids::E_total, bp::ids::out("o1")) == "dE_total/dout_o1");
  CHECK(bp::ids::partial(bp::ids::error("o1"), bp::ids::net("o1")) == "dE_o1/dnet_o1");
  CHECK(bp::ids::gradient("w5") == "dE_total/dw5");
  CHECK(bp::ids::updated("w5") == "w5+");
  CHECK(bp::ids::E_total_next == "E_total+");
  const bp::Names names({2, 3, 3, 2}, true);
  CHECK(names.net_id(1, 0) == "net_h1_1");
  CHECK(names.out_id(0, 1) == "i2");
  CHECK(names.out_id(3, 1) == "out_o2");
  bp::Config c = bp::classic_config();
  const bp::Trace t = bp::build_trace(c);
  for (const auto& chain : t.chains) {
    // Every chain ends with its parameter's gradient, or its update when the parameter is trained.
    const std::string& last = t.terms[chain.terms.back()].id;
    CHECK((last == bp::ids::updated(chain.param) || last == bp::ids::gradient(chain.param)));
  }
}

TEST_CASE("with a softmax output, every weight's chain of an output neuron holds every dE_total/dout term", "[trace]") {
  bp::Value spec = bp::Value::parse_json(R"({"layers": [2, 2, 3], "activations": ["sigmoid", "softmax"], "loss": "ce", "seed": 3})");
  const bp::Config c = bp::config_from_value(bp::api::new_network(spec));
  const bp::Trace t = bp::build_trace(c);
  int checked = 0;
  for (const auto& chain : t.chains) {
    // w5 … w10: the output layer's weights (w1 … w4 are the hidden layer's).
    if (chain.param.size() < 2 || chain.param[0] != 'w' || std::stoi(chain.param.substr(1)) < 5) continue;
    const std::vector<std::string> ids = t.chain_ids(chain);
    INFO(chain.param);
    for (const char* out : {"dE_total/dout_o1", "dE_total/dout_o2", "dE_total/dout_o3"}) {
      CHECK(std::count(ids.begin(), ids.end(), out) == 1);
    }
    // And its own gradient last but one, its update last.
    REQUIRE(ids.size() >= 2);
    CHECK(ids[ids.size() - 2] == "dE_total/d" + chain.param);
    CHECK(ids.back() == chain.param + "+");
    ++checked;
  }
  CHECK(checked == 6);
}
