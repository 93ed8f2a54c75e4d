// The stepper's exercise mode: the mistakes a term can be answered with, and
// the check of a typed answer (core/exercise/).
#include "api/api.hpp"

#include "base/error.hpp"
#include "base/read.hpp"
#include "exercise/answer.hpp"
#include "exercise/mistakes.hpp"
#include "nn/config.hpp"
#include "trace/trace.hpp"

namespace bp::api {

namespace {
struct Asked {
  Config config;
  Trace trace;
  std::size_t index = 0;
};

Asked asked(const Value& spec, std::initializer_list<const char*> keys) {
  require_object(spec, "");
  check_keys(spec, "", keys);
  const Value* config = member(spec, "config");
  if (!config) throw Error("missing", "config");
  const Value* term = member(spec, "term");
  if (!term) throw Error("missing", "term");
  const std::string& id = read_string(*term, "term");
  Asked a;
  a.config = config_from_value(*config);
  a.trace = build_trace(a.config, 9);
  for (std::size_t i = 0; i < a.trace.terms.size(); ++i) {
    if (a.trace.terms[i].id == id) {
      a.index = i;
      return a;
    }
  }
  std::vector<std::string> ids;
  for (const Term& t : a.trace.terms) ids.push_back(t.id);
  throw_unknown_choice("term", id, ids);
}
}  // namespace

Value exercise_mistakes(const Value& spec) {
  const Asked a = asked(spec, {"config", "term"});
  Value list = Value::array();
  for (const exercise::MistakeValue& m : exercise::mistakes_for(a.trace, a.config, a.index)) {
    Value item = Value::object();
    item.set("id", m.id);
    item.set("value", m.value);
    list.push(std::move(item));
  }
  Value v = Value::object();
  v.set("term", a.trace.terms[a.index].id);
  v.set("value", a.trace.terms[a.index].value);
  v.set("mistakes", std::move(list));
  return v;
}

Value exercise_check(const Value& spec) {
  const Asked a = asked(spec, {"config", "term", "answer"});
  const Value* answer = member(spec, "answer");
  if (!answer) throw Error("missing", "answer");
  const std::string& text = read_string(*answer, "answer");
  const double right = a.trace.terms[a.index].value;
  const exercise::Check c =
      exercise::check_answer(text, right, exercise::mistakes_for(a.trace, a.config, a.index));
  Value v = Value::object();
  v.set("verdict", exercise::verdict_name(c.verdict));
  v.set("mistake", c.mistake.empty() ? Value() : Value(c.mistake));
  v.set("digits", static_cast<double>(c.digits));
  v.set("min_digits", static_cast<double>(exercise::min_digits));
  // The value only once it is found.
  v.set("value", c.verdict == exercise::Verdict::right ? Value(right) : Value());
  return v;
}

Value exercise_mistake_ids() {
  Value v = Value::array();
  for (const std::string& id : exercise::mistake_ids()) v.push(id);
  return v;
}

}  // namespace bp::api
