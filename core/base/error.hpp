// The one error type the core throws for bad input.
//
// Every error has a stable `code` (the message catalog's key on the page), the
// `field` it concerns (a name as shown on the page, such as "w5" or
// "learning_rate", or a path such as "layers[1]"), and named parameters for
// the message. what() is the English message, for the CLI and for JS Error.
#pragma once

#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace bp {

using Params = std::vector<std::pair<std::string, std::string>>;

class Error : public std::invalid_argument {
 public:
  Error(std::string code, std::string field, Params params = {});

  const std::string& code() const { return code_; }
  const std::string& field() const { return field_; }
  const Params& params() const { return params_; }

 private:
  std::string code_;
  std::string field_;
  Params params_;
};

// The English template of each error code, with {field} and {name}
// placeholders. The page's catalog has the same keys under "error.".
const std::vector<std::pair<std::string, std::string>>& error_templates();

// Throws "unknown_choice" for a value that is none of `choices`, listing them.
[[noreturn]] void throw_unknown_choice(const std::string& field, const std::string& value,
                                       const std::vector<std::string>& choices);

// Fills a template's {placeholders} from field and params.
std::string format_message(const std::string& code, const std::string& field, const Params& params);

}  // namespace bp
