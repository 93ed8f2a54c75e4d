#include "formats.hpp"

namespace cli {

namespace {

const std::string& str(const bp::Value& term, const char* key) { return term.find(key)->as_string(); }
double number(const bp::Value& term, const char* key) { return term.find(key)->as_number(); }

// Display width of UTF-8 text (one column per code point).
std::size_t width(const std::string& s) {
  std::size_t w = 0;
  for (unsigned char c : s) w += (c & 0xC0) != 0x80;
  return w;
}

std::string pad(const std::string& s, std::size_t w) { return s + std::string(w > width(s) ? w - width(s) : 0, ' '); }

std::string replace_all(std::string s, const std::string& from, const std::string& to) {
  for (auto at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size())) s.replace(at, from.size(), to);
  return s;
}

}  // namespace

std::string format_table(const bp::Trace& trace) {
  std::size_t id_w = 2, value_w = 5;
  for (const auto& t : trace.terms) {
    id_w = std::max(id_w, width(t.id));
    value_w = std::max(value_w, bp::shortest(t.value).size());
  }
  std::string out = pad("#", 4) + pad("phase", 9) + pad("id", id_w + 2) + pad("value", value_w + 2) + "formula\n";
  std::string phase;
  int index = 1;
  for (const auto& t : trace.terms) {
    if (bp::phase_name(t.phase) != phase) {
      phase = bp::phase_name(t.phase);
      if (index > 1) out += "\n";
    }
    const bp::FormulaText plain = trace.plain(t);
    out += pad(std::to_string(index++), 4) + pad(phase, 9) + pad(t.id, id_w + 2) +
           pad(bp::shortest(t.value), value_w + 2) + plain.symbol + " = " + plain.formula + " = " + plain.numbers + "\n";
  }
  return out;
}

std::string format_markdown(const bp::Value& trace) {
  // A '|' inside a cell would end it: LaTeX reads \vert the same way.
  auto cell = [](const std::string& latex) {
    return "$" + replace_all(latex, "|", "\\vert ") + "$";
  };
  std::string out = "| # | phase | id | term | value |\n|---|---|---|---|---|\n";
  int index = 1;
  for (const auto& t : trace.find("terms")->items()) {
    out += "| " + std::to_string(index++) + " | " + str(t, "phase") + " | `" + str(t, "id") + "` | " +
           cell(str(t, "symbol") + " = " + str(t, "formula") + " = " + str(t, "numbers")) + " | " +
           bp::shortest(number(t, "value")) + " |\n";
  }
  return out;
}

std::string format_latex(const bp::Value& trace) {
  std::string out, phase;
  for (const auto& t : trace.find("terms")->items()) {
    if (str(t, "phase") != phase) {
      if (!phase.empty()) out += "\\end{align*}\n\n";
      phase = str(t, "phase");
      out += "% " + phase + "\n\\begin{align*}\n";
    } else {
      out += "\\\\[4pt]\n";
    }
    out += str(t, "symbol") + " &= " + str(t, "formula") + " \\\\\n  &= " + str(t, "numbers") + " = " +
           bp::shortest(number(t, "value")) + "\n";
  }
  if (!phase.empty()) out += "\\end{align*}\n";
  return out;
}

std::string format_csv(const bp::Value& trace) {
  auto quote = [](const std::string& s) { return "\"" + replace_all(s, "\"", "\"\"") + "\""; };
  std::string out = "index,phase,id,kind,param,value,symbol,formula,numbers\n";
  int index = 1;
  for (const auto& t : trace.find("terms")->items()) {
    out += std::to_string(index++) + "," + str(t, "phase") + "," + quote(str(t, "id")) + "," + str(t, "kind") + "," +
           str(t, "param") + "," + bp::shortest(number(t, "value")) + "," + quote(str(t, "symbol")) + "," +
           quote(str(t, "formula")) + "," + quote(str(t, "numbers")) + "\n";
  }
  return out;
}

}  // namespace cli
