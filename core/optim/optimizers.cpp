// The optimizers: one entry each, with its settings as torch.optim names
// them and PyTorch's defaults. The reader (optimizer_config.cpp), the
// writer and the catalog the page builds its forms from follow this table.
#include "optim/optimizer_config.hpp"

namespace bp {

namespace {

using T = OptimizerSetting::Type;
using O = OptimizerOptions;

OptimizerSetting number(const char* key, T type, double O::*field, const char* form = "") {
  return {key, type, field, nullptr, form};
}
OptimizerSetting flag(const char* key, bool O::*field, const char* form = "") {
  return {key, T::boolean, nullptr, field, form};
}

O defaults(OptimizerKind kind, double lr, double eps = 1e-8, double momentum = 0) {
  O o;
  o.kind = kind;
  o.lr = lr;
  o.eps = eps;
  o.momentum = momentum;
  return o;
}

std::vector<OptimizerInfo> make_table() {
  const OptimizerSetting lr = number("lr", T::positive, &O::lr);
  const OptimizerSetting weight_decay = number("weight_decay", T::non_negative, &O::weight_decay);
  return {
      {OptimizerKind::sgd, "sgd", "torch.optim.SGD",
       {lr, weight_decay, number("momentum", T::rate, &O::momentum), number("dampening", T::unit, &O::dampening),
        flag("nesterov", &O::nesterov)},
       defaults(OptimizerKind::sgd, 0.01)},
      // The lesson's form (an exponentially weighted average, beta) or
      // PyTorch's SGD(momentum=mu): each has its own settings.
      {OptimizerKind::momentum, "momentum", "torch.optim.SGD",
       {lr, weight_decay, {"form", T::form, nullptr, nullptr, ""}, number("beta", T::rate, &O::beta, "ewa"),
        number("momentum", T::rate, &O::momentum, "pytorch"), number("dampening", T::unit, &O::dampening, "pytorch"),
        flag("nesterov", &O::nesterov, "pytorch")},
       defaults(OptimizerKind::momentum, 0.01, 1e-8, 0.9)},
      {OptimizerKind::adagrad, "adagrad", "torch.optim.Adagrad",
       {lr, weight_decay, number("lr_decay", T::non_negative, &O::lr_decay),
        number("initial_accumulator", T::non_negative, &O::initial_accumulator), number("eps", T::positive, &O::eps)},
       defaults(OptimizerKind::adagrad, 0.01, 1e-10)},
      {OptimizerKind::rmsprop, "rmsprop", "torch.optim.RMSprop",
       {lr, weight_decay, number("alpha", T::rate, &O::alpha), number("eps", T::positive, &O::eps),
        flag("centered", &O::centered), number("momentum", T::rate, &O::momentum)},
       defaults(OptimizerKind::rmsprop, 0.01)},
      {OptimizerKind::adam, "adam", "torch.optim.Adam",
       {lr, weight_decay, number("beta1", T::rate, &O::beta1), number("beta2", T::rate, &O::beta2),
        number("eps", T::positive, &O::eps), flag("bias_correction", &O::bias_correction),
        flag("decoupled", &O::decoupled), flag("amsgrad", &O::amsgrad)},
       defaults(OptimizerKind::adam, 0.001)},
  };
}

}  // namespace

const std::vector<OptimizerInfo>& optimizer_table() {
  static const std::vector<OptimizerInfo> table = make_table();
  return table;
}

const OptimizerInfo& optimizer_info(OptimizerKind kind) { return optimizer_table()[static_cast<std::size_t>(kind)]; }

const std::vector<std::string>& optimizer_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> v;
    for (const auto& o : optimizer_table()) v.push_back(o.name);
    return v;
  }();
  return names;
}

std::string optimizer_name(OptimizerKind kind) { return optimizer_info(kind).name; }

OptimizerOptions default_options(OptimizerKind kind) { return optimizer_info(kind).defaults; }

Value optimizer_catalog() {
  static const char* const types[] = {"positive", "non_negative", "rate", "unit", "boolean", "form"};
  Value list = Value::array();
  for (const auto& o : optimizer_table()) {
    Value settings = Value::array();
    for (const auto& s : o.settings) {
      Value v = Value::object();
      v.set("key", s.key);
      v.set("type", types[static_cast<int>(s.type)]);
      if (s.number) v.set("default", o.defaults.*s.number);
      if (s.flag) v.set("default", o.defaults.*s.flag);
      if (s.type == T::form) v.set("default", o.defaults.pytorch_form ? "pytorch" : "ewa");
      if (!s.only_form.empty()) v.set("form", s.only_form);
      settings.push(v);
    }
    Value v = Value::object();
    v.set("name", o.name);
    v.set("pytorch", o.pytorch);
    v.set("settings", settings);
    list.push(v);
  }
  return list;
}

}  // namespace bp
