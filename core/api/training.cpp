// The training loop's calls: read and validate the setup and the state,
// compute, answer. A spec is
//   {"network": config (config.hpp), "optimizer": {...} (optimizer_config.hpp),
//    "data": {"inputs": [[...]], "targets": [[...]]} (default: the config's example),
//    "zero_grad": bool (default true), "bug": one of the loop's mistakes
//    (loop_bugs.hpp; default "none"), "retain_graph": bool (default false, as
//    in backward()), "state": the state a previous call returned}
#include "api/api.hpp"

#include <algorithm>
#include <cmath>

#include "train/csv.hpp"
#include "base/error.hpp"
#include "nn/init.hpp"
#include "optim/optimizer_config.hpp"
#include "train/pytorch_export.hpp"
#include "train/epoch.hpp"
#include "base/read.hpp"

namespace bp::api {

namespace {

Value vector_value(const Eigen::VectorXd& v) {
  return Value::numbers(std::vector<double>(v.data(), v.data() + v.size()));
}

Eigen::VectorXd read_vector_of(const Value& v, const std::string& field, Eigen::Index size) {
  // A list of numbers as the core itself returns it (a state handed back).
  if (v.is_numbers()) {
    const std::vector<double>& x = v.as_numbers();
    if (static_cast<Eigen::Index>(x.size()) != size) {
      throw Error("wrong_length", field, {{"expected", std::to_string(size)}, {"actual", std::to_string(x.size())}});
    }
    for (std::size_t i = 0; i < x.size(); ++i) {
      if (!std::isfinite(x[i])) throw Error("not_finite", field + "[" + std::to_string(i) + "]", {{"value", shortest(x[i])}});
    }
    return Eigen::Map<const Eigen::VectorXd>(x.data(), size);
  }
  const auto& items = read_array(v, field, static_cast<long>(size));
  Eigen::VectorXd out(size);
  for (Eigen::Index i = 0; i < size; ++i) out[i] = read_number(items[static_cast<std::size_t>(i)], field + "[" + std::to_string(i) + "]");
  return out;
}

// One side of the examples, as rows ([[...], ...]) or, from a typed array, one
// flat list of numbers, example after example: the count of examples it holds.
std::size_t example_count(const Value& v, const std::string& field, Eigen::Index width) {
  if (!v.is_numbers()) return read_array(v, field).size();
  const std::size_t w = static_cast<std::size_t>(width), size = v.as_numbers().size();
  if (size % w != 0) throw Error("wrong_length", field, {{"expected", std::to_string((size / w + 1) * w)}, {"actual", std::to_string(size)}});
  return size / w;
}

Eigen::VectorXd example(const Value& v, const std::string& field, Eigen::Index width, std::size_t e) {
  if (v.is_numbers()) {
    const double* x = v.as_numbers().data() + e * static_cast<std::size_t>(width);
    for (Eigen::Index i = 0; i < width; ++i) {
      if (!std::isfinite(x[i])) throw Error("not_finite", field + "[" + std::to_string(e) + "][" + std::to_string(i) + "]", {{"value", shortest(x[i])}});
    }
    return Eigen::Map<const Eigen::VectorXd>(x, width);
  }
  return read_vector_of(v[e], field + "[" + std::to_string(e) + "]", width);
}

Dataset read_data(const Value& v, const Config& c, const std::string& field = "data") {
  require_object(v, field);
  check_keys(v, field, {"inputs", "targets"});
  const Value* inputs = member(v, "inputs");
  const Value* targets = member(v, "targets");
  if (!inputs) throw Error("missing", field + ".inputs");
  if (!targets) throw Error("missing", field + ".targets");
  const std::size_t n = example_count(*inputs, field + ".inputs", c.network.inputs);
  if (n == 0) throw Error("too_few", field + ".inputs", {{"min", "1"}, {"actual", "0"}});
  if (n > max_examples) throw Error("too_many", field + ".inputs", {{"max", std::to_string(max_examples)}, {"actual", std::to_string(n)}});
  const Eigen::Index outputs = c.network.outputs();
  if (targets->is_numbers()) {
    if (targets->size() != n * static_cast<std::size_t>(outputs)) {
      throw Error("wrong_length", field + ".targets", {{"expected", std::to_string(n * static_cast<std::size_t>(outputs))}, {"actual", std::to_string(targets->size())}});
    }
  } else {
    read_array(*targets, field + ".targets", static_cast<long>(n));
  }
  Dataset d;
  for (std::size_t e = 0; e < n; ++e) {
    d.inputs.push_back(example(*inputs, field + ".inputs", c.network.inputs, e));
    d.targets.push_back(example(*targets, field + ".targets", outputs, e));
    check_loss_fits(c.network, c.loss, d.targets.back());
  }
  return d;
}

OptimizerState read_optimizer_state(const Value& v, Eigen::Index n, const OptimizerOptions& o) {
  OptimizerState s = Optimizer(o, n).state();
  require_object(v, "state.optimizer");
  if (const Value* t = member(v, "t")) s.t = read_integer(*t, "state.optimizer.t", 0, 100000000);
  auto vec = [&](const char* key, Eigen::VectorXd& into) {
    if (const Value* x = member(v, key)) into = read_vector_of(*x, std::string("state.optimizer.") + key, n);
  };
  vec("buffer", s.buffer);
  vec("s", s.s);
  vec("g_avg", s.g_avg);
  vec("m", s.m);
  vec("v", s.v);
  vec("v_max", s.v_max);
  return s;
}

struct Read {
  TrainingSetup setup;
  TrainingState state;
};

Read read_training(const Value& spec, std::initializer_list<const char*> extra) {
  require_object(spec, "spec");
  std::vector<const char*> keys = {"network", "optimizer", "data", "zero_grad", "bug", "retain_graph", "state"};
  keys.insert(keys.end(), extra.begin(), extra.end());
  for (const auto& [key, value] : spec.members()) {
    bool known = false;
    for (const char* k : keys) known = known || key == k;
    if (!known) throw Error("unknown_key", key);
  }
  const Value* network = member(spec, "network");
  if (!network) throw Error("missing", "network");
  Read r;
  r.setup.config = config_from_value(*network);
  const Value* optimizer = member(spec, "optimizer");
  r.setup.optimizer = optimizer ? read_optimizer(*optimizer, "optimizer") : default_options(OptimizerKind::sgd);
  if (!optimizer) r.setup.optimizer.lr = r.setup.config.learning_rate;
  if (const Value* data = member(spec, "data")) {
    r.setup.data = read_data(*data, r.setup.config);
  } else {
    r.setup.data.inputs = {r.setup.config.inputs};
    r.setup.data.targets = {r.setup.config.targets};
  }
  if (const Value* z = member(spec, "zero_grad")) r.setup.zero_grad = read_bool(*z, "zero_grad");
  if (const Value* b = member(spec, "bug")) r.setup.bug = loop_bug_from_name(read_string(*b, "bug"), "bug");
  if (const Value* g = member(spec, "retain_graph")) r.setup.retain_graph = read_bool(*g, "retain_graph");
  r.state = initial_state(r.setup);
  if (const Value* state = member(spec, "state"); state && !state->is_null()) {
    require_object(*state, "state");
    check_keys(*state, "state", {"iteration", "grad", "optimizer"});
    const Eigen::Index n = pack(r.setup.config).size();
    if (const Value* it = member(*state, "iteration")) r.state.iteration = read_integer(*it, "state.iteration", 0, 100000000);
    if (const Value* g = member(*state, "grad")) r.state.grad = read_vector_of(*g, "state.grad", n);
    if (const Value* o = member(*state, "optimizer")) r.state.optimizer = read_optimizer_state(*o, n, r.setup.optimizer);
  }
  return r;
}

// A regularization rate (l1, l2): a finite number, not negative; 0 when absent.
double read_rate(const Value& spec, const char* key) {
  const Value* v = member(spec, key);
  if (!v) return 0.0;
  const double x = read_number(*v, key);
  if (!std::isfinite(x)) throw Error("not_finite", key, {{"value", shortest(x)}});
  if (x < 0) throw Error("negative", key, {{"value", shortest(x)}});
  return x;
}

Value state_value(const TrainingState& s) {
  Value v = Value::object();
  v.set("iteration", static_cast<double>(s.iteration));
  v.set("grad", vector_value(s.grad));
  v.set("optimizer", optimizer_state_value(s.optimizer));
  return v;
}

// Where PyTorch stopped the loop: {"iteration" (counted from the start),
// "line", "message" (the RuntimeError's text)}, or null.
Value error_value(const LoopError& e, long done) {
  if (e.iteration < 0) return Value();
  Value v = Value::object();
  v.set("iteration", static_cast<double>(done + e.iteration));
  v.set("line", line_name(e.line));
  v.set("message", e.message);
  return v;
}

// The loop's lines as the listing runs them: [{"line", "skipped", "changed"}].
Value listing_value(const TrainingSetup& s) {
  Value lines = Value::array();
  for (const ListedLine& l : loop_listing(s.bug, s.zero_grad)) {
    Value line = Value::object();
    line.set("line", line_name(l.line));
    line.set("skipped", l.skipped);
    line.set("changed", l.changed);
    lines.push(line);
  }
  return lines;
}

Value layout_value(const Config& c) {
  const ParameterLayout layout = parameter_layout(c);
  Value v = Value::object();
  v.set("names", Value::array_of(layout.names));
  v.set("terms", Value::array_of(layout.terms));
  return v;
}

}  // namespace

Value training_run(const Value& spec) {
  Read r = read_training(spec, {"iterations", "check"});
  const Value* n = member(spec, "iterations");
  const long iterations = n ? read_integer(*n, "iterations", 0, 1000000) : 1;
  if (const Value* check = member(spec, "check"); check && read_bool(*check, "check")) {
    // Only the checks: a page validates the setup before it trains in chunks.
    Value v = Value::object();
    v.set("iterations", static_cast<double>(iterations));
    return v;
  }
  const long done = r.state.iteration;
  const Run run = run_iterations(r.setup, r.state, iterations);
  Value v = Value::object();
  v.set("E_total", Value::numbers(run.E));
  v.set("diverged_at", Value::index_or_null(run.diverged_at));
  v.set("stop_reason", run.stop_reason.empty() ? Value() : Value(run.stop_reason));
  v.set("error", error_value(run.error, done));
  v.set("lines", listing_value(r.setup));
  v.set("network", config_to_value(r.state.config));
  v.set("state", state_value(r.state));
  Value outputs = Value::array();
  for (std::size_t e = 0; e < r.setup.data.inputs.size() && e < 20; ++e) {
    const Forward f = forward(r.state.config.network, r.state.config.loss, r.setup.data.inputs[e], r.setup.data.targets[e]);
    outputs.push(vector_value(f.out.back()));
  }
  v.set("outputs", outputs);
  return v;
}

Value training_iteration(const Value& spec) {
  Read r = read_training(spec, {});
  const long done = r.state.iteration;
  const Iteration it = run_iteration(r.setup, r.state);
  Value v = Value::object();
  v.set("iteration", static_cast<double>(done + 1));
  v.set("parameters", layout_value(r.setup.config));
  v.set("grad_before", vector_value(it.grad_before));
  v.set("grad_zeroed", vector_value(it.grad_zeroed));
  v.set("grad_batch", vector_value(it.batch.grad));
  v.set("grad_after", vector_value(it.grad_after));
  // The loop's lines in the order they run, each with .grad after it (none
  // for the lines after the one PyTorch stops at).
  Value lines = Value::array();
  for (std::size_t i = 0; i < it.lines.size(); ++i) {
    Value line = Value::object();
    line.set("line", line_name(it.lines[i].line));
    line.set("skipped", it.lines[i].skipped);
    line.set("changed", it.lines[i].changed);
    line.set("grad", i < it.grad_at.size() ? vector_value(it.grad_at[i]) : Value());
    lines.push(line);
  }
  v.set("lines", lines);
  v.set("grad_none", it.grad_none);
  v.set("grad_step", it.grad_step.size() ? vector_value(it.grad_step) : Value());
  v.set("grad_end", vector_value(it.grad_end));
  v.set("error", error_value(it.error, done));
  v.set("theta_before", vector_value(it.theta_before));
  v.set("theta_after", vector_value(it.theta_after));
  v.set("E_total", it.batch.E);
  v.set("E_examples", Value::numbers(it.batch.E_example));
  Value forwards = Value::array();
  for (std::size_t e = 0; e < it.batch.forwards.size() && e < 20; ++e) {
    const Forward& f = it.batch.forwards[e];
    Value layers = Value::array();
    for (std::size_t l = 0; l < f.out.size(); ++l) {
      Value layer = Value::object();
      if (l > 0) layer.set("net", vector_value(f.net[l]));
      layer.set("out", vector_value(f.out[l]));
      layers.push(layer);
    }
    forwards.push(layers);
  }
  v.set("forward", forwards);
  v.set("optimizer_before", optimizer_state_value(it.optimizer_before));
  v.set("optimizer_after", optimizer_state_value(it.optimizer_after));
  v.set("network", config_to_value(r.state.config));
  v.set("state", state_value(r.state));
  return v;
}

Value training_gradient_check(const Value& spec) {
  Read r = read_training(spec, {});
  const Eigen::VectorXd theta = pack(r.setup.config);
  const BatchResult at = evaluate_batch(r.setup.config, r.setup.data, false);
  Config probe = r.setup.config;
  Value rows = Value::array();
  const ParameterLayout layout = parameter_layout(r.setup.config);
  double largest = 0;
  Eigen::Index largest_at = 0;
  for (Eigen::Index k = 0; k < theta.size(); ++k) {
    // Central difference, (E(theta + h) - E(theta - h)) / 2h, h = 1e-6 max(1, |theta|).
    const double h = 1e-6 * std::max(1.0, std::abs(theta[k]));
    Eigen::VectorXd plus = theta, minus = theta;
    plus[k] += h;
    minus[k] -= h;
    unpack(plus, probe);
    const double Ep = evaluate_batch(probe, r.setup.data, false).E;
    unpack(minus, probe);
    const double Em = evaluate_batch(probe, r.setup.data, false).E;
    const double numeric = (Ep - Em) / (2 * h);
    const double analytic = at.grad[k];
    const double scale = std::max(std::abs(analytic), std::abs(numeric));
    Value row = Value::object();
    row.set("name", layout.names[static_cast<std::size_t>(k)]);
    row.set("analytic", analytic);
    row.set("numeric", numeric);
    const double relative = scale == 0 ? 0.0 : std::abs(analytic - numeric) / scale;
    row.set("relative", relative);
    rows.push(row);
    if (k == 0 || relative > largest) {
      largest = relative;
      largest_at = k;
    }
  }
  Value v = Value::object();
  v.set("parameters", rows);
  // How far the two columns agree: the largest relative difference, and where.
  v.set("max_relative", largest);
  v.set("max_relative_parameter", theta.size() ? Value(layout.names[static_cast<std::size_t>(largest_at)]) : Value());
  return v;
}

Value training_compare(const Value& spec) {
  require_object(spec, "spec");
  check_keys(spec, "", {"a", "b"});
  // Losses as a run returned them: a diverged run may end on an infinite one.
  auto curve = [&spec](const char* key) {
    const Value* v = member(spec, key);
    if (!v) throw Error("missing", key);
    if (v->is_numbers()) return v->as_numbers();
    const auto& items = read_array(*v, key);
    std::vector<double> out;
    out.reserve(items.size());
    for (std::size_t i = 0; i < items.size(); ++i) {
      if (!items[i].is_number()) throw Error("expected_number", std::string(key) + "[" + std::to_string(i) + "]");
      out.push_back(items[i].as_number());
    }
    return out;
  };
  const std::vector<double> a = curve("a"), b = curve("b");
  Value v = Value::object();
  v.set("a_below_from", Value::index_or_null(below_from(a, b)));
  v.set("b_below_from", Value::index_or_null(below_from(b, a)));
  v.set("a_constant_from", Value::index_or_null(constant_from(a)));
  v.set("b_constant_from", Value::index_or_null(constant_from(b)));
  return v;
}

namespace {

// The playground's side of an export: its points (as dataset() returns
// them), the examples they make (playground_examples()'s), and the epochs.
Value playground_export(const Value& spec, Read& r) {
  const Value& pts = *member(spec, "points");
  require_object(pts, "points");
  check_keys(pts, "points", {"x", "y", "label", "train", "test", "regression", "classes"});
  for (const char* key : {"x", "y", "label", "train"})
    if (!member(pts, key)) throw Error("missing", std::string("points.") + key);
  PlaygroundScript p;
  const Value* f = member(spec, "features");
  Value features = f ? *f : Value::array_of(std::vector<std::string>{"x", "y"});
  for (const Value& name : read_array(features, "features")) p.features.push_back(read_string(name, "features"));
  if (const Value* t = member(spec, "targets")) p.targets = read_string(*t, "targets");
  else p.targets = "value";
  // One side's examples, through playground_examples() (its checks, its
  // features and targets), and its points' x and y.
  auto numbers_of = [](const Value& v, const std::string& field) {
    if (v.is_numbers()) return v.as_numbers();
    std::vector<double> out;
    const auto& items = read_array(v, field);
    for (std::size_t i = 0; i < items.size(); ++i) out.push_back(read_number(items[i], field + "[" + std::to_string(i) + "]"));
    return out;
  };
  const std::vector<double> x = numbers_of(*member(pts, "x"), "points.x"), y = numbers_of(*member(pts, "y"), "points.y");
  auto side = [&](const char* key, std::vector<double>& xs, std::vector<double>& ys) {
    const std::string field = std::string("points.") + key;
    Value ex = Value::object();
    ex.set("x", Value::numbers(x));
    ex.set("y", Value::numbers(y));
    ex.set("label", *member(pts, "label"));
    const std::vector<double> indices = numbers_of(*member(pts, key), field);
    ex.set("indices", Value::numbers(indices));
    ex.set("features", features);
    ex.set("targets", p.targets);
    if (const Value* c = member(spec, "classes")) ex.set("classes", *c);
    const Value made = playground_examples(ex);
    for (double i : indices) {
      xs.push_back(x[static_cast<std::size_t>(i)]);
      ys.push_back(y[static_cast<std::size_t>(i)]);
    }
    Value data = Value::object();
    data.set("inputs", *member(made, "inputs"));
    data.set("targets", *member(made, "targets"));
    return read_data(data, r.setup.config, field);
  };
  p.train = side("train", p.train_x, p.train_y);
  if (const Value* t = member(pts, "test"); t && !t->is_null() && t->size() > 0) p.test = side("test", p.test_x, p.test_y);
  p.epochs = member(spec, "epochs") ? read_integer(*member(spec, "epochs"), "epochs", 1, 100000) : 100;
  const long n = static_cast<long>(p.train.inputs.size());
  if (const Value* b = member(spec, "batch_size")) p.batch_size = static_cast<std::size_t>(read_integer(*b, "batch_size", 1, n));
  p.batch_size = std::min(p.batch_size, static_cast<std::size_t>(n));
  if (const Value* seed = member(spec, "seed")) p.first_seed = static_cast<std::uint64_t>(read_integer(*seed, "seed", 0, 2147483647));
  p.l1 = read_rate(spec, "l1");
  p.l2 = read_rate(spec, "l2");
  Value v = Value::object();
  v.set("script", pytorch_playground_script(r.setup, p));
  return v;
}

}  // namespace

// The training loop's export, or with "points" the playground's: its points,
// "features", "targets" (and "classes"), and "epochs" of "batch_size" from
// epoch "seed" (1), with "l1" and "l2".
Value training_export(const Value& spec) {
  Read r = read_training(spec, {"iterations", "print_every", "points", "features", "targets", "classes", "epochs",
                                "batch_size", "seed", "l1", "l2"});
  if (member(spec, "points")) return playground_export(spec, r);
  const long iterations = member(spec, "iterations") ? read_integer(*member(spec, "iterations"), "iterations", 1, 1000000) : 10000;
  const long every = member(spec, "print_every") ? read_integer(*member(spec, "print_every"), "print_every", 1, 1000000)
                                                 : std::max(1L, iterations / 10);
  Value v = Value::object();
  v.set("script", pytorch_script(r.setup, iterations, every));
  return v;
}

Value training_epoch(const Value& spec) {
  Read r = read_training(spec, {"test", "batch_size", "seed", "losses", "losses_before", "first_batch", "batches", "l1", "l2"});
  if (!member(spec, "data")) throw Error("missing", "data");
  Dataset test;
  if (const Value* t = member(spec, "test"); t && !t->is_null()) test = read_data(*t, r.setup.config, "test");
  EpochOptions o;
  const long n = static_cast<long>(r.setup.data.inputs.size());
  if (const Value* b = member(spec, "batch_size")) o.batch_size = static_cast<std::size_t>(read_integer(*b, "batch_size", 1, n));
  o.batch_size = std::min(o.batch_size, static_cast<std::size_t>(n));
  if (const Value* seed = member(spec, "seed")) o.seed = static_cast<std::uint64_t>(read_integer(*seed, "seed", 0, 2147483647));
  if (const Value* l = member(spec, "losses")) o.losses = read_bool(*l, "losses");
  if (const Value* l = member(spec, "losses_before")) o.losses_before = read_bool(*l, "losses_before");
  const long count = static_cast<long>(batch_count(static_cast<std::size_t>(n), o.batch_size));
  if (const Value* f = member(spec, "first_batch")) o.first_batch = static_cast<std::size_t>(read_integer(*f, "first_batch", 0, count - 1));
  if (const Value* b = member(spec, "batches")) o.batches = static_cast<std::size_t>(read_integer(*b, "batches", 1, count));
  o.l1 = read_rate(spec, "l1");
  o.l2 = read_rate(spec, "l2");
  o.test = &test;
  const EpochResult e = run_epoch(r.setup, r.state, o);
  Value v = Value::object();
  v.set("parameters", vector_value(pack(r.state.config)));
  v.set("network", config_to_value(r.state.config));
  v.set("state", state_value(r.state));
  v.set("updates", static_cast<double>(e.updates));
  v.set("batch_count", static_cast<double>(count));
  v.set("stopped_at", Value::index_or_null(e.stopped_at));
  v.set("stop_reason", e.stop_reason.empty() ? Value() : Value(e.stop_reason));
  v.set("E_train", o.losses ? Value(e.E_train) : Value());
  v.set("E_test", o.losses && !test.inputs.empty() ? Value(e.E_test) : Value());
  v.set("penalty", o.losses ? Value(e.penalty) : Value());
  v.set("E_train_before", o.losses_before ? Value(e.E_train_before) : Value());
  v.set("E_test_before", o.losses_before && !test.inputs.empty() ? Value(e.E_test_before) : Value());
  return v;
}

Value training_diagnosis(const Value& spec) {
  Read r = read_training(spec, {"l1", "l2"});
  const Diagnosis d = diagnose(r.setup, r.state, read_rate(spec, "l1"), read_rate(spec, "l2"));
  Value v = Value::object();
  v.set("E", d.E);
  v.set("gradient_norm", d.gradient_norm);
  v.set("step_norm", d.step_norm);
  v.set("slope", d.slope);
  v.set("curvature_along_step", d.curvature_along_step);
  v.set("overshoot", d.overshoot);
  v.set("largest_curvature", d.largest_curvature);
  // SGD's stable learning rate on the local quadratic, 2 / λ_max.
  v.set("stable_lr", d.largest_curvature > 0 ? Value(2 / d.largest_curvature) : Value());
  v.set("momentum_factor", d.momentum_factor);
  v.set("saturated", static_cast<double>(d.saturated));
  v.set("saturated_of", static_cast<double>(d.saturated_of));
  v.set("saturated_share", d.saturated_of ? Value(static_cast<double>(d.saturated) / static_cast<double>(d.saturated_of)) : Value());
  v.set("dead_relu", static_cast<double>(d.dead_relu));
  v.set("relu_units", static_cast<double>(d.relu_units));
  v.set("dead_relu_share", d.relu_units ? Value(static_cast<double>(d.dead_relu) / static_cast<double>(d.relu_units)) : Value());
  return v;
}

Value new_network(const Value& spec) {
  require_object(spec, "spec");
  check_keys(spec, "", {"layers", "activations", "loss", "seed"});
  // Read through config_from_value's checks: the shape, activations and loss.
  Value probe = Value::object();
  const Value* layers = member(spec, "layers");
  const Value* activations = member(spec, "activations");
  if (!layers) throw Error("missing", "layers");
  if (!activations) throw Error("missing", "activations");
  const auto& sizes_v = read_array(*layers, "layers");
  if (sizes_v.size() < 2) throw Error("too_few", "layers", {{"min", "2"}, {"actual", std::to_string(sizes_v.size())}});
  if (static_cast<long>(sizes_v.size()) > max_layers) {
    throw Error("too_many", "layers", {{"max", std::to_string(max_layers)}, {"actual", std::to_string(sizes_v.size())}});
  }
  std::vector<Eigen::Index> sizes;
  for (std::size_t l = 0; l < sizes_v.size(); ++l) {
    sizes.push_back(read_integer(sizes_v[l], "layers[" + std::to_string(l) + "]", 1, max_layer_size));
  }
  std::vector<Activation> acts;
  for (std::size_t l = 1; l < sizes.size(); ++l) {
    const std::string field = activations->is_string() ? "activations" : "activations[" + std::to_string(l - 1) + "]";
    const Value& a = activations->is_string() ? *activations : read_array(*activations, "activations", static_cast<long>(sizes.size() - 1))[l - 1];
    acts.push_back(activation_from_name(read_string(a, field), field));
  }
  const Loss loss = member(spec, "loss") ? loss_from_value(*member(spec, "loss"), "loss") : Loss{};
  const long seed = member(spec, "seed") ? read_integer(*member(spec, "seed"), "seed", 0, 2147483647) : 1;
  Config c = initial_network(sizes, acts, loss, static_cast<std::uint64_t>(seed));
  check_loss_fits(c.network, c.loss, c.targets);
  return config_to_value(c);
}

Value csv(const Value& spec) {
  require_object(spec, "spec");
  check_keys(spec, "", {"text", "inputs", "targets"});
  auto required = [&spec](const char* key) -> const Value& {
    if (!member(spec, key)) throw Error("missing", key);
    return *member(spec, key);
  };
  const std::string& text = read_string(required("text"), "csv");
  const long inputs = read_integer(required("inputs"), "inputs", 1, max_layer_size);
  const long targets = read_integer(required("targets"), "targets", 1, max_layer_size);
  const Dataset d = parse_csv(text, inputs, targets);
  Value in = Value::array(), out = Value::array();
  for (std::size_t e = 0; e < d.inputs.size(); ++e) {
    in.push(Value::array_of(std::vector<double>(d.inputs[e].data(), d.inputs[e].data() + d.inputs[e].size())));
    out.push(Value::array_of(std::vector<double>(d.targets[e].data(), d.targets[e].data() + d.targets[e].size())));
  }
  Value v = Value::object();
  v.set("inputs", in);
  v.set("targets", out);
  return v;
}

}  // namespace bp::api
