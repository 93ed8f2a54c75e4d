// The loss explorer's calls: read and validate a spec, compute, answer.
#include <algorithm>
#include <cmath>

#include "api/api.hpp"
#include "nn/config.hpp"
#include "base/error.hpp"
#include "losses/line_fit.hpp"
#include "losses/loss_functions.hpp"
#include "losses/loss_tex.hpp"
#include "base/read.hpp"

namespace bp::api {

namespace {

// The explorer's losses: the table's entries with explorer formulas.
const LossInfo& read_kind(const Value& spec) {
  const Value* kind = member(spec, "kind");
  if (!kind) throw Error("missing", "kind");
  const std::string& name = read_string(*kind, "kind");
  std::vector<std::string> shown;
  for (const LossInfo& l : loss_table()) {
    if (l.explorer.name.empty()) continue;
    if (l.name == name) return l;
    shown.push_back(l.name);
  }
  throw_unknown_choice("kind", name, shown);
}

// The keys a spec may hold: `fixed`, and every parameter of the table's losses.
std::vector<std::string> spec_keys(std::initializer_list<const char*> fixed) {
  std::vector<std::string> keys(fixed.begin(), fixed.end());
  for (const LossInfo& l : loss_table())
    for (const LossParameter& p : l.parameters)
      if (std::find(keys.begin(), keys.end(), p.key) == keys.end()) keys.push_back(p.key);
  return keys;
}

// The loss's parameters from the spec, each checked as its entry says, else its default.
Loss read_parameters(const Value& spec, const LossInfo& info) {
  Loss loss;
  for (const LossParameter& p : info.parameters) {
    const Value* v = member(spec, p.key.c_str());
    double& field = loss.*p.field;
    if (!v) {
      field = p.default_value;
      continue;
    }
    switch (p.type) {
      case LossParameter::Type::positive: field = read_positive(*v, p.key); break;
      case LossParameter::Type::non_negative: field = read_non_negative(*v, p.key); break;
      case LossParameter::Type::unit: field = read_in_range(*v, p.key, 0.0, 1.0); break;
    }
  }
  return loss;
}

Reduction read_reduction(const Value& spec) {
  const Value* r = member(spec, "reduction");
  if (!r) return Reduction::mean;
  const std::string& name = read_string(*r, "reduction");
  if (name == "mean") return Reduction::mean;
  if (name == "sum") return Reduction::sum;
  throw Error("unknown_choice", "reduction", {{"value", name}, {"choices", "mean, sum"}});
}

double optional_positive(const Value& spec, const char* key, double fallback) {
  const Value* v = member(spec, key);
  return v ? read_positive(*v, key) : fallback;
}

double optional_non_negative(const Value& spec, const char* key, double fallback) {
  const Value* v = member(spec, key);
  return v ? read_non_negative(*v, key) : fallback;
}

Eigen::VectorXd read_vector(const Value& v, const std::string& field, long expected = -1) {
  const auto& items = read_array(v, field, expected);
  if (items.empty()) throw Error("too_few", field, {{"min", "1"}, {"actual", "0"}});
  if (items.size() > 100000) throw Error("too_many", field, {{"max", "100000"}, {"actual", std::to_string(items.size())}});
  Eigen::VectorXd out(static_cast<Eigen::Index>(items.size()));
  for (std::size_t i = 0; i < items.size(); ++i) {
    out[static_cast<Eigen::Index>(i)] = read_number(items[i], field + "[" + std::to_string(i) + "]");
  }
  return out;
}

void require_probabilities(const Eigen::VectorXd& p, const std::string& field) {
  for (Eigen::Index i = 0; i < p.size(); ++i) {
    if (p[i] < 0 || p[i] > 1) {
      throw Error("out_of_range", field + "[" + std::to_string(i) + "]",
                  {{"min", "0"}, {"max", "1"}, {"value", shortest(p[i])}});
    }
  }
}

Eigen::MatrixXd read_matrix(const Value& v, const std::string& field, long columns = -1) {
  const auto& rows = read_array(v, field);
  if (rows.empty()) throw Error("too_few", field, {{"min", "1"}, {"actual", "0"}});
  const long C = columns >= 0 ? columns : static_cast<long>(read_array(rows[0], field + "[0]").size());
  Eigen::MatrixXd M(static_cast<Eigen::Index>(rows.size()), C);
  for (std::size_t n = 0; n < rows.size(); ++n) {
    M.row(static_cast<Eigen::Index>(n)) = read_vector(rows[n], field + "[" + std::to_string(n) + "]", C).transpose();
  }
  return M;
}

// Cross-entropy's targets: class indices, or one row of probabilities per sample.
Eigen::MatrixXd read_ce_target(const Value& v, Eigen::Index N, Eigen::Index C) {
  const auto& items = read_array(v, "target", static_cast<long>(N));
  if (!items.empty() && items[0].is_array()) {
    Eigen::MatrixXd Q = read_matrix(v, "target", static_cast<long>(C));
    for (Eigen::Index n = 0; n < N; ++n) require_probabilities(Q.row(n).transpose(), "target[" + std::to_string(n) + "]");
    return Q;
  }
  std::vector<long> classes;
  for (std::size_t n = 0; n < items.size(); ++n) {
    classes.push_back(read_integer(items[n], "target[" + std::to_string(n) + "]", 0, static_cast<long>(C) - 1));
  }
  return one_hot(classes, C);
}

Value matrix_value(const Eigen::MatrixXd& M, bool as_vector) {
  Value out = Value::array();
  for (Eigen::Index n = 0; n < M.rows(); ++n) {
    if (as_vector) {
      out.push(M(n, 0));
      continue;
    }
    Value row = Value::array();
    for (Eigen::Index c = 0; c < M.cols(); ++c) row.push(M(n, c));
    out.push(row);
  }
  return out;
}

// An element-wise loss of predictions x against targets y: probabilities
// checked where the entry needs them (BCE: its input comes from a sigmoid,
// BCE and BCE with logits: targets in [0, 1]).
LossResult compute(const LossInfo& info, const Eigen::VectorXd& x, const Eigen::VectorXd& y, const Loss& loss,
                   Reduction r) {
  if (info.needs == Activation::sigmoid) require_probabilities(x, "input");
  if (info.probability_targets) require_probabilities(y, "target");
  return info.batch(x, y, loss, r);
}

}  // namespace

Value loss(const Value& spec) {
  require_object(spec, "spec");
  check_keys(spec, "", spec_keys({"kind", "input", "target", "reduction"}));
  const LossInfo& info = read_kind(spec);
  const Reduction r = read_reduction(spec);
  const Value* input = member(spec, "input");
  const Value* target = member(spec, "target");
  if (!input) throw Error("missing", "input");
  if (!target) throw Error("missing", "target");
  Value out = Value::object();
  if (!info.batch) {  // cross-entropy, on rows of logits
    const Eigen::MatrixXd Z = read_matrix(*input, "input");
    const Eigen::MatrixXd Q = read_ce_target(*target, Z.rows(), Z.cols());
    const LossResult L = cross_entropy(Z, Q, read_parameters(spec, info).label_smoothing, r);
    out.set("value", L.value);
    out.set("grad", matrix_value(L.grad, false));
    out.set("softmax", matrix_value(softmax_rows(Z), false));
    return out;
  }
  const Eigen::VectorXd x = read_vector(*input, "input");
  const Eigen::VectorXd y = read_vector(*target, "target", static_cast<long>(x.size()));
  // The loss's parameters last: a bad input or target is named first.
  const LossResult L = compute(info, x, y, read_parameters(spec, info), r);
  out.set("value", L.value);
  out.set("grad", matrix_value(L.grad, true));
  return out;
}

Value loss_curve(const Value& spec) {
  require_object(spec, "spec");
  check_keys(spec, "", spec_keys({"kind", "target", "from", "to", "points", "logits", "vary"}));
  const LossInfo& info = read_kind(spec);
  auto required = [&](const char* key) -> const Value& {
    if (!member(spec, key)) throw Error("missing", key);
    return *member(spec, key);
  };
  const double from = read_number(required("from"), "from");
  const double to = read_number(required("to"), "to");
  if (!(to > from)) throw Error("out_of_range", "to", {{"min", shortest(from)}, {"max", "∞"}, {"value", shortest(to)}});
  const long points = read_integer(required("points"), "points", 2, 5001);
  std::vector<double> xs, losses, grads;
  if (!info.batch) {  // cross-entropy: one logit varies, the others stay
    Eigen::VectorXd logits = read_vector(required("logits"), "logits");
    const long vary = read_integer(required("vary"), "vary", 0, static_cast<long>(logits.size()) - 1);
    const long target = read_integer(required("target"), "target", 0, static_cast<long>(logits.size()) - 1);
    const Eigen::MatrixXd Q = one_hot({target}, logits.size());
    const double s = read_parameters(spec, info).label_smoothing;
    for (long i = 0; i < points; ++i) {
      const double x = from + (to - from) * static_cast<double>(i) / static_cast<double>(points - 1);
      logits[vary] = x;
      const LossResult L = cross_entropy(logits.transpose(), Q, s, Reduction::mean);
      xs.push_back(x);
      losses.push_back(L.value);
      grads.push_back(L.grad(0, vary));
    }
  } else {
    const Eigen::VectorXd y = Eigen::VectorXd::Constant(1, read_number(required("target"), "target"));
    if (info.needs == Activation::sigmoid && (from < 0 || to > 1)) {
      throw Error("out_of_range", from < 0 ? "from" : "to",
                  {{"min", "0"}, {"max", "1"}, {"value", shortest(from < 0 ? from : to)}});
    }
    const Loss parameters = read_parameters(spec, info);
    Eigen::VectorXd x(1);
    for (long i = 0; i < points; ++i) {
      x[0] = from + (to - from) * static_cast<double>(i) / static_cast<double>(points - 1);
      const LossResult L = compute(info, x, y, parameters, Reduction::mean);
      xs.push_back(x[0]);
      losses.push_back(L.value);
      grads.push_back(L.grad(0, 0));
    }
  }
  Value out = Value::object();
  out.set("x", Value::numbers(xs));
  out.set("loss", Value::numbers(losses));
  out.set("grad", Value::numbers(grads));
  return out;
}

Value bce_stability(const Value& spec) {
  require_object(spec, "spec");
  check_keys(spec, "", {"logit", "target"});
  if (!member(spec, "logit")) throw Error("missing", "logit");
  if (!member(spec, "target")) throw Error("missing", "target");
  const double z = read_number(*member(spec, "logit"), "logit");
  const double y = read_in_range(*member(spec, "target"), "target", 0.0, 1.0);
  const Eigen::VectorXd Z = Eigen::VectorXd::Constant(1, z), Y = Eigen::VectorXd::Constant(1, y);
  const Eigen::VectorXd P = Eigen::VectorXd::Constant(1, 1.0 / (1.0 + std::exp(-z)));
  Value out = Value::object();
  out.set("probability", P[0]);
  out.set("on_probability", binary_cross_entropy(P, Y, Reduction::mean).value);
  out.set("on_logit", binary_cross_entropy_with_logits(Z, Y, Reduction::mean).value);
  return out;
}

Value loss_formulas() { return bp::loss_formulas(); }

Value fit_lines(const Value& spec) {
  require_object(spec, "spec");
  check_keys(spec, "", {"points", "losses", "beta", "learning_rate", "steps", "start"});
  if (!member(spec, "points")) throw Error("missing", "points");
  const auto& points = read_array(*member(spec, "points"), "points");
  if (points.size() < 2) throw Error("too_few", "points", {{"min", "2"}, {"actual", std::to_string(points.size())}});
  if (points.size() > 1000) throw Error("too_many", "points", {{"max", "1000"}, {"actual", std::to_string(points.size())}});
  Eigen::VectorXd x(static_cast<Eigen::Index>(points.size())), y(x.size());
  for (std::size_t i = 0; i < points.size(); ++i) {
    const Eigen::VectorXd p = read_vector(points[i], "points[" + std::to_string(i) + "]", 2);
    x[static_cast<Eigen::Index>(i)] = p[0];
    y[static_cast<Eigen::Index>(i)] = p[1];
  }
  const double beta = optional_non_negative(spec, "beta", 1.0);
  const double eta = optional_positive(spec, "learning_rate", 0.1);
  const long steps = member(spec, "steps") ? read_integer(*member(spec, "steps"), "steps", 0, 100000) : 500;
  double a0 = 0, b0 = 0;
  if (const Value* start = member(spec, "start")) {
    const Eigen::VectorXd s = read_vector(*start, "start", 2);
    a0 = s[0];
    b0 = s[1];
  }
  // The lesson's outlier demo compares the three regression losses.
  const std::vector<std::string> regression = {"mse", "mae", "smooth_l1"};
  std::vector<std::string> kinds = regression;
  if (const Value* losses = member(spec, "losses")) {
    kinds.clear();
    const auto& items = read_array(*losses, "losses");
    for (std::size_t i = 0; i < items.size(); ++i) {
      const std::string field = "losses[" + std::to_string(i) + "]";
      const std::string& name = read_string(items[i], field);
      if (std::find(regression.begin(), regression.end(), name) == regression.end()) {
        throw_unknown_choice(field, name, regression);
      }
      kinds.push_back(name);
    }
  }
  Value fits = Value::array();
  for (const auto& kind : kinds) {
    const LineFit fit = fit_line(x, y, loss_from_name(kind, "losses"), beta, eta, steps, a0, b0);
    Value f = Value::object();
    f.set("loss", kind);
    f.set("a", Value::numbers(fit.a));
    f.set("b", Value::numbers(fit.b));
    f.set("E", Value::numbers(fit.E));
    f.set("above_lowest", Value::numbers(fit.above_lowest));
    f.set("diverged_at", Value::index_or_null(fit.diverged_at));
    f.set("stop_reason", fit.stop_reason.empty() ? Value() : Value(fit.stop_reason));
    fits.push(f);
  }
  Value out = Value::object();
  out.set("fits", fits);
  return out;
}

}  // namespace bp::api
