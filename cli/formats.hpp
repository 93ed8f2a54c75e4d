// The trace (as the core's Value) printed for teachers: a plain-text table,
// Markdown, LaTeX, CSV or JSON. Values are written in full, in the shortest
// form that reads back exactly.
#pragma once

#include <string>

#include "base/value.hpp"
#include "trace/trace.hpp"

namespace cli {

// The table's formulas are the core's plain text (Trace::plain); the other
// formats write its LaTeX (the Value's symbol, formula and numbers).
std::string format_table(const bp::Trace& trace);
std::string format_markdown(const bp::Value& trace);
std::string format_latex(const bp::Value& trace);
std::string format_csv(const bp::Value& trace);

}  // namespace cli
