// The playground's chain rule for any weight: the trace of one example on a
// random three-layer network, for every hidden activation and each of the
// playground's outputs and losses, against PyTorch
// (tests/fixtures/playground_trace_pytorch.py) to 1e-12 — every term of the
// chain of a random weight and of a random bias, and every other term of the
// trace PyTorch names.
#include <map>
#include <set>

#include "api/api.hpp"
#include "fixtures.hpp"
#include "support.hpp"

namespace {

struct Traced {
  std::map<std::string, double> values;                    // id -> value
  std::map<std::string, std::vector<std::string>> chains;  // param -> ids
};

Traced traced(const bp::Value& network) {
  const bp::Value trace = bp::api::trace(network, bp::Value());
  Traced out;
  std::vector<std::string> ids;
  for (const auto& t : trace.find("terms")->items()) {
    ids.push_back(t.find("id")->as_string());
    out.values[ids.back()] = t.find("value")->as_number();
  }
  for (const auto& c : trace.find("chains")->items()) {
    auto& chain = out.chains[c.find("param")->as_string()];
    for (double place : c.find("terms")->as_numbers()) chain.push_back(ids.at(static_cast<std::size_t>(place)));
  }
  return out;
}

}  // namespace

TEST_CASE("the chain of a random weight and bias on one example equals PyTorch's, every factor", "[playground][trace][pytorch]") {
  const bp::Value fixture = bp::test::fixture("playground_trace_pytorch.json");
  std::set<std::string> activations, losses;
  for (const auto& c : fixture.find("cases")->items()) {
    INFO(c.find("name")->as_string());
    const bp::Value& torch = *c.find("values");
    const Traced t = traced(*c.find("network"));
    for (const char* key : {"weight", "bias"}) {
      const std::string param = c.find(key)->as_string();
      INFO(param);
      REQUIRE(t.chains.count(param) == 1);
      const auto& chain = t.chains.at(param);
      // The chain ends with the parameter's gradient and its update.
      REQUIRE(chain.size() >= 2);
      CHECK(chain[chain.size() - 2] == "dE_total/d" + param);
      CHECK(chain.back() == param + "+");
      for (const auto& id : chain) {
        INFO(id);
        const bp::Value* expected = torch.find(id);
        REQUIRE(expected != nullptr);
        CHECK_REL(t.values.at(id), expected->as_number(), 1e-12);
      }
    }
    // Every term of the trace: each one PyTorch names too, with its value.
    for (const auto& [id, value] : t.values) {
      INFO(id);
      const bp::Value* expected = torch.find(id);
      REQUIRE(expected != nullptr);
      CHECK_REL(value, expected->as_number(), 1e-12);
    }
    for (const auto& a : c.find("network")->find("activations")->items()) activations.insert(a.as_string());
    losses.insert(c.find("network")->find("loss")->as_string());
  }
  CHECK(activations == std::set<std::string>{"sigmoid", "tanh", "relu", "linear", "leaky_relu", "silu", "gelu", "softmax"});
  CHECK(losses == std::set<std::string>{"half_sse", "bce", "ce", "mse"});
}
