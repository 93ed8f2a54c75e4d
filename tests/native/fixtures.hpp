// Reads a fixture from tests/fixtures.
#pragma once

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "base/value.hpp"

namespace bp::test {

inline Value fixture(const std::string& name) {
  std::ifstream in(std::string(FIXTURES_DIR) + "/" + name);
  std::stringstream text;
  text << in.rdbuf();
  return Value::parse_json(text.str());
}

inline std::vector<double> numbers(const Value& array) {
  std::vector<double> out;
  for (const auto& v : array.items()) out.push_back(v.as_number());
  return out;
}

}  // namespace bp::test
