#include "base/error.hpp"

namespace bp {

Error::Error(std::string code, std::string field, Params params)
    : std::invalid_argument(format_message(code, field, params)),
      code_(std::move(code)),
      field_(std::move(field)),
      params_(std::move(params)) {}

const std::vector<std::pair<std::string, std::string>>& error_templates() {
  static const std::vector<std::pair<std::string, std::string>> templates = {
      {"empty", "{field} is empty: enter a number"},
      {"not_a_number", "{field}: \"{value}\" is not a number"},
      {"not_finite", "{field} must be a finite number (got {value})"},
      {"expected_number", "{field} must be a number"},
      {"expected_array", "{field} must be a list"},
      {"expected_object", "{field} must be an object with named settings"},
      {"expected_string", "{field} must be a text value"},
      {"expected_boolean", "{field} must be true or false"},
      {"expected_integer", "{field} must be a whole number (got {value})"},
      {"wrong_length", "{field} must have {expected} entries, not {actual}"},
      {"too_few", "{field} needs at least {min} entries (got {actual})"},
      {"too_many", "{field} allows at most {max} entries (got {actual})"},
      {"out_of_range", "{field} must be between {min} and {max} (got {value})"},
      {"not_positive", "{field} must be greater than 0 (got {value})"},
      {"negative", "{field} must not be negative (got {value})"},
      {"unknown_key", "{field} is not a known setting"},
      {"unknown_choice", "{field}: \"{value}\" is not one of {choices}"},
      {"missing", "{field} is missing"},
      {"softmax_not_output", "{field}: softmax is only available on the output layer"},
      {"loss_needs_activation", "the {loss} loss needs a {activation} output layer"},
      {"targets_sum", "{field} of a cross-entropy must be probabilities that sum to 1 (they sum to {value})"},
      {"out_of_range_open", "{field} must be at least {min} and less than {max} (got {value})"},
      {"not_a_setting_of", "{field} is not a setting of {kind}"},
      {"setting_of_form", "{field} is a setting of momentum with \"form\": \"{form}\" only"},
      {"nesterov_needs_momentum", "{field}: Nesterov momentum needs a momentum above 0 and no dampening"},
      {"expr_empty", "the function is empty: type an expression in x and y"},
      {"expr_unexpected", "position {position}: unexpected \"{text}\""},
      {"expr_expected_operand", "position {position}: expected a number, x, y, a function or \"(\""},
      {"expr_expected_operator", "position {position}: expected an operator (+ - * / ^) or the end"},
      {"expr_unclosed", "position {position}: this \"(\" is never closed"},
      {"expr_unknown_name",
       "position {position}: unknown name \"{name}\" (use x, y, pi, e, sin, cos, exp, log, sqrt, abs, tanh)"},
      {"expr_needs_parenthesis", "position {position}: \"{name}\" needs its argument in parentheses"},
      {"expr_too_long", "the function is too long (at most {max} characters)"},
      {"expr_too_deep", "position {position}: the function is nested too deeply"},
      {"csv_empty", "no data: paste rows of numbers, the inputs then the targets"},
      {"csv_columns", "line {line}: expected {expected} numbers ({inputs} inputs and {targets} targets), found {actual}"},
      {"csv_not_a_number", "line {line}, column {column}: \"{value}\" is not a number"},
      {"csv_not_finite", "line {line}, column {column}: {value} is not a finite number"},
      {"csv_outside", "line {line}: the point ({x}, {y}) is outside the plane (x and y from -6 to 6)"},
      {"csv_class", "line {line}: the class must be a whole number from 0 to {max} (got {value})"},
      {"points_item", "the points' item {item}, \"{value}\", is not x,y,label, d<n> (remove point n) or m<n>,x,y (move it)"},
      {"points_index", "the points' item {item}: there is no generated point {index} ({count} were made, numbered from 0)"},
      {"points_twice", "the points' item {item}: point {index} is already removed or moved"},
      {"points_outside", "the points' item {item}: ({x}, {y}) is outside the plane (x and y from -6 to 6)"},
      {"points_class", "the points' item {item}: the class must be a whole number from 0 to {max} (got {value})"},
      {"json_syntax", "invalid JSON at line {line}, column {column}: {detail}"},
  };
  return templates;
}

void throw_unknown_choice(const std::string& field, const std::string& value, const std::vector<std::string>& choices) {
  std::string list;
  for (const auto& c : choices) list += (list.empty() ? "" : ", ") + c;
  throw Error("unknown_choice", field, {{"value", value}, {"choices", list}});
}

std::string format_message(const std::string& code, const std::string& field, const Params& params) {
  std::string text = code;
  for (const auto& [key, tmpl] : error_templates()) {
    if (key == code) {
      text = tmpl;
      break;
    }
  }
  auto substitute = [&text](const std::string& name, const std::string& value) {
    const std::string slot = "{" + name + "}";
    for (std::size_t at = text.find(slot); at != std::string::npos; at = text.find(slot, at + value.size())) {
      text.replace(at, slot.size(), value);
    }
  };
  substitute("field", field);
  for (const auto& [name, value] : params) substitute(name, value);
  return text;
}

}  // namespace bp
