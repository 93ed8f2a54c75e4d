// Native side of `npm run bench`. It waits on stdin for a case name, runs
// that case once, and answers with the milliseconds it took, so that
// bench/run.mjs can alternate native and wasm runs closely: this machine's
// speed drifts too much for two separate series to be compared.
#include <chrono>
#include <cstdio>
#include <functional>
#include <iostream>
#include <map>
#include <string>

#include "api.hpp"
#include "value.hpp"

int main() {
  volatile double sink = 0;
  // The same calls the page makes, through the Value API.
  const bp::Value classic = bp::api::classic();
  bp::Value train_options = bp::Value::object();
  train_options.set("iterations", 10000);

  const std::map<std::string, std::function<void()>> cases = {
      {"train_classic_10000",
       [&] { sink = sink + bp::api::train(classic, train_options).find("E_total")->items().back().as_number(); }},
      {"trace_classic", [&] { sink = sink + bp::api::trace(classic, bp::Value()).find("E_total")->as_number(); }},
  };

  std::string name;
  while (std::getline(std::cin, name)) {
    const auto it = cases.find(name);
    if (it == cases.end()) {
      std::cout << "unknown case " << name << std::endl;
      continue;
    }
    const auto start = std::chrono::steady_clock::now();
    it->second();
    std::cout << std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count()
              << std::endl;
  }
  return sink == 12345.0;  // keeps the work from being optimised away
}
