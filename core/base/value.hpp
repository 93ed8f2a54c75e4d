// A small document type: null, boolean, number, string, array, object.
//
// It is the core's one exchange format. The CLI reads and writes it as JSON;
// the wasm bindings convert it to and from plain JS values. Objects keep the
// order in which their members were added, so JSON output is stable.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace bp {

class Value {
 public:
  // `numbers` is an array of numbers held as doubles: long series (a loss
  // history, a trajectory, a grid) built and handed over without a Value
  // per number. In JSON it is an ordinary array.
  enum class Type { null, boolean, number, string, array, object, numbers };
  using Members = std::vector<std::pair<std::string, Value>>;

  Value() = default;
  Value(std::nullptr_t) {}
  Value(bool b) : type_(Type::boolean), bool_(b) {}
  Value(double x) : type_(Type::number), number_(x) {}
  Value(int x) : type_(Type::number), number_(x) {}
  Value(long x) : type_(Type::number), number_(static_cast<double>(x)) {}
  Value(unsigned long x) : type_(Type::number), number_(static_cast<double>(x)) {}
  Value(std::string s) : type_(Type::string), string_(std::move(s)) {}
  Value(const char* s) : type_(Type::string), string_(s) {}
  static Value array() { return Value(Type::array); }
  static Value numbers(std::vector<double> values) {
    Value v(Type::numbers);
    v.numbers_ = std::move(values);
    return v;
  }
  static Value object() { return Value(Type::object); }
  // A step or iteration number, or null where there is none (negative).
  static Value index_or_null(long i) { return i < 0 ? Value() : Value(static_cast<double>(i)); }
  template <class T>
  static Value array_of(const T& items) {
    Value a = array();
    for (const auto& item : items) a.push(Value(item));
    return a;
  }

  Type type() const { return type_; }
  bool is_null() const { return type_ == Type::null; }
  bool is_bool() const { return type_ == Type::boolean; }
  bool is_number() const { return type_ == Type::number; }
  bool is_string() const { return type_ == Type::string; }
  bool is_array() const { return type_ == Type::array; }
  bool is_numbers() const { return type_ == Type::numbers; }
  bool is_object() const { return type_ == Type::object; }

  bool as_bool() const { return bool_; }
  double as_number() const { return number_; }
  const std::string& as_string() const { return string_; }
  const std::vector<Value>& items() const { return items_; }
  const std::vector<double>& as_numbers() const { return numbers_; }
  const Members& members() const { return members_; }
  std::size_t size() const {
    return type_ == Type::object ? members_.size() : (type_ == Type::numbers ? numbers_.size() : items_.size());
  }

  // Arrays.
  Value& push(Value v);
  const Value& operator[](std::size_t i) const { return items_[i]; }
  Value& operator[](std::size_t i) { return items_[i]; }

  // Objects: find returns nullptr when the key is absent; set adds or replaces.
  const Value* find(std::string_view key) const;
  Value* find(std::string_view key);
  Value& set(const std::string& key, Value v);

  // JSON. indent < 0 writes one line. Numbers are written in the shortest
  // form that reads back exactly; NaN and infinities, which JSON cannot
  // hold, are written as null.
  //
  // With `numbers`, each number is appended to it instead and the text holds
  // its index there, and a numbers Value is written {"__f64": "start:length"},
  // its place in it: the wasm bindings hand the numbers over as a
  // Float64Array, exact and without formatting.
  std::string to_json(int indent = -1, std::vector<double>* numbers = nullptr) const;
  // Standard JSON (RFC 8259). Throws bp::Error("json_syntax") with line and
  // column on malformed text. With `numbers`, each number in the text is an
  // index into it (the other direction of to_json's numbers).
  static Value parse_json(std::string_view text, const std::vector<double>* numbers = nullptr);

 private:
  explicit Value(Type t) : type_(t) {}
  void write(std::string& out, int indent, int depth, std::vector<double>* numbers) const;

  Type type_ = Type::null;
  bool bool_ = false;
  double number_ = 0;
  std::string string_;
  std::vector<Value> items_;
  std::vector<double> numbers_;
  Members members_;
};

// The shortest decimal text that reads back as exactly x, laid out as
// JavaScript's String(x) (decimal.hpp).
std::string shortest(double x);

}  // namespace bp
