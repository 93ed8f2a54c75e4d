// The catalogs the page builds its lists and forms from: what the core's
// tables say, and that a spec made of a catalog's defaults reads back as
// PyTorch's defaults.
#include <catch2/catch.hpp>

#include "api/api.hpp"
#include "base/error.hpp"
#include "losses/loss.hpp"
#include "nn/activation.hpp"
#include "nn/config.hpp"
#include "optim/optimizer_config.hpp"

namespace {

const bp::Value& entry(const bp::Value& list, const std::string& name) {
  for (std::size_t i = 0; i < list.size(); ++i) {
    if (list[i].find("name")->as_string() == name) return list[i];
  }
  FAIL("no entry " << name);
  return list;
}

}  // namespace

TEST_CASE("activations(): every activation of the table, with its formula, derivative and PyTorch call") {
  const bp::Value list = bp::api::activations();
  REQUIRE(list.size() == bp::activation_names().size());
  CHECK(entry(list, "sigmoid").find("formula")->as_string() == "\\frac{1}{1 + e^{-\\mathrm{net}}}");
  CHECK(entry(list, "sigmoid").find("derivative")->as_string() == "\\mathrm{out}(1 - \\mathrm{out})");
  CHECK(entry(list, "tanh").find("derivative")->as_string() == "1 - \\mathrm{out}^2");
  CHECK(entry(list, "relu").find("derivative")->as_string() == "\\mathbb{1}[\\mathrm{net} > 0]");
  CHECK(entry(list, "relu").find("pytorch")->as_string() == "torch.relu({z})");
  CHECK(entry(list, "softmax").find("whole_layer")->as_bool());
  CHECK(entry(list, "softmax").find("formula")->as_string() ==
        "\\frac{e^{\\mathrm{net}_1}}{e^{\\mathrm{net}_1} + e^{\\mathrm{net}_2} + e^{\\mathrm{net}_3}}");
  CHECK_FALSE(entry(list, "linear").find("whole_layer")->as_bool());
}

TEST_CASE("the named activations are the table's entries of those names") {
  CHECK(bp::Activation::sigmoid->name == "sigmoid");
  CHECK(bp::Activation::tanh->name == "tanh");
  CHECK(bp::Activation::relu->name == "relu");
  CHECK(bp::Activation::linear->name == "linear");
  CHECK(bp::Activation::softmax->name == "softmax");
  CHECK(*bp::find_activation("relu") == bp::Activation::relu);
  CHECK_FALSE(bp::find_activation("swish"));
}

TEST_CASE("optimizers(): PyTorch's defaults, and each setting's type and form") {
  const bp::Value list = bp::api::optimizers();
  REQUIRE(list.size() == 5);
  auto setting = [&](const std::string& optimizer, const std::string& key) -> const bp::Value& {
    const bp::Value& settings = *entry(list, optimizer).find("settings");
    for (std::size_t i = 0; i < settings.size(); ++i) {
      if (settings[i].find("key")->as_string() == key) return settings[i];
    }
    FAIL("no setting " << optimizer << "." << key);
    return settings;
  };
  CHECK(setting("adam", "lr").find("default")->as_number() == 0.001);
  CHECK(setting("adam", "beta2").find("default")->as_number() == 0.999);
  CHECK(setting("adam", "beta2").find("type")->as_string() == "rate");
  CHECK(setting("adam", "amsgrad").find("default")->as_bool() == false);
  CHECK(setting("adagrad", "eps").find("default")->as_number() == 1e-10);
  CHECK(setting("rmsprop", "alpha").find("default")->as_number() == 0.99);
  CHECK(setting("momentum", "form").find("default")->as_string() == "ewa");
  CHECK(setting("momentum", "beta").find("form")->as_string() == "ewa");
  CHECK(setting("momentum", "momentum").find("form")->as_string() == "pytorch");
  CHECK(setting("momentum", "momentum").find("default")->as_number() == 0.9);
  CHECK(setting("sgd", "momentum").find("default")->as_number() == 0);
  CHECK(setting("sgd", "dampening").find("type")->as_string() == "unit");
  CHECK(entry(list, "rmsprop").find("pytorch")->as_string() == "torch.optim.RMSprop");
}

TEST_CASE("a spec of every setting at the catalog's default reads back as PyTorch's defaults, in each form") {
  const bp::Value list = bp::api::optimizers();
  for (std::size_t i = 0; i < list.size(); ++i) {
    for (const std::string form : {"ewa", "pytorch"}) {
      const std::string name = list[i].find("name")->as_string();
      if (name != "momentum" && form == "pytorch") continue;
      bp::Value spec = bp::Value::object();
      spec.set("kind", name);
      const bp::Value& settings = *list[i].find("settings");
      for (std::size_t k = 0; k < settings.size(); ++k) {
        const bp::Value& s = settings[k];
        const bp::Value* only = s.find("form");
        if (only && only->as_string() != form) continue;
        spec.set(s.find("key")->as_string(), s.find("type")->as_string() == "form" ? bp::Value(form) : *s.find("default"));
      }
      INFO(name << " " << form);
      const bp::OptimizerOptions read = bp::read_optimizer(spec, "optimizer");
      bp::OptimizerOptions expected = bp::default_options(read.kind);
      expected.pytorch_form = form == "pytorch";
      CHECK(bp::optimizer_to_value(read).to_json() == bp::optimizer_to_value(expected).to_json());
    }
  }
}

TEST_CASE("losses(): each loss's parameters with PyTorch's defaults and ranges, what it needs, its LaTeX and PyTorch") {
  const bp::Value list = bp::api::losses();
  REQUIRE(list.size() == bp::loss_names().size());
  REQUIRE(list.size() == 7);
  auto parameter = [&](const std::string& loss, const std::string& key) -> const bp::Value& {
    const bp::Value& parameters = *entry(list, loss).find("parameters");
    for (std::size_t i = 0; i < parameters.size(); ++i) {
      if (parameters[i].find("key")->as_string() == key) return parameters[i];
    }
    FAIL("no parameter " << loss << "." << key);
    return parameters;
  };
  CHECK(parameter("smooth_l1", "beta").find("default")->as_number() == 1);
  CHECK(parameter("smooth_l1", "beta").find("min")->as_number() == 0);
  CHECK(parameter("smooth_l1", "beta").find("max")->is_null());
  CHECK(parameter("smooth_l1", "beta").find("type")->as_string() == "non_negative");
  CHECK(parameter("ce", "label_smoothing").find("default")->as_number() == 0);
  CHECK(parameter("ce", "label_smoothing").find("min")->as_number() == 0);
  CHECK(parameter("ce", "label_smoothing").find("max")->as_number() == 1);
  CHECK(entry(list, "mse").find("parameters")->size() == 0);

  CHECK(entry(list, "bce").find("needs")->as_string() == "sigmoid");
  CHECK(entry(list, "ce").find("needs")->as_string() == "softmax");
  CHECK(entry(list, "bce_logits").find("needs")->as_string() == "");
  CHECK(entry(list, "mse").find("needs")->as_string() == "");
  CHECK(entry(list, "bce").find("targets")->as_string() == "probabilities");
  CHECK(entry(list, "bce_logits").find("targets")->as_string() == "probabilities");
  CHECK(entry(list, "ce").find("targets")->as_string() == "probabilities");
  CHECK(entry(list, "ce").find("targets_sum_to_one")->as_bool());
  CHECK(entry(list, "half_sse").find("targets")->as_string() == "any");
  CHECK_FALSE(entry(list, "bce").find("targets_sum_to_one")->as_bool());

  CHECK(entry(list, "half_sse").find("formula")->as_string() == "\\tfrac{1}{2}(\\mathrm{target} - \\mathrm{out})^2");
  CHECK(entry(list, "half_sse").find("gradient")->as_string() == "-(\\mathrm{target} - \\mathrm{out})");
  CHECK(entry(list, "mse").find("formula")->as_string() == "(\\mathrm{target} - \\mathrm{out})^2");
  CHECK(entry(list, "mse").find("gradient")->as_string() == "-2(\\mathrm{target} - \\mathrm{out})");
  CHECK(entry(list, "ce").find("formula")->as_string() == "-\\mathrm{target} \\log \\mathrm{out}");
  CHECK(entry(list, "smooth_l1").find("gradient")->as_string() ==
        "\\begin{cases} \\frac{\\mathrm{out} - \\mathrm{target}}{\\beta} \\\\ "
        "\\operatorname{sign}(\\mathrm{out} - \\mathrm{target}) \\end{cases}");
  CHECK(entry(list, "smooth_l1").find("pytorch")->as_string() == "F.smooth_l1_loss(out, T, beta={beta})");
  CHECK(entry(list, "ce").find("pytorch")->as_string() == "F.cross_entropy(out, T, label_smoothing={label_smoothing})");
  CHECK(entry(list, "bce_logits").find("pytorch")->as_string() == "F.binary_cross_entropy_with_logits(out, T)");
}

TEST_CASE("the named losses are the table's entries of those names, and Loss's defaults are the table's") {
  CHECK(bp::LossKind::half_sse->name == "half_sse");
  CHECK(bp::LossKind::mse->name == "mse");
  CHECK(bp::LossKind::mae->name == "mae");
  CHECK(bp::LossKind::smooth_l1->name == "smooth_l1");
  CHECK(bp::LossKind::bce->name == "bce");
  CHECK(bp::LossKind::bce_logits->name == "bce_logits");
  CHECK(bp::LossKind::ce->name == "ce");
  CHECK(*bp::find_loss("bce") == bp::LossKind::bce);
  CHECK_FALSE(bp::find_loss("l2"));
  const bp::Loss loss;
  for (const bp::LossInfo& info : bp::loss_table()) {
    for (const bp::LossParameter& p : info.parameters) {
      INFO(info.name << "." << p.key);
      CHECK(loss.*p.field == p.default_value);
    }
  }
}

TEST_CASE("the config reader takes every loss the catalog lists, and refuses every other name") {
  const bp::Value list = bp::api::losses();
  std::string names;
  for (std::size_t i = 0; i < list.size(); ++i) {
    const std::string name = list[i].find("name")->as_string();
    names += (i ? ", " : "") + name;
    CHECK(bp::loss_name(bp::loss_from_name(name, "loss")) == name);
    CHECK(bp::loss_from_value(bp::Value(name), "loss").kind == bp::loss_from_name(name, "loss"));
  }
  CHECK(names == "half_sse, mse, mae, smooth_l1, bce, bce_logits, ce");
  for (const std::string other : {"huber", "l1", "MSE", "", "sse", "cross_entropy", "bce "}) {
    INFO(other);
    try {
      bp::loss_from_name(other, "loss");
      FAIL("accepted " << other);
    } catch (const bp::Error& e) {
      CHECK(e.code() == "unknown_choice");
      CHECK(e.field() == "loss");
      std::string choices;
      for (const auto& [key, value] : e.params()) {
        if (key == "choices") choices = value;
      }
      CHECK(choices == names);
    }
  }
}

TEST_CASE("the explorer takes every loss of the table that has explorer formulas, with its parameters, and no other") {
  std::string shown;
  for (const bp::LossInfo& l : bp::loss_table()) {
    if (l.explorer.name.empty()) continue;
    shown += (shown.empty() ? "" : ", ") + l.name;
    INFO(l.name);
    bp::Value spec = bp::Value::object();
    spec.set("kind", l.name);
    const bool probabilities = l.needs == bp::Activation::sigmoid;
    spec.set("from", probabilities ? 0.1 : -2.5);
    spec.set("to", probabilities ? 0.9 : 2.5);
    spec.set("points", 3);
    spec.set("target", l.name == "ce" ? bp::Value(0) : bp::Value(0.25));
    if (l.name == "ce") {
      spec.set("logits", bp::Value::array_of(std::vector<double>{0.5, -1, 2}));
      spec.set("vary", 0);
    }
    // Each parameter of the entry at a value of its own: the curve moves with it.
    const bp::Value before = bp::api::loss_curve(spec);
    for (const bp::LossParameter& p : l.parameters) spec.set(p.key, 0.5 * p.default_value + 0.25);
    const bp::Value after = bp::api::loss_curve(spec);
    CHECK(before.find("loss")->as_numbers().size() == 3u);
    if (!l.parameters.empty()) CHECK(before.find("loss")->as_numbers() != after.find("loss")->as_numbers());
    // A parameter's range is the entry's: -1 is refused by every one.
    for (const bp::LossParameter& p : l.parameters) {
      bp::Value bad = spec;
      bad.set(p.key, -1);
      CHECK_THROWS_AS(bp::api::loss_curve(bad), bp::Error);
    }
  }
  CHECK(shown == "mse, mae, smooth_l1, bce, bce_logits, ce, huber");
  // A bad target is named before a bad parameter (the page shows each beside its field).
  bp::Value both = bp::Value::object();
  both.set("kind", "smooth_l1");
  both.set("beta", -1);
  both.set("input", bp::Value::array_of(std::vector<double>{0.5}));
  both.set("target", bp::Value::array_of(std::vector<std::string>{"abc"}));
  try {
    bp::api::loss(both);
    FAIL("took a target of abc");
  } catch (const bp::Error& e) {
    CHECK(e.field() == "target[0]");
  }
  bp::Value spec = bp::Value::object();
  spec.set("kind", "half_sse");
  spec.set("input", bp::Value::array_of(std::vector<double>{0.5}));
  spec.set("target", bp::Value::array_of(std::vector<double>{0.5}));
  try {
    bp::api::loss(spec);
    FAIL("the explorer took half_sse");
  } catch (const bp::Error& e) {
    CHECK(e.code() == "unknown_choice");
    CHECK(e.params().back().second == shown);
  }
}
