#include "base/value.hpp"

#include <cmath>

#include "base/decimal.hpp"

namespace bp {

Value& Value::push(Value v) {
  items_.push_back(std::move(v));
  return items_.back();
}

const Value* Value::find(std::string_view key) const {
  for (const auto& [name, value] : members_) {
    if (name == key) return &value;
  }
  return nullptr;
}

Value* Value::find(std::string_view key) {
  for (auto& [name, value] : members_) {
    if (name == key) return &value;
  }
  return nullptr;
}

Value& Value::set(const std::string& key, Value v) {
  for (auto& [name, value] : members_) {
    if (name == key) {
      value = std::move(v);
      return value;
    }
  }
  members_.emplace_back(key, std::move(v));
  return members_.back().second;
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

void Value::write(std::string& out, int indent, int depth, std::vector<double>* numbers) const {
  switch (type_) {
    case Type::null: out += "null"; break;
    case Type::boolean: out += bool_ ? "true" : "false"; break;
    case Type::number:
      if (numbers) {
        out += std::to_string(numbers->size());
        numbers->push_back(number_);
      } else {
        out += std::isfinite(number_) ? shortest(number_) : "null";
      }
      break;
    case Type::string: write_string(out, string_); break;
    case Type::numbers: {
      if (numbers) {
        out += "{\"__f64\":\"" + std::to_string(numbers->size()) + ":" + std::to_string(numbers_.size()) + "\"}";
        numbers->insert(numbers->end(), numbers_.begin(), numbers_.end());
        break;
      }
      out += '[';
      for (std::size_t i = 0; i < numbers_.size(); ++i) {
        if (i) out += ',';
        out += std::isfinite(numbers_[i]) ? shortest(numbers_[i]) : "null";
      }
      out += ']';
      break;
    }
    case Type::array: {
      out += '[';
      for (std::size_t i = 0; i < items_.size(); ++i) {
        if (i) out += ',';
        newline(out, indent, depth + 1);
        items_[i].write(out, indent, depth + 1, numbers);
      }
      if (!items_.empty()) newline(out, indent, depth);
      out += ']';
      break;
    }
    case Type::object: {
      out += '{';
      for (std::size_t i = 0; i < members_.size(); ++i) {
        if (i) out += ',';
        newline(out, indent, depth + 1);
        write_string(out, members_[i].first);
        out += indent < 0 ? ":" : ": ";
        members_[i].second.write(out, indent, depth + 1, numbers);
      }
      if (!members_.empty()) newline(out, indent, depth);
      out += '}';
      break;
    }
  }
}

std::string Value::to_json(int indent, std::vector<double>* numbers) const {
  std::string out;
  write(out, indent, 0, numbers);
  return out;
}


}  // namespace bp
