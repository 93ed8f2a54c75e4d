// Reading settings out of a Value, with a readable bp::Error naming the
// field when a value is missing, of the wrong type, not a finite number or
// out of range. A number may arrive as a number or as the text a student
// typed ("0.5", " 1e-3 ", "−2" with a Unicode minus).
#pragma once

#include <initializer_list>
#include <string>
#include <vector>

#include "base/value.hpp"

namespace bp {

// Parses typed text as a finite number; throws "empty", "not_a_number" or
// "not_finite".
double parse_number(const std::string& text, const std::string& field);

double read_number(const Value& v, const std::string& field);
double read_positive(const Value& v, const std::string& field);         // > 0
double read_non_negative(const Value& v, const std::string& field);     // >= 0
double read_in_range(const Value& v, const std::string& field, double min, double max);  // [min, max]
long read_integer(const Value& v, const std::string& field, long min, long max);
bool read_bool(const Value& v, const std::string& field);
const std::string& read_string(const Value& v, const std::string& field);
// An array; with expected >= 0, of exactly that length.
const std::vector<Value>& read_array(const Value& v, const std::string& field, long expected = -1);
void require_object(const Value& v, const std::string& field);
// Throws "unknown_key" for a member not in `allowed`.
void check_keys(const Value& object, const std::string& field, std::initializer_list<const char*> allowed);
void check_keys(const Value& object, const std::string& field, const std::vector<std::string>& allowed);

// The member `key` of an object, or nullptr.
inline const Value* member(const Value& object, const char* key) { return object.find(key); }

// "field.key" or "key" when field is empty.
std::string join_field(const std::string& field, const std::string& key);

}  // namespace bp
