#include "train/stop.hpp"

namespace bp {

const std::vector<std::pair<std::string, std::string>>& stop_templates() {
  static const std::vector<std::pair<std::string, std::string>> templates = {
      {"start", "stopped at the start: the loss there is not a finite number"},
      {"diverged", "diverged at step {step}: the learning rate is too large"},
      {"gradient", "stopped at step {step}: the gradient before it was not a finite number"},
      {"undefined", "stopped at step {step}: f is not defined there"},
  };
  return templates;
}

std::string stop_message(const Stop& s) {
  for (const auto& [reason, text] : stop_templates()) {
    if (reason != s.reason) continue;
    std::string out = text;
    const std::string slot = "{step}";
    if (const auto at = out.find(slot); at != std::string::npos) out.replace(at, slot.size(), std::to_string(s.at));
    return out;
  }
  return "";
}

}  // namespace bp
