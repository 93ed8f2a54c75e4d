// The CLI, run as a teacher runs it.
#include <array>
#include <cstdio>
#include <fstream>

#include "support.hpp"

namespace {

struct Run {
  int status;
  std::string out;
};

Run run(const std::string& args) {
  const std::string command = std::string(CLI_PATH) + " " + args + " 2>&1";
  FILE* pipe = popen(command.c_str(), "r");
  REQUIRE(pipe != nullptr);
  std::string out;
  std::array<char, 4096> buffer{};
  while (std::fgets(buffer.data(), buffer.size(), pipe)) out += buffer.data();
  const int status = pclose(pipe);
  return {WEXITSTATUS(status), out};
}

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("the CLI prints the classic trace as a table", "[cli]") {
  const Run r = run("");
  CHECK(r.status == 0);
  CHECK(has(r.out, "dE_total/dw5"));
  CHECK(has(r.out, "0.08216704056423077"));
  CHECK(has(r.out, "∂E_total/∂w5 = ∂E_total/∂out_o1 · ∂out_o1/∂net_o1 · ∂net_o1/∂w5"));
  CHECK(has(r.out, "0.29102777369359933"));
}

TEST_CASE("the CLI's other formats", "[cli]") {
  const Run md = run("--format markdown");
  CHECK(has(md.out, "| # | phase | id | term | value |"));
  CHECK(has(md.out, "`dE_total/dw5`"));
  const Run tex = run("--format latex");
  CHECK(has(tex.out, "\\begin{align*}"));
  CHECK(has(tex.out, "\\frac{\\partial E_{\\mathit{total}}}{\\partial w_{5}} &="));
  const Run csv = run("--format csv");
  CHECK(has(csv.out, "index,phase,id,kind,param,value,symbol,formula,numbers\n"));
  CHECK(has(csv.out, "\"dE_total/dw5\",product,w5,0.08216704056423077,"));
  const Run json = run("--format json");
  const bp::Value v = bp::Value::parse_json(json.out);
  CHECK(v.find("terms")->size() == 56);
}

TEST_CASE("the CLI trains", "[cli]") {
  const Run r = run("--iterations 10000");
  CHECK(r.status == 0);
  CHECK(has(r.out, "E_total     0.2983711087600027 -> 0.00003510187782978859"));
  CHECK(has(r.out, "out_o1      0.01591362044355068"));
  CHECK(has(r.out, "out_o2      0.9840642735146238"));
  const Run biases = run("--iterations 10000 --train-biases");
  CHECK(has(biases.out, "-> 0.0000024475622359322627"));
  const Run history = run("--iterations 3 --history --format csv");
  CHECK(has(history.out, "iteration,E_total\n0,0.2983711087600027\n1,0.29102777369359933\n"));
}

TEST_CASE("the CLI reads a network from a JSON file and reports errors", "[cli]") {
  const std::string path = "cli_test_network.json";
  {
    std::ofstream f(path);
    f << R"({"layers": [1, 1], "activations": "linear", "inputs": [2], "targets": [1],
             "weights": [[[0.5]]], "biases": [[0]], "learning_rate": 0.1})";
  }
  const Run r = run(path);
  CHECK(r.status == 0);
  // E = 1/2 (1 - 0.5 * 2)^2 = 0, so the gradient is 0.
  CHECK(has(r.out, "dE_total/dw1"));
  {
    std::ofstream f(path);
    f << R"({"layers": [1, 1], "activations": "linear", "inputs": ["x"], "targets": [1],
             "weights": [[[0.5]]], "biases": [[0]], "learning_rate": 0.1})";
  }
  const Run bad = run(path);
  CHECK(bad.status == 2);
  CHECK(has(bad.out, "i1: \"x\" is not a number"));
  {
    std::ofstream f(path);
    f << "{\"layers\": [1, 1],\n oops}";
  }
  CHECK(has(run(path).out, "invalid JSON at line 2, column 2"));
  std::remove(path.c_str());
  CHECK(run("--format pdf").status == 2);
  CHECK(has(run("--help").out, "usage: backprop"));
}

TEST_CASE("the CLI's table writes a deeper network's symbols as its ids", "[cli]") {
  const std::string path = "cli_test_deep.json";
  {
    std::ofstream f(path);
    f << R"({"layers": [1, 1, 1, 1], "activations": "tanh", "inputs": [0.5], "targets": [0.25],
             "weights": [[[0.5]], [[-0.5]], [[2]]], "biases": [0, 0, 0], "shared_bias": true, "learning_rate": 0.1})";
  }
  const Run r = run(path);
  CHECK(r.status == 0);
  CHECK(has(r.out, "out_h2_1 = tanh(net_h2_1) = tanh(-0.122459331)"));
  CHECK(has(r.out, "∂E_total/∂out_h1_1 = ∂E_total/∂net_h2_1 · ∂net_h2_1/∂out_h1_1 = (-0.908428867) · (-0.5)"));
  // The LaTeX keeps the page's h_{2,1}.
  CHECK(has(run("--format latex " + path).out, "\\mathit{out}_{h_{2,1}} &= \\tanh(\\mathit{net}_{h_{2,1}})"));
  std::remove(path.c_str());
}

TEST_CASE("the CLI refuses a file larger than a network file can be, with a message", "[cli]") {
  // /dev/zero never ends: the CLI stops at its limit instead of reading until memory runs out.
  const Run zero = run("/dev/zero");
  CHECK(zero.status == 2);
  CHECK(has(zero.out, "backprop: /dev/zero is larger than 4 MB"));
  CHECK_FALSE(has(zero.out, "bad_alloc"));
  const std::string path = "cli_test_large.json";
  {
    std::ofstream f(path);
    f << "[" << std::string(5 * 1024 * 1024, ' ') << "]";
  }
  const Run large = run(path);
  CHECK(large.status == 2);
  CHECK(has(large.out, "cli_test_large.json is larger than 4 MB"));
  std::remove(path.c_str());
}
