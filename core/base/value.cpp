#include "base/value.hpp"

#include <cmath>

#include "base/decimal.hpp"

namespace bp {

Value& Value::push(Value v) {
  if (!is_array()) data_ = Items{};
  Items& items = std::get<Items>(data_);
  items.push_back(std::move(v));
  return items.back();
}

const Value* Value::find(std::string_view key) const {
  for (const auto& [name, value] : members()) {
    if (name == key) return &value;
  }
  return nullptr;
}

Value* Value::find(std::string_view key) {
  if (!is_object()) return nullptr;
  for (auto& [name, value] : std::get<Members>(data_)) {
    if (name == key) return &value;
  }
  return nullptr;
}

Value& Value::set(const std::string& key, Value v) {
  if (!is_object()) data_ = Members{};
  Members& members = std::get<Members>(data_);
  for (auto& [name, value] : members) {
    if (name == key) {
      value = std::move(v);
      return value;
    }
  }
  members.emplace_back(key, std::move(v));
  return members.back().second;
}

std::string shortest(double x) { return decimal::shortest(x); }

namespace {

void write_string(std::string& out, const std::string& s) {
  out += '"';
  for (unsigned char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20) {
          // \u00XX, lowercase hex as printf's %04x writes it.
          const char* const hex = "0123456789abcdef";
          out += "\\u00";
          out += hex[c >> 4];
          out += hex[c & 15];
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  out += '"';
}

void newline(std::string& out, int indent, int depth) {
  if (indent < 0) return;
  out += '\n';
  out.append(static_cast<std::size_t>(indent * depth), ' ');
}

}  // namespace

void Value::write(std::string& out, int indent, int depth) const {
  switch (type()) {
    case Type::null: out += "null"; break;
    case Type::boolean: out += as_bool() ? "true" : "false"; break;
    case Type::number: out += std::isfinite(as_number()) ? shortest(as_number()) : "null"; break;
    case Type::string: write_string(out, as_string()); break;
    case Type::numbers: {
      const std::vector<double>& all = as_numbers();
      out += '[';
      for (std::size_t i = 0; i < all.size(); ++i) {
        if (i) out += ',';
        out += std::isfinite(all[i]) ? shortest(all[i]) : "null";
      }
      out += ']';
      break;
    }
    case Type::array: {
      const std::vector<Value>& list = items();
      out += '[';
      for (std::size_t i = 0; i < list.size(); ++i) {
        if (i) out += ',';
        newline(out, indent, depth + 1);
        list[i].write(out, indent, depth + 1);
      }
      if (!list.empty()) newline(out, indent, depth);
      out += ']';
      break;
    }
    case Type::object: {
      const Members& list = members();
      out += '{';
      for (std::size_t i = 0; i < list.size(); ++i) {
        if (i) out += ',';
        newline(out, indent, depth + 1);
        write_string(out, list[i].first);
        out += indent < 0 ? ":" : ": ";
        list[i].second.write(out, indent, depth + 1);
      }
      if (!list.empty()) newline(out, indent, depth);
      out += '}';
      break;
    }
  }
}

std::string Value::to_json(int indent) const {
  std::string out;
  write(out, indent, 0);
  return out;
}


}  // namespace bp
