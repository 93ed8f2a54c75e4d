#include "optim/optimizer_config.hpp"

#include <vector>

#include "base/error.hpp"
#include "base/read.hpp"

namespace bp {

namespace {

// [0, 1): a decay rate (beta, beta1, beta2, alpha, mu).
double read_rate(const Value& v, const std::string& field) {
  const double x = read_number(v, field);
  if (x < 0 || x >= 1) throw Error("out_of_range_open", field, {{"min", "0"}, {"max", "1"}, {"value", shortest(x)}});
  return x;
}

// The settings each kind has, as torch.optim names them (and the lesson's
// form of momentum its own). A setting of another optimizer is an error, not
// silently ignored.
const std::vector<const char*>& settings_of(OptimizerKind kind) {
  static const std::vector<std::vector<const char*>> all = {
      {"lr", "weight_decay", "momentum", "dampening", "nesterov"},                                  // sgd
      {"lr", "weight_decay", "form", "beta", "momentum", "dampening", "nesterov"},                  // momentum
      {"lr", "weight_decay", "lr_decay", "initial_accumulator", "eps"},                             // adagrad
      {"lr", "weight_decay", "alpha", "eps", "centered", "momentum"},                               // rmsprop
      {"lr", "weight_decay", "beta1", "beta2", "eps", "bias_correction", "decoupled", "amsgrad"},  // adam
  };
  return all[static_cast<std::size_t>(kind)];
}

void check_settings_of_kind(const Value& v, const std::string& field, OptimizerKind kind) {
  for (const auto& [key, value] : v.members()) {
    if (key == "id" || key == "kind") continue;
    bool known = false;
    for (const char* k : settings_of(kind)) known = known || key == k;
    if (!known) throw Error("not_a_setting_of", join_field(field, key), {{"kind", optimizer_name(kind)}});
  }
  if (kind != OptimizerKind::momentum) return;
  // Momentum's two forms take different settings: beta (the lesson's), or
  // momentum, dampening and nesterov (PyTorch's SGD).
  const Value* form = member(v, "form");
  const bool pytorch = form && form->is_string() && form->as_string() == "pytorch";
  for (const char* key : {"momentum", "dampening", "nesterov"}) {
    if (member(v, key) && !pytorch) throw Error("setting_of_form", join_field(field, key), {{"form", "pytorch"}});
  }
  if (member(v, "beta") && pytorch) throw Error("setting_of_form", join_field(field, "beta"), {{"form", "ewa"}});
}

}  // namespace

OptimizerOptions read_optimizer(const Value& v, const std::string& field) {
  require_object(v, field);
  check_keys(v, field, {"id", "kind", "lr", "weight_decay", "momentum", "dampening", "nesterov", "form", "beta",
                        "lr_decay", "initial_accumulator", "alpha", "centered", "beta1", "beta2", "bias_correction",
                        "decoupled", "amsgrad", "eps"});
  const Value* kind = member(v, "kind");
  if (!kind) throw Error("missing", join_field(field, "kind"));
  const std::string& name = read_string(*kind, join_field(field, "kind"));
  const auto& names = optimizer_names();
  std::size_t index = 0;
  while (index < names.size() && names[index] != name) ++index;
  if (index == names.size()) {
    throw Error("unknown_choice", join_field(field, "kind"),
                {{"value", name}, {"choices", "sgd, momentum, adagrad, rmsprop, adam"}});
  }
  OptimizerOptions o = default_options(static_cast<OptimizerKind>(index));
  check_settings_of_kind(v, field, o.kind);
  auto f = [&](const char* key) { return join_field(field, key); };
  auto get = [&](const char* key) { return member(v, key); };

  if (const Value* x = get("lr")) o.lr = read_positive(*x, f("lr"));
  if (const Value* x = get("weight_decay")) o.weight_decay = read_non_negative(*x, f("weight_decay"));
  if (const Value* x = get("eps")) o.eps = read_positive(*x, f("eps"));
  if (const Value* x = get("momentum")) o.momentum = read_rate(*x, f("momentum"));
  if (const Value* x = get("dampening")) o.dampening = read_in_range(*x, f("dampening"), 0, 1);
  if (const Value* x = get("nesterov")) o.nesterov = read_bool(*x, f("nesterov"));
  if (const Value* x = get("form")) {
    const std::string& form = read_string(*x, f("form"));
    if (form != "ewa" && form != "pytorch") throw Error("unknown_choice", f("form"), {{"value", form}, {"choices", "ewa, pytorch"}});
    o.pytorch_form = form == "pytorch";
  }
  if (const Value* x = get("beta")) o.beta = read_rate(*x, f("beta"));
  if (const Value* x = get("lr_decay")) o.lr_decay = read_non_negative(*x, f("lr_decay"));
  if (const Value* x = get("initial_accumulator")) o.initial_accumulator = read_non_negative(*x, f("initial_accumulator"));
  if (const Value* x = get("alpha")) o.alpha = read_rate(*x, f("alpha"));
  if (const Value* x = get("centered")) o.centered = read_bool(*x, f("centered"));
  if (const Value* x = get("beta1")) o.beta1 = read_rate(*x, f("beta1"));
  if (const Value* x = get("beta2")) o.beta2 = read_rate(*x, f("beta2"));
  if (const Value* x = get("bias_correction")) o.bias_correction = read_bool(*x, f("bias_correction"));
  if (const Value* x = get("decoupled")) o.decoupled = read_bool(*x, f("decoupled"));
  if (const Value* x = get("amsgrad")) o.amsgrad = read_bool(*x, f("amsgrad"));
  // AdamW's own default weight decay, 0.01 (torch.optim.AdamW), where none is given.
  if (o.kind == OptimizerKind::adam && o.decoupled && !get("weight_decay")) o.weight_decay = 0.01;
  // As PyTorch: "Nesterov momentum requires a momentum and zero dampening".
  const bool uses_sgd_momentum = o.kind == OptimizerKind::sgd || (o.kind == OptimizerKind::momentum && o.pytorch_form);
  if (o.nesterov && uses_sgd_momentum && (o.momentum <= 0 || o.dampening != 0)) {
    throw Error("nesterov_needs_momentum", f("nesterov"));
  }
  return o;
}

Value optimizer_to_value(const OptimizerOptions& o) {
  Value v = Value::object();
  v.set("kind", optimizer_name(o.kind));
  v.set("lr", o.lr);
  if (o.weight_decay != 0) v.set("weight_decay", o.weight_decay);
  switch (o.kind) {
    case OptimizerKind::sgd:
    case OptimizerKind::momentum:
      if (o.kind == OptimizerKind::momentum) v.set("form", o.pytorch_form ? "pytorch" : "ewa");
      if (o.kind == OptimizerKind::momentum && !o.pytorch_form) {
        v.set("beta", o.beta);
        break;
      }
      v.set("momentum", o.momentum);
      v.set("dampening", o.dampening);
      v.set("nesterov", o.nesterov);
      break;
    case OptimizerKind::adagrad:
      v.set("lr_decay", o.lr_decay);
      v.set("initial_accumulator", o.initial_accumulator);
      v.set("eps", o.eps);
      break;
    case OptimizerKind::rmsprop:
      v.set("alpha", o.alpha);
      v.set("eps", o.eps);
      v.set("centered", o.centered);
      v.set("momentum", o.momentum);
      break;
    case OptimizerKind::adam:
      v.set("beta1", o.beta1);
      v.set("beta2", o.beta2);
      v.set("eps", o.eps);
      v.set("bias_correction", o.bias_correction);
      v.set("decoupled", o.decoupled);
      v.set("amsgrad", o.amsgrad);
      break;
  }
  return v;
}

Value optimizer_state_value(const OptimizerState& s) {
  Value v = Value::object();
  v.set("t", static_cast<double>(s.t));
  auto add = [&v](const char* key, const Eigen::VectorXd& x) {
    if (x.size()) v.set(key, Value::numbers(std::vector<double>(x.data(), x.data() + x.size())));
  };
  add("grad", s.grad);
  add("buffer", s.buffer);
  add("direction", s.direction);
  add("s", s.s);
  add("g_avg", s.g_avg);
  add("m", s.m);
  add("v", s.v);
  add("v_max", s.v_max);
  add("m_hat", s.m_hat);
  add("v_hat", s.v_hat);
  add("denominator", s.denominator);
  add("effective_rate", s.effective_rate);
  add("update", s.update);
  v.set("lr_t", s.lr_t);
  return v;
}

}  // namespace bp
