#include "api/api.hpp"
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

}  // namespace bp::api
