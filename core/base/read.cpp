#include "base/read.hpp"

#include <cmath>
#include <cstdlib>

#include "base/error.hpp"

namespace bp {

double parse_number(const std::string& text, const std::string& field) {
  std::string s;
  for (std::size_t i = 0; i < text.size(); ++i) {
    // U+2212 MINUS SIGN, as the page prints negative numbers, reads as '-'.
    if (text.compare(i, 3, "\xE2\x88\x92") == 0) {
      s += '-';
      i += 2;
    } else {
      s += text[i];
    }
  }
  const auto first = s.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) throw Error("empty", field);
  s = s.substr(first, s.find_last_not_of(" \t\r\n") - first + 1);
  if (s == "NaN" || s == "Infinity" || s == "-Infinity" || s == "+Infinity") {
    throw Error("not_finite", field, {{"value", s}});
  }
  // Decimal notation only: strtod alone would also take "nan", "inf" and hex.
  const bool plain = s.find_first_not_of("0123456789+-.eE") == std::string::npos;
  char* end = nullptr;
  const double x = plain ? std::strtod(s.c_str(), &end) : 0.0;
  if (!plain || end == s.c_str() || *end != '\0') throw Error("not_a_number", field, {{"value", text}});
  if (!std::isfinite(x)) throw Error("not_finite", field, {{"value", s}});
  return x;
}

double read_number(const Value& v, const std::string& field) {
  if (v.is_string()) return parse_number(v.as_string(), field);
  if (!v.is_number()) throw Error("expected_number", field);
  const double x = v.as_number();
  if (!std::isfinite(x)) throw Error("not_finite", field, {{"value", shortest(x)}});
  return x;
}

double read_positive(const Value& v, const std::string& field) {
  const double x = read_number(v, field);
  if (!(x > 0)) throw Error("not_positive", field, {{"value", shortest(x)}});
  return x;
}

double read_non_negative(const Value& v, const std::string& field) {
  const double x = read_number(v, field);
  if (x < 0) throw Error("negative", field, {{"value", shortest(x)}});
  return x;
}

double read_in_range(const Value& v, const std::string& field, double min, double max) {
  const double x = read_number(v, field);
  if (x < min || x > max) {
    throw Error("out_of_range", field, {{"min", shortest(min)}, {"max", shortest(max)}, {"value", shortest(x)}});
  }
  return x;
}

long read_integer(const Value& v, const std::string& field, long min, long max) {
  const double x = read_number(v, field);
  if (x != std::floor(x)) throw Error("expected_integer", field, {{"value", shortest(x)}});
  if (x < static_cast<double>(min) || x > static_cast<double>(max)) {
    throw Error("out_of_range", field,
                {{"min", std::to_string(min)}, {"max", std::to_string(max)}, {"value", shortest(x)}});
  }
  return static_cast<long>(x);
}

bool read_bool(const Value& v, const std::string& field) {
  if (!v.is_bool()) throw Error("expected_boolean", field);
  return v.as_bool();
}

const std::string& read_string(const Value& v, const std::string& field) {
  if (!v.is_string()) throw Error("expected_string", field);
  return v.as_string();
}

const std::vector<Value>& read_array(const Value& v, const std::string& field, long expected) {
  if (!v.is_array()) throw Error("expected_array", field);
  if (expected >= 0 && static_cast<long>(v.size()) != expected) {
    throw Error("wrong_length", field, {{"expected", std::to_string(expected)}, {"actual", std::to_string(v.size())}});
  }
  return v.items();
}

void require_object(const Value& v, const std::string& field) {
  if (!v.is_object()) throw Error("expected_object", field);
}

void check_keys(const Value& object, const std::string& field, std::initializer_list<const char*> allowed) {
  for (const auto& [key, value] : object.members()) {
    bool known = false;
    for (const char* name : allowed) known = known || key == name;
    if (!known) throw Error("unknown_key", join_field(field, key));
  }
}

void check_keys(const Value& object, const std::string& field, const std::vector<std::string>& allowed) {
  for (const auto& [key, value] : object.members()) {
    bool known = false;
    for (const std::string& name : allowed) known = known || key == name;
    if (!known) throw Error("unknown_key", join_field(field, key));
  }
}

std::string join_field(const std::string& field, const std::string& key) {
  return field.empty() ? key : field + "." + key;
}

}  // namespace bp
