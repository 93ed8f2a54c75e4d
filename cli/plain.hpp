// The trace's LaTeX as plain text for a terminal: \frac{\partial E_{total}}
// {\partial w_{5}} reads ∂E_total/∂w5, \cdot reads ·, and so on.
#pragma once

#include <string>

namespace cli {

std::string latex_to_text(const std::string& latex);

}  // namespace cli
