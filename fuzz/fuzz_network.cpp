// libFuzzer target: the network-file reader. Any bytes, read as the CLI reads
// a network file (JSON, then the config's checks), then traced and trained a
// few steps. A bp::Error is the expected answer to bad input; anything else
// (a crash, another exception, a sanitizer report) is a bug.
#include <cstddef>
#include <cstdint>
#include <string>

#include "api/api.hpp"
#include "base/error.hpp"
#include "base/value.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  try {
    const bp::Value config = bp::Value::parse_json(std::string(reinterpret_cast<const char*>(data), size));
    bp::api::trace(config, bp::Value());
    bp::Value options = bp::Value::object();
    options.set("iterations", 3.0);
    bp::api::train(config, options);
  } catch (const bp::Error&) {
  }
  return 0;
}
