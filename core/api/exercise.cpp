// The stepper's exercise mode: the mistakes a term can be answered with, and
// the check of a typed answer (core/exercise/). A tutorial's exercise: the
// value or the choice asked for, computed from a widget's state, and the
// answer checked against it.
#include "api/api.hpp"

#include <cmath>
#include <limits>

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

namespace {
// What an exercise asks for: a number (with the mistakes that reach it), or a
// choice among the race's optimizers (every one that ties is right).
struct Wanted {
  bool choice = false;
  double value = std::numeric_limits<double>::quiet_NaN();
  std::vector<exercise::MistakeValue> mistakes;
  std::vector<std::string> right;    // a choice's right answers; empty: none is
  std::vector<std::string> options;  // a choice's optimizers, in the race's order
};

const Value& race_member(const Value& run, const char* key) { return *member(run, key); }

Wanted compute(const Value& c) {
  require_object(c, "compute");
  Wanted a;
  if (member(c, "term")) {
    check_keys(c, "compute", {"config", "term"});
    const Asked t = asked(c, {"config", "term"});
    a.value = t.trace.terms[t.index].value;
    a.mistakes = exercise::mistakes_for(t.trace, t.config, t.index);
    return a;
  }
  if (const Value* spec = member(c, "loss")) {
    check_keys(c, "compute", {"loss"});
    a.value = read_number(*loss(*spec).find("value"), "compute.loss");
    return a;
  }
  const Value* spec = member(c, "race");
  if (!spec) throw Error("missing", "compute.term");
  const Value out = race(*spec);
  const std::vector<Value>& runs = out.find("runs")->items();
  const long steps = read_integer(*member(*spec, "steps"), "steps", 0, 100000);
  if (const Value* id = member(c, "optimizer")) {
    check_keys(c, "compute", {"race", "optimizer", "at"});
    const std::string& name = read_string(*id, "compute.optimizer");
    const Value* at = member(c, "at");
    if (!at) throw Error("missing", "compute.at");
    const std::string& coordinate = read_string(*at, "compute.at");
    if (coordinate != "x" && coordinate != "y" && coordinate != "loss")
      throw_unknown_choice("compute.at", coordinate, {"x", "y", "loss"});
    std::vector<std::string> ids;
    for (const Value& run : runs) {
      ids.push_back(race_member(run, "id").as_string());
      if (ids.back() != name) continue;
      const std::vector<double>& series = race_member(run, coordinate.c_str()).as_numbers();
      // A run that stopped before the last step has no value there.
      if (static_cast<long>(series.size()) == steps + 1) a.value = series.back();
      return a;
    }
    throw_unknown_choice("compute.optimizer", name, ids);
  }
  check_keys(c, "compute", {"race", "choose", "below"});
  const Value* choose = member(c, "choose");
  if (!choose) throw Error("missing", "compute.choose");
  const std::string& how = read_string(*choose, "compute.choose");
  a.choice = true;
  for (const Value& run : runs) a.options.push_back(race_member(run, "id").as_string());
  if (how == "first_below") {
    const Value* below = member(c, "below");
    if (!below) throw Error("missing", "compute.below");
    const double level = read_number(*below, "compute.below");
    // The first step whose loss is below the level; the earliest wins.
    long best = steps + 1;
    for (const Value& run : runs) {
      const std::vector<double>& loss = race_member(run, "loss").as_numbers();
      long k = 0;
      while (k < static_cast<long>(loss.size()) && !(loss[k] < level)) ++k;
      if (k == static_cast<long>(loss.size())) continue;
      if (k < best) a.right.clear();
      if (k <= best) {
        best = k;
        a.right.push_back(race_member(run, "id").as_string());
      }
    }
  } else if (how == "lowest") {
    if (member(c, "below")) throw Error("unknown_key", "compute.below");
    // The lowest loss after the last step, among the runs that got there.
    double lowest = std::numeric_limits<double>::infinity();
    for (const Value& run : runs) {
      const std::vector<double>& loss = race_member(run, "loss").as_numbers();
      if (static_cast<long>(loss.size()) != steps + 1 || !std::isfinite(loss.back())) continue;
      if (loss.back() < lowest) a.right.clear();
      if (loss.back() <= lowest) {
        lowest = loss.back();
        a.right.push_back(race_member(run, "id").as_string());
      }
    }
  } else {
    throw_unknown_choice("compute.choose", how, {"first_below", "lowest"});
  }
  return a;
}
}  // namespace

Value exercise_answer(const Value& spec) {
  require_object(spec, "");
  check_keys(spec, "", {"compute", "answer", "tolerance"});
  const Value* c = member(spec, "compute");
  if (!c) throw Error("missing", "compute");
  const double tolerance = member(spec, "tolerance") ? read_in_range(*member(spec, "tolerance"), "tolerance", 1e-12, 0.5) : 0;
  const Wanted a = compute(*c);
  const Value* answer = member(spec, "answer");
  Value v = Value::object();
  v.set("kind", a.choice ? "choice" : "number");
  const bool found = a.choice ? !a.right.empty() : std::isfinite(a.value);
  Value value = a.choice ? (found ? Value::array_of(a.right) : Value()) : (found ? Value(a.value) : Value());
  if (a.choice) v.set("options", Value::array_of(a.options));
  if (!answer) {
    // No answer: what is asked for, to show it (null when the state gives none).
    v.set("value", std::move(value));
    return v;
  }
  const std::string& text = read_string(*answer, "answer");
  if (!found) {
    // Nothing to check against: the page says so to the tutorial's writer.
    v.set("verdict", "no_answer");
    v.set("value", Value());
    return v;
  }
  if (a.choice) {
    bool known = false, right = false;
    for (const std::string& o : a.options) known = known || o == text;
    for (const std::string& r : a.right) right = right || r == text;
    if (!known) throw_unknown_choice("answer", text, a.options);
    v.set("verdict", right ? "right" : "wrong");
    v.set("value", right ? std::move(value) : Value());
    return v;
  }
  const exercise::Check check = exercise::check_answer(text, a.value, a.mistakes, tolerance);
  v.set("verdict", exercise::verdict_name(check.verdict));
  v.set("mistake", check.mistake.empty() ? Value() : Value(check.mistake));
  v.set("digits", static_cast<double>(check.digits));
  v.set("min_digits", static_cast<double>(exercise::min_digits));
  v.set("value", check.verdict == exercise::Verdict::right ? std::move(value) : Value());
  return v;
}

Value exercise_mistake_ids() {
  Value v = Value::array();
  for (const std::string& id : exercise::mistake_ids()) v.push(id);
  return v;
}

}  // namespace bp::api
