// A small document type: null, boolean, number, string, array, object.
//
// It is the core's one exchange format. The CLI reads and writes it as JSON;
// the wasm bindings convert it to and from plain JS values. Objects keep the
// order in which their members were added, so JSON output is stable.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <variant>
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
  Value(bool b) : data_(b) {}
  Value(double x) : data_(x) {}
  Value(int x) : data_(static_cast<double>(x)) {}
  Value(long x) : data_(static_cast<double>(x)) {}
  Value(unsigned long x) : data_(static_cast<double>(x)) {}
  Value(std::string s) : data_(std::move(s)) {}
  Value(const char* s) : data_(std::string(s)) {}
  static Value array() { return Value(Items{}); }
  static Value array(std::vector<Value> items) { return Value(std::move(items)); }
  static Value numbers(std::vector<double> values) { return Value(std::move(values)); }
  static Value object() { return Value(Members{}); }
  // An object of these members, in this order (keys unique): built at once,
  // where many objects of the same keys are made.
  static Value object(Members members) { return Value(std::move(members)); }
  // A step or iteration number, or null where there is none (negative).
  static Value index_or_null(long i) { return i < 0 ? Value() : Value(static_cast<double>(i)); }
  template <class T>
  static Value array_of(const T& items) {
    Value a = array();
    for (const auto& item : items) a.push(Value(item));
    return a;
  }

  // The variant's alternatives are in the order of Type.
  Type type() const { return static_cast<Type>(data_.index()); }
  bool is_null() const { return type() == Type::null; }
  bool is_bool() const { return type() == Type::boolean; }
  bool is_number() const { return type() == Type::number; }
  bool is_string() const { return type() == Type::string; }
  bool is_array() const { return type() == Type::array; }
  bool is_numbers() const { return type() == Type::numbers; }
  bool is_object() const { return type() == Type::object; }

  // Each is its type's value, or that type's empty one for a Value of another type.
  bool as_bool() const { return holds<bool>(); }
  double as_number() const { return holds<double>(); }
  const std::string& as_string() const { return holds<std::string>(); }
  const std::vector<Value>& items() const { return holds<Items>(); }
  const std::vector<double>& as_numbers() const { return holds<Numbers>(); }
  const Members& members() const { return holds<Members>(); }
  std::size_t size() const {
    switch (type()) {
      case Type::object: return members().size();
      case Type::numbers: return as_numbers().size();
      default: return items().size();
    }
  }

  // Arrays.
  Value& push(Value v);
  const Value& operator[](std::size_t i) const { return items()[i]; }
  Value& operator[](std::size_t i) { return std::get<Items>(data_)[i]; }

  // Objects: find returns nullptr when the key is absent; set adds or replaces.
  const Value* find(std::string_view key) const;
  Value* find(std::string_view key);
  Value& set(const std::string& key, Value v);

  // JSON. indent < 0 writes one line. Numbers are written in the shortest
  // form that reads back exactly; NaN and infinities, which JSON cannot
  // hold, are written as null.
  std::string to_json(int indent = -1) const;
  // Standard JSON (RFC 8259). Throws bp::Error("json_syntax") with line and
  // column on malformed text.
  static Value parse_json(std::string_view text);

 private:
  using Items = std::vector<Value>;
  using Numbers = std::vector<double>;
  explicit Value(Items items) : data_(std::move(items)) {}
  explicit Value(Numbers numbers) : data_(std::move(numbers)) {}
  explicit Value(Members members) : data_(std::move(members)) {}
  template <class T>
  const T& holds() const {
    static const T empty{};
    const T* p = std::get_if<T>(&data_);
    return p ? *p : empty;
  }
  void write(std::string& out, int indent, int depth) const;

  // One alternative per Type, in its order: a Value is as large as its
  // largest alternative (a string), not the sum of them all.
  std::variant<std::monostate, bool, double, std::string, Items, Members, Numbers> data_;
};

// The shortest decimal text that reads back as exactly x, laid out as
// JavaScript's String(x) (decimal.hpp).
std::string shortest(double x);

}  // namespace bp
