// The plain text of a descriptor's LaTeX: the few commands the activations'
// and the losses' formulas use, read as a terminal shows them.
#include <cctype>
#include <utility>
#include <vector>

#include "trace/formula.hpp"

namespace bp {

namespace {

const std::vector<std::pair<std::string, std::string>>& commands() {
  static const std::vector<std::pair<std::string, std::string>> table = {
      {"\\cdot", "·"},   {"\\times", "×"},  {"\\partial", "∂"}, {"\\eta", "η"},   {"\\beta", "β"},
      {"\\varepsilon", "ε"}, {"\\sigma", "σ"}, {"\\sum", "Σ"},   {"\\ge", "≥"},     {"\\quad", "  "},
      {"\\log", "log"},  {"\\tanh", "tanh"}, {"\\max", "max"},  {"\\left", ""},    {"\\right", ""},
      {"\\,", " "},      {"\\mathbb", ""},  {"\\mathit", ""},   {"\\operatorname", ""},
  };
  return table;
}

class Converter {
 public:
  explicit Converter(const std::string& s) : s_(s) {}

  std::string run() {
    std::string out;
    while (pos_ < s_.size()) out += item();
    return out;
  }

 private:
  // The text of a {group}, or of the single next item.
  std::string argument() {
    if (pos_ < s_.size() && s_[pos_] == '{') {
      ++pos_;
      std::string out;
      while (pos_ < s_.size() && s_[pos_] != '}') out += item();
      ++pos_;
      return out;
    }
    return item();
  }

  // Whether a numerator, denominator or exponent reads right without parentheses.
  static bool simple(const std::string& t) {
    for (char c : t) {
      if (c == ' ' || c == '+' || c == '-' || c == '/' || c == '(') return false;
    }
    return true;
  }

  std::string item() {
    const char c = s_[pos_];
    if (c == plain_open) {
      // An argument, plain text already.
      const std::size_t end = s_.find(plain_close, pos_);
      const std::size_t stop = end == std::string::npos ? s_.size() : end;
      std::string out = s_.substr(pos_ + 1, stop - pos_ - 1);
      pos_ = end == std::string::npos ? s_.size() : end + 1;
      return out;
    }
    if (c == '{') return argument();
    if (c == '_' || c == '^') {
      ++pos_;
      const std::string arg = argument();
      if (c == '^') {
        if (arg == "+") return "⁺";
        if (arg == "2") return "²";
        return simple(arg) ? "^" + arg : "^(" + arg + ")";
      }
      bool digits = !arg.empty();
      for (char d : arg) digits = digits && std::isdigit(static_cast<unsigned char>(d));
      return digits ? arg : "_" + arg;
    }
    if (c != '\\') {
      ++pos_;
      return std::string(1, c);
    }
    for (const char* frac : {"\\tfrac", "\\frac"}) {
      if (s_.compare(pos_, std::string(frac).size(), frac) == 0) {
        pos_ += std::string(frac).size();
        const std::string num = argument(), den = argument();
        return (simple(num) ? num : "(" + num + ")") + "/" + (simple(den) ? den : "(" + den + ")");
      }
    }
    for (const auto& [command, text] : commands()) {
      const bool letters = std::isalpha(static_cast<unsigned char>(command.back()));
      if (s_.compare(pos_, command.size(), command) == 0 &&
          !(letters && pos_ + command.size() < s_.size() &&
            std::isalpha(static_cast<unsigned char>(s_[pos_ + command.size()])))) {
        pos_ += command.size();
        if (command == "\\partial") {
          while (pos_ < s_.size() && s_[pos_] == ' ') ++pos_;
        }
        return text;
      }
    }
    // Any other command reads as its name: \sqrt as sqrt, \pi as pi.
    ++pos_;
    return pos_ < s_.size() ? std::string(1, s_[pos_++]) : "";
  }

  const std::string& s_;
  std::size_t pos_ = 0;
};

}  // namespace

std::string plain_of_tex(const std::string& tex) { return Converter(tex).run(); }

}  // namespace bp
