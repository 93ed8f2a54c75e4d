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

const OptimizerSetting* setting_of(const OptimizerInfo& info, const std::string& key) {
  for (const auto& s : info.settings) {
    if (s.key == key) return &s;
  }
  return nullptr;
}

// A setting of another optimizer, or of momentum's other form, is an error,
// not silently ignored.
void check_settings_of_kind(const Value& v, const std::string& field, const OptimizerInfo& info) {
  const Value* form = member(v, "form");
  const std::string chosen = form && form->is_string() && form->as_string() == "pytorch" ? "pytorch" : "ewa";
  for (const auto& [key, value] : v.members()) {
    if (key == "id" || key == "kind") continue;
    const OptimizerSetting* s = setting_of(info, key);
    if (!s) throw Error("not_a_setting_of", join_field(field, key), {{"kind", info.name}});
    if (!s->only_form.empty() && s->only_form != chosen) {
      throw Error("setting_of_form", join_field(field, key), {{"form", s->only_form}});
    }
  }
}

void read_setting(const OptimizerSetting& s, const Value& x, const std::string& field, OptimizerOptions& o) {
  switch (s.type) {
    case OptimizerSetting::Type::positive: o.*s.number = read_positive(x, field); return;
    case OptimizerSetting::Type::non_negative: o.*s.number = read_non_negative(x, field); return;
    case OptimizerSetting::Type::rate: o.*s.number = read_rate(x, field); return;
    case OptimizerSetting::Type::unit: o.*s.number = read_in_range(x, field, 0, 1); return;
    case OptimizerSetting::Type::boolean: o.*s.flag = read_bool(x, field); return;
    case OptimizerSetting::Type::form: {
      const std::string& form = read_string(x, field);
      if (form != "ewa" && form != "pytorch") {
        throw Error("unknown_choice", field, {{"value", form}, {"choices", "ewa, pytorch"}});
      }
      o.pytorch_form = form == "pytorch";
      return;
    }
  }
}

}  // namespace

OptimizerOptions read_optimizer(const Value& v, const std::string& field) {
  require_object(v, field);
  // A key no optimizer has is unknown; one of another optimizer, below, is not its setting.
  for (const auto& [key, value] : v.members()) {
    bool known = key == "id" || key == "kind";
    for (const auto& o : optimizer_table()) known = known || setting_of(o, key);
    if (!known) throw Error("unknown_key", join_field(field, key));
  }
  const Value* kind = member(v, "kind");
  if (!kind) throw Error("missing", join_field(field, "kind"));
  const std::string& name = read_string(*kind, join_field(field, "kind"));
  const OptimizerInfo* info = nullptr;
  for (const auto& o : optimizer_table()) {
    if (o.name == name) info = &o;
  }
  if (!info) throw_unknown_choice(join_field(field, "kind"), name, optimizer_names());
  check_settings_of_kind(v, field, *info);
  OptimizerOptions o = info->defaults;
  for (const auto& s : info->settings) {
    if (const Value* x = member(v, s.key.c_str())) read_setting(s, *x, join_field(field, s.key), o);
  }
  // AdamW's own default weight decay, 0.01 (torch.optim.AdamW), where none is given.
  if (o.kind == OptimizerKind::adam && o.decoupled && !member(v, "weight_decay")) o.weight_decay = 0.01;
  // As PyTorch: "Nesterov momentum requires a momentum and zero dampening".
  const bool uses_sgd_momentum = o.kind == OptimizerKind::sgd || (o.kind == OptimizerKind::momentum && o.pytorch_form);
  if (o.nesterov && uses_sgd_momentum && (o.momentum <= 0 || o.dampening != 0)) {
    throw Error("nesterov_needs_momentum", join_field(field, "nesterov"));
  }
  return o;
}

Value optimizer_to_value(const OptimizerOptions& o) {
  const OptimizerInfo& info = optimizer_info(o.kind);
  const std::string form = o.pytorch_form ? "pytorch" : "ewa";
  Value v = Value::object();
  v.set("kind", info.name);
  for (const auto& s : info.settings) {
    if (!s.only_form.empty() && s.only_form != form) continue;
    if (s.key == "weight_decay" && o.weight_decay == 0) continue;  // written only when used
    if (s.number) v.set(s.key, o.*s.number);
    if (s.flag) v.set(s.key, o.*s.flag);
    if (s.type == OptimizerSetting::Type::form) v.set(s.key, form);
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
