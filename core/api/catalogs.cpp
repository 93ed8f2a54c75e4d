#include "api/api.hpp"
#include "data/datasets.hpp"
#include "data/features.hpp"
#include "losses/loss.hpp"
#include "nn/activation.hpp"
#include "optim/optimizer_config.hpp"

namespace bp::api {

Value activations() {
  const TexArg net{"\\mathrm{net}", "\\mathrm{net}"}, out{"\\mathrm{out}", "\\mathrm{out}"};
  Value list = Value::array();
  for (const auto& a : activation_table()) {
    Value v = Value::object();
    v.set("name", a.name);
    v.set("whole_layer", a.whole_layer);
    // A whole-layer activation, shown for out_1 of a layer of three.
    const std::vector<TexArg> layer = {{"\\mathrm{net}_1", "\\mathrm{net}_1"},
                                       {"\\mathrm{net}_2", "\\mathrm{net}_2"},
                                       {"\\mathrm{net}_3", "\\mathrm{net}_3"}};
    v.set("formula", a.whole_layer ? a.tex(layer, 0) : a.tex({net}, 0));
    v.set("derivative", a.whole_layer ? std::string() : a.derivative_tex(net, out));
    v.set("pytorch", a.pytorch);
    list.push(v);
  }
  return list;
}

Value optimizers() { return optimizer_catalog(); }

Value datasets() {
  Value list = Value::array();
  for (const auto& d : dataset_table()) {
    Value v = Value::object();
    v.set("name", d.name);
    v.set("regression", d.regression);
    v.set("max_classes", d.max_classes);
    list.push(v);
  }
  return list;
}

Value features() {
  Value list = Value::array();
  for (const auto& f : feature_table()) {
    Value v = Value::object();
    v.set("name", f.name);
    v.set("tex", f.tex);
    list.push(v);
  }
  return list;
}

Value losses() {
  static const char* const types[] = {"positive", "non_negative", "unit"};
  Value list = Value::array();
  for (const LossInfo& info : loss_table()) {
    if (!info.network) continue;
    Loss loss;
    loss.kind = *find_loss(info.name);
    Value parameters = Value::array();
    for (const LossParameter& p : info.parameters) {
      Value v = Value::object();
      v.set("key", p.key);
      v.set("type", types[static_cast<int>(p.type)]);
      v.set("default", p.default_value);
      v.set("min", 0.0);
      v.set("max", p.type == LossParameter::Type::unit ? Value(1.0) : Value());
      parameters.push(v);
      loss.*p.field = p.default_value;
    }
    // For one output (K = 1), in target and out; a piecewise loss (the branch
    // the trace shows depends on the values) as cases: where out = target,
    // and far from it.
    auto tex = [&](std::string (*formula)(const LossTex&)) {
      LossTex a{"\\mathrm{target}", "\\mathrm{out}", {}, "\\,", &loss, 0.5, 0.5, 1};
      for (const LossParameter& p : info.parameters) a.parameters.push_back(p.symbol);
      const std::string near = formula(a);
      a.target_value = -1e6;
      const std::string far = formula(a);
      return near == far ? near : "\\begin{cases} " + near + " \\\\ " + far + " \\end{cases}";
    };
    Value v = Value::object();
    v.set("name", info.name);
    v.set("needs", info.needs ? activation_name(*info.needs) : std::string());
    v.set("targets", info.probability_targets ? "probabilities" : "any");
    v.set("targets_sum_to_one", info.targets_sum_to_one);
    v.set("parameters", parameters);
    v.set("formula", tex(info.term_tex));
    v.set("gradient", tex(info.gradient_tex));
    v.set("pytorch", info.pytorch);
    list.push(v);
  }
  return list;
}

}  // namespace bp::api
