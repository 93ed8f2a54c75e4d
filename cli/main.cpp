// backprop: the trace of one gradient-descent iteration, or a training run,
// for the classic example or a network described in a JSON file.
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <string>

#include "api/api.hpp"
#include "base/error.hpp"
#include "base/read.hpp"
#include "formats.hpp"
#include "train/stop.hpp"
#include "base/value.hpp"
#include "losses/loss.hpp"
#include "nn/config.hpp"
#include "nn/names.hpp"
#include "optim/optimizer.hpp"

namespace {

// The losses and optimizers it names come from the core's tables.
std::string names(const std::vector<std::string>& list) {
  std::string out;
  for (std::size_t i = 0; i < list.size(); ++i) out += (i == 0 ? "" : i + 1 == list.size() ? " or " : ", ") + list[i];
  return out;
}

std::string usage() {
  return
    "usage: backprop [options] [network.json]\n"
    "\n"
    "Prints every chain-rule term of one gradient-descent iteration of the\n"
    "network (the classic 2-2-2 example when no file is given).\n"
    "\n"
    "options:\n"
    "  --format F        table (default), markdown, latex, csv or json\n"
    "  --iterations N    train N iterations and print E_total and the outputs\n"
    "  --history         with --iterations: print E_total after every iteration\n"
    "  --train-biases    one bias per neuron, trained (as PyTorch's nn.Linear)\n"
    "  --loss NAME       " + names(bp::loss_names()) + "\n"
    "  --digits D        significant digits in the formulas (1-17, default 9)\n"
    "  --optimizer JSON  with --iterations or --export-pytorch: the optimizer, as\n"
    "                    '{\"kind\": \"adam\", \"lr\": 0.01}' (default: SGD with the\n"
    "                    network's learning rate); kinds:\n"
    "                    " + names(bp::optimizer_names()) + "\n"
    "  --export-pytorch  print a PyTorch script that trains the same way\n"
    "                    (--iterations, default 10000) and prints E_total\n"
    "  --print-config    print the network's config as JSON (a starting point\n"
    "                    for a file of your own)\n"
    "  -h, --help        this help\n";
}

int fail(const std::string& message) {
  std::cerr << "backprop: " << message << "\n";
  return 2;
}

// A network file is a few kilobytes (at most 8 layers of 32 neurons): more
// than this is not one (or never ends, as /dev/zero).
constexpr std::size_t max_file_bytes = 4 * 1024 * 1024;

bp::Value read_config(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::string text;
  char buffer[65536];
  while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
    text.append(buffer, static_cast<std::size_t>(in.gcount()));
    if (text.size() > max_file_bytes) {
      throw std::runtime_error(path + " is larger than 4 MB: a network file is a few kilobytes (see --print-config)");
    }
  }
  if (in.bad()) throw std::runtime_error("cannot read " + path);
  return bp::Value::parse_json(text);
}

std::string train_report(const bp::Value& result, const std::string& format, bool history) {
  if (format == "json") return result.to_json(2) + "\n";
  const auto& E = result.find("E_total")->as_numbers();
  std::string out;
  if (history) {
    out += format == "csv" ? "iteration,E_total\n" : "iteration  E_total\n";
    for (std::size_t i = 0; i < E.size(); ++i) {
      out += std::to_string(i) + (format == "csv" ? "," : "  ") + bp::shortest(E[i]) + "\n";
    }
    return out;
  }
  out += "iterations  " + bp::shortest(result.find("iterations")->as_number()) + "\n";
  if (!E.empty()) {
    out += "E_total     " + bp::shortest(E.front()) + " -> " + bp::shortest(E.back()) + "\n";
  }
  const auto& outputs = result.find("outputs")->items();
  for (std::size_t k = 0; k < outputs.size(); ++k) {
    out += bp::ids::out(bp::ids::output_node(static_cast<Eigen::Index>(k))) + "      " + bp::shortest(outputs[k].as_number()) + "\n";
  }
  if (!result.find("diverged_at")->is_null()) {
    // The core's message for the reason (core/train/stop.hpp), steps being iterations here.
    bp::Stop stop;
    stop.at = static_cast<long>(result.find("diverged_at")->as_number());
    stop.reason = result.find("stop_reason")->as_string();
    out += bp::stop_message(stop) + "\n";
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  std::string format = "table", file, loss, iterations, digits, optimizer;
  bool train_biases = false, history = false, print_config = false, export_pytorch = false;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    auto next = [&](std::string& into) {
      if (i + 1 >= argc) throw std::runtime_error(arg + " needs a value");
      into = argv[++i];
    };
    try {
      if (arg == "-h" || arg == "--help") {
        std::cout << usage();
        return 0;
      } else if (arg == "--format") {
        next(format);
      } else if (arg == "--iterations") {
        next(iterations);
      } else if (arg == "--loss") {
        next(loss);
      } else if (arg == "--digits") {
        next(digits);
      } else if (arg == "--optimizer") {
        next(optimizer);
      } else if (arg == "--export-pytorch") {
        export_pytorch = true;
      } else if (arg == "--train-biases") {
        train_biases = true;
      } else if (arg == "--history") {
        history = true;
      } else if (arg == "--print-config") {
        print_config = true;
      } else if (!arg.empty() && arg[0] == '-') {
        return fail("unknown option " + arg + "\n" + usage());
      } else if (file.empty()) {
        file = arg;
      } else {
        return fail("only one network file, please");
      }
    } catch (const std::exception& e) {
      return fail(e.what());
    }
  }
  if (format != "table" && format != "markdown" && format != "latex" && format != "csv" && format != "json") {
    return fail("unknown format " + format + " (use table, markdown, latex, csv or json)");
  }

  try {
    bp::Value config = file.empty() ? bp::api::classic() : read_config(file);
    if (train_biases) {
      bp::Value options = bp::Value::object();
      options.set("train_biases", true);
      config = bp::api::bias_mode(config, options);
    }
    if (!loss.empty() && config.is_object()) config.set("loss", loss);
    if (print_config) {
      std::cout << config.to_json(2) << "\n";
      return 0;
    }
    if (export_pytorch || (!iterations.empty() && !optimizer.empty())) {
      bp::Value spec = bp::Value::object();
      spec.set("network", config);
      if (!optimizer.empty()) spec.set("optimizer", bp::Value::parse_json(optimizer));
      spec.set("iterations", iterations.empty() ? "10000" : iterations);
      if (export_pytorch) {
        std::cout << bp::api::training_export(spec).find("script")->as_string();
        return 0;
      }
      bp::Value run = bp::api::training_run(spec);
      bp::Value report = bp::Value::object();
      report.set("iterations", *run.find("state")->find("iteration"));
      report.set("E_total", *run.find("E_total"));
      bp::Value outputs = bp::Value::array();
      for (double o : (*run.find("outputs"))[0].as_numbers()) outputs.push(o);
      report.set("outputs", outputs);
      report.set("diverged_at", *run.find("diverged_at"));
      report.set("stop_reason", *run.find("stop_reason"));
      report.set("final", *run.find("network"));
      std::cout << train_report(report, format, history);
      return 0;
    }
    if (!iterations.empty()) {
      bp::Value options = bp::Value::object();
      options.set("iterations", iterations);
      options.set("history", history);
      std::cout << train_report(bp::api::train(config, options), format, history);
      return 0;
    }
    // The trace as bp::api::trace makes it: the table renders its formulas
    // as plain text, the other formats read the page's Value.
    const bp::Config c = bp::config_from_value(config);
    const int d = digits.empty() ? 9 : static_cast<int>(bp::read_integer(bp::Value(digits), "digits", 1, 17));
    bp::Trace t = bp::build_trace(c, d);
    if (format == "table") {
      std::cout << cli::format_table(t);
      return 0;
    }
    const bp::Value trace = bp::trace_to_value(std::move(t), c);
    if (format == "json") std::cout << trace.to_json(2) << "\n";
    else if (format == "markdown") std::cout << cli::format_markdown(trace);
    else if (format == "latex") std::cout << cli::format_latex(trace);
    else std::cout << cli::format_csv(trace);
    return 0;
  } catch (const std::exception& e) {
    return fail(e.what());
  }
}
