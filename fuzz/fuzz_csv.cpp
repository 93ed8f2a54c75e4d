// libFuzzer target: the CSV reader (Train on my own data). The first byte
// picks the number of inputs and targets (1-4 each), the rest is the text.
// A bp::Error is the expected answer to bad input; anything else is a bug.
#include <cstddef>
#include <cstdint>
#include <string>

#include "train/csv.hpp"
#include "base/error.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const long inputs = 1 + (data[0] & 3), targets = 1 + ((data[0] >> 2) & 3);
  try {
    bp::parse_csv(std::string(reinterpret_cast<const char*>(data + 1), size - 1), inputs, targets);
  } catch (const bp::Error&) {
  }
  return 0;
}
