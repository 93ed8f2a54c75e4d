#include "api/api.hpp"

#include "nn/config.hpp"
#include "base/error.hpp"
#include "base/read.hpp"
#include "train/stop.hpp"
#include "trace/trace.hpp"
#include "train/descent.hpp"

namespace bp::api {

namespace {
const Value& options_object(const Value& options, std::initializer_list<const char*> allowed) {
  static const Value empty = Value::object();
  if (options.is_null()) return empty;
  require_object(options, "options");
  check_keys(options, "", allowed);
  return options;
}
}  // namespace

Value classic() { return config_to_value(classic_config()); }

Value trace(const Value& config, const Value& options) {
  const Value& o = options_object(options, {"digits"});
  const Config c = config_from_value(config);
  const int digits = member(o, "digits") ? static_cast<int>(read_integer(*member(o, "digits"), "digits", 1, 17)) : 9;
  return trace_to_value(build_trace(c, digits), c);
}

Value train(const Value& config, const Value& options) {
  const Value& o = options_object(options, {"iterations", "history"});
  const Config c = config_from_value(config);
  const long iterations = member(o, "iterations") ? read_integer(*member(o, "iterations"), "iterations", 0, 1000000) : 1;
  const bool history = member(o, "history") ? read_bool(*member(o, "history"), "history") : false;
  const TrainResult r = bp::train(c, iterations, history);
  const Forward f = forward(r.final.network, r.final.loss, r.final.inputs, r.final.targets);
  Value v = Value::object();
  v.set("iterations", static_cast<double>(r.iterations));
  v.set("E_total", Value::numbers(r.E_total));
  Value outputs = Value::array();
  for (Eigen::Index k = 0; k < f.out.back().size(); ++k) outputs.push(f.out.back()[k]);
  v.set("outputs", outputs);
  v.set("final", config_to_value(r.final));
  v.set("diverged_at", Value::index_or_null(r.diverged_at));
  v.set("stop_reason", r.stop_reason.empty() ? Value() : Value(r.stop_reason));
  return v;
}

Value bias_mode(const Value& config, const Value& options) {
  const Value& o = options_object(options, {"train_biases"});
  const Value* train = member(o, "train_biases");
  if (!train) throw Error("missing", "train_biases");
  return config_to_value(with_bias_mode(config_from_value(config), read_bool(*train, "train_biases")));
}

Value stop_reasons() {
  Value v = Value::object();
  for (const auto& [reason, text] : stop_templates()) v.set(reason, text);
  return v;
}

Value error_codes() {
  Value v = Value::object();
  for (const auto& [code, text] : error_templates()) v.set(code, text);
  return v;
}

}  // namespace bp::api
