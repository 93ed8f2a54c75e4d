// The optimizer race's calls: read and validate, compute, answer.
#include <algorithm>
#include <cmath>

#include "api/api.hpp"
#include "base/error.hpp"
#include "optim/optimizer_config.hpp"
#include "optim/race.hpp"
#include "base/read.hpp"

namespace bp::api {

namespace {

Value pair_value(const std::array<double, 2>& p) {
  Value v = Value::array();
  v.push(p[0]);
  v.push(p[1]);
  return v;
}

Value vector_value(const Eigen::VectorXd& v) {
  Value out = Value::array();
  for (Eigen::Index i = 0; i < v.size(); ++i) out.push(v[i]);
  return out;
}

// {"preset": name} or {"expression": text}.
Surface read_surface(const Value& spec, const std::string& field) {
  require_object(spec, field);
  check_keys(spec, field, {"preset", "expression"});
  if (const Value* preset = member(spec, "preset")) {
    const std::string& name = read_string(*preset, join_field(field, "preset"));
    std::vector<std::string> choices;
    for (const auto& p : presets()) {
      if (p.name == name) return Surface::preset(p.id);
      choices.push_back(p.name);
    }
    throw_unknown_choice(join_field(field, "preset"), name, choices);
  }
  if (const Value* text = member(spec, "expression")) {
    return Surface::expression(parse_expression(read_string(*text, "expression")));
  }
  throw Error("missing", join_field(field, "preset"));
}

std::array<double, 2> read_point(const Value& v, const std::string& field) {
  const auto& items = read_array(v, field, 2);
  return {read_number(items[0], field + "[0]"), read_number(items[1], field + "[1]")};
}

const Value& required(const Value& spec, const char* key) {
  const Value* v = member(spec, key);
  if (!v) throw Error("missing", key);
  return *v;
}

}  // namespace

Value surfaces() {
  Value all = Value::array();
  for (const auto& p : presets()) {
    Value v = Value::object();
    v.set("name", p.name);
    v.set("expression", p.expression);
    v.set("tex", program_tex(parse_expression(p.expression)));
    v.set("trouble", p.trouble);
    Value domain = Value::array();
    for (double d : p.domain) domain.push(d);
    v.set("domain", domain);
    v.set("start", pair_value(p.start));
    Value minima = Value::array(), saddles = Value::array();
    for (const auto& m : p.minima) minima.push(pair_value(m));
    for (const auto& s : p.saddles) saddles.push(pair_value(s));
    v.set("minima", minima);
    v.set("saddles", saddles);
    Value rates = Value::object();
    for (std::size_t i = 0; i < racer_names.size(); ++i) rates.set(racer_names[i], p.rates[i]);
    v.set("rates", rates);
    all.push(v);
  }
  return all;
}

Value expression(const Value& spec) {
  require_object(spec, "spec");
  check_keys(spec, "", {"text"});
  const Program p = parse_expression(read_string(required(spec, "text"), "expression"));
  Value v = Value::object();
  v.set("tex", program_tex(p));
  return v;
}

Value evaluate_surface(const Value& spec) {
  require_object(spec, "spec");
  check_keys(spec, "", {"surface", "point"});
  const Surface s = read_surface(required(spec, "surface"), "surface");
  const auto p = read_point(required(spec, "point"), "point");
  const Dual d = s.at(p[0], p[1]);
  Value v = Value::object();
  v.set("value", d.value);
  Value g = Value::array();
  g.push(d.dx);
  g.push(d.dy);
  v.set("gradient", g);
  return v;
}

Value grid(const Value& spec, std::vector<double>& values) {
  require_object(spec, "spec");
  check_keys(spec, "", {"surface", "domain", "width", "height"});
  const Surface s = read_surface(required(spec, "surface"), "surface");
  const auto& d = read_array(required(spec, "domain"), "domain", 4);
  double domain[4];
  for (int i = 0; i < 4; ++i) domain[i] = read_number(d[static_cast<std::size_t>(i)], "domain[" + std::to_string(i) + "]");
  if (!(domain[1] > domain[0])) throw Error("out_of_range", "domain[1]", {{"min", shortest(domain[0])}, {"max", "∞"}, {"value", shortest(domain[1])}});
  if (!(domain[3] > domain[2])) throw Error("out_of_range", "domain[3]", {{"min", shortest(domain[2])}, {"max", "∞"}, {"value", shortest(domain[3])}});
  const int width = static_cast<int>(read_integer(required(spec, "width"), "width", 2, 1024));
  const int height = static_cast<int>(read_integer(required(spec, "height"), "height", 2, 1024));
  evaluate_grid(s, domain[0], domain[1], domain[2], domain[3], width, height, values);
  double lo = 0, hi = 0;
  bool any = false;
  for (double x : values) {
    if (!std::isfinite(x)) continue;
    lo = any ? std::min(lo, x) : x;
    hi = any ? std::max(hi, x) : x;
    any = true;
  }
  Value v = Value::object();
  v.set("width", width);
  v.set("height", height);
  v.set("min", any ? Value(lo) : Value());
  v.set("max", any ? Value(hi) : Value());
  return v;
}

Value race(const Value& spec) {
  require_object(spec, "spec");
  check_keys(spec, "", {"surface", "start", "steps", "optimizers"});
  const Surface s = read_surface(required(spec, "surface"), "surface");
  const auto start = read_point(required(spec, "start"), "start");
  const long steps = read_integer(required(spec, "steps"), "steps", 0, 100000);
  const auto& list = read_array(required(spec, "optimizers"), "optimizers");
  if (list.size() > 10) throw Error("too_many", "optimizers", {{"max", "10"}, {"actual", std::to_string(list.size())}});
  std::vector<std::pair<std::string, OptimizerOptions>> optimizers;
  for (std::size_t i = 0; i < list.size(); ++i) {
    const Value* id = list[i].is_object() ? member(list[i], "id") : nullptr;
    const std::string name = id ? read_string(*id, "optimizers[" + std::to_string(i) + "].id")
                                : "optimizers[" + std::to_string(i) + "]";
    optimizers.emplace_back(name, read_optimizer(list[i], name));
  }
  Value runs = Value::array();
  for (const auto& [id, o] : optimizers) {
    const RaceRun r = run_race(s, o, start[0], start[1], steps);
    Value v = Value::object();
    v.set("id", id);
    v.set("x", Value::numbers(r.x));
    v.set("y", Value::numbers(r.y));
    v.set("loss", Value::numbers(r.loss));
    v.set("stopped_at", Value::index_or_null(r.stopped_at));
    v.set("reason", r.reason);
    runs.push(v);
  }
  Value out = Value::object();
  out.set("runs", runs);
  return out;
}

Value optimizer_step(const Value& spec) {
  require_object(spec, "spec");
  check_keys(spec, "", {"surface", "start", "optimizer", "step", "digits"});
  const Surface s = read_surface(required(spec, "surface"), "surface");
  const auto start = read_point(required(spec, "start"), "start");
  const Value& ov = required(spec, "optimizer");
  const Value* id = ov.is_object() ? member(ov, "id") : nullptr;
  const OptimizerOptions o = read_optimizer(ov, id ? read_string(*id, "optimizer.id") : "optimizer");
  const long step = read_integer(required(spec, "step"), "step", 1, 100000);
  const int digits = member(spec, "digits") ? static_cast<int>(read_integer(*member(spec, "digits"), "digits", 1, 17)) : 6;
  const StepDetail d = step_detail(s, o, start[0], start[1], step);
  Value v = Value::object();
  v.set("step", static_cast<double>(d.step));
  v.set("theta_before", vector_value(d.theta_before));
  v.set("theta_after", vector_value(d.theta_after));
  v.set("loss_before", d.loss_before);
  v.set("loss_after", d.loss_after);
  v.set("before", optimizer_state_value(d.before));
  v.set("after", optimizer_state_value(d.after));
  Value lines = Value::array();
  for (const auto& line : update_tex(o, d, digits)) {
    Value l = Value::object();
    l.set("formula", line.formula);
    l.set("numbers", line.numbers);
    l.set("numbers_lines", Value::array_of(line.numbers_lines));
    lines.push(l);
  }
  v.set("tex", lines);
  return v;
}

}  // namespace bp::api
