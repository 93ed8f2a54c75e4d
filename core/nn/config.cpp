#include "nn/config.hpp"

#include <cmath>

#include "base/error.hpp"
#include "nn/names.hpp"
#include "base/read.hpp"

namespace bp {

Activation activation_from_name(const std::string& name, const std::string& field) {
  if (const auto a = find_activation(name)) return *a;
  throw_unknown_choice(field, name, activation_names());
}

LossKind loss_from_name(const std::string& name, const std::string& field) {
  if (const auto kind = find_loss(name); kind && (*kind)->network) return *kind;
  throw_unknown_choice(field, name, loss_names());
}

Config classic_config() {
  Config c;
  c.network.inputs = 2;
  c.network.shared_bias = true;
  Layer hidden, output;
  hidden.W.resize(2, 2);
  hidden.W << 0.15, 0.20, 0.25, 0.30;
  hidden.b = Eigen::VectorXd::Constant(2, 0.35);
  output.W.resize(2, 2);
  output.W << 0.40, 0.45, 0.50, 0.55;
  output.b = Eigen::VectorXd::Constant(2, 0.60);
  c.network.layers = {hidden, output};
  c.inputs.resize(2);
  c.inputs << 0.05, 0.10;
  c.targets.resize(2);
  c.targets << 0.01, 0.99;
  c.learning_rate = 0.5;
  c.train_biases = false;
  c.loss.kind = LossKind::half_sse;
  return c;
}

bool is_classic(const Config& c) {
  static const std::string classic = config_to_value(classic_config()).to_json();
  return config_to_value(c).to_json() == classic;
}

Config with_bias_mode(Config c, bool per_neuron_trained) {
  c.train_biases = per_neuron_trained;
  c.network.shared_bias = !per_neuron_trained;
  if (!per_neuron_trained) {
    for (auto& layer : c.network.layers) layer.b.setConstant(layer.b.mean());
  }
  return c;
}

// A loss's name, or {"kind", and each parameter that differs from its
// default or is written even at it}.
Value loss_to_value(const Loss& loss) {
  Value v = Value::object();
  v.set("kind", loss_name(loss.kind));
  bool parameters = false;
  for (const LossParameter& p : loss.kind->parameters) {
    if (p.written_at_default || loss.*p.field != p.default_value) {
      v.set(p.key, loss.*p.field);
      parameters = true;
    }
  }
  return parameters ? v : Value(loss_name(loss.kind));
}

namespace {

// The parameters of every network loss: a config may give any of them, and
// each loss reads its own.
const std::vector<const LossParameter*>& loss_parameters() {
  static const std::vector<const LossParameter*> all = [] {
    std::vector<const LossParameter*> v;
    for (const LossInfo& info : loss_table()) {
      for (const LossParameter& p : info.parameters) {
        if (info.network) v.push_back(&p);
      }
    }
    return v;
  }();
  return all;
}

double read_loss_parameter(const LossParameter& p, const Value& v) {
  switch (p.type) {
    case LossParameter::Type::positive: return read_positive(v, p.key);
    case LossParameter::Type::non_negative: return read_non_negative(v, p.key);
    case LossParameter::Type::unit: break;
  }
  return read_in_range(v, p.key, 0.0, 1.0);
}

}  // namespace

Loss loss_from_value(const Value& v, const std::string& field) {
  Loss loss;
  if (v.is_string()) {
    loss.kind = loss_from_name(v.as_string(), field);
    return loss;
  }
  require_object(v, field);
  for (const auto& [key, value] : v.members()) {
    bool known = key == "kind";
    for (const LossParameter* p : loss_parameters()) known = known || key == p->key;
    if (!known) throw Error("unknown_key", join_field(field, key));
  }
  const Value* kind = member(v, "kind");
  if (!kind) throw Error("expected_string", join_field(field, "kind"));
  loss.kind = loss_from_name(read_string(*kind, join_field(field, "kind")), join_field(field, "kind"));
  for (const LossParameter* p : loss_parameters()) {
    if (const Value* x = member(v, p->key.c_str())) loss.*p->field = read_loss_parameter(*p, *x);
  }
  return loss;
}

void check_loss_fits(const Network& n, const Loss& loss, const Eigen::VectorXd& targets) {
  const std::size_t L = n.layers.size();
  for (std::size_t l = 1; l < L; ++l) {
    if (n.layers[l - 1].activation == Activation::softmax) {
      throw Error("softmax_not_output", "activations[" + std::to_string(l - 1) + "]");
    }
  }
  const LossInfo& info = loss.kind.info();
  if (info.needs && n.layers.back().activation != *info.needs) {
    throw Error("loss_needs_activation", "loss", {{"loss", info.name}, {"activation", activation_name(*info.needs)}});
  }
  if (info.probability_targets) {
    const Names names({n.inputs, n.outputs()}, false);
    for (Eigen::Index k = 0; k < targets.size(); ++k) {
      if (targets[k] < 0 || targets[k] > 1) {
        throw Error("out_of_range", names.target(k),
                    {{"min", "0"}, {"max", "1"}, {"value", shortest(targets[k])}});
      }
    }
  }
  // Softmax and cross-entropy simplify to out - target for a distribution.
  if (info.targets_sum_to_one && std::abs(targets.sum() - 1.0) > 1e-9) {
    throw Error("targets_sum", "targets", {{"value", shortest(targets.sum())}});
  }
}

Config config_from_value(const Value& v) {
  require_object(v, "config");
  check_keys(v, "", {"layers", "activations", "inputs", "targets", "weights", "biases", "shared_bias",
                     "train_biases", "learning_rate", "loss"});
  auto required = [&v](const char* key) -> const Value& {
    const Value* m = member(v, key);
    if (!m) throw Error("missing", key);
    return *m;
  };

  Config c;
  // Shape.
  const auto& layer_values = read_array(required("layers"), "layers");
  if (layer_values.size() < 2) {
    throw Error("too_few", "layers", {{"min", "2"}, {"actual", std::to_string(layer_values.size())}});
  }
  if (static_cast<long>(layer_values.size()) > max_layers) {
    throw Error("too_many", "layers",
                {{"max", std::to_string(max_layers)}, {"actual", std::to_string(layer_values.size())}});
  }
  std::vector<Eigen::Index> sizes;
  for (std::size_t l = 0; l < layer_values.size(); ++l) {
    sizes.push_back(read_integer(layer_values[l], "layers[" + std::to_string(l) + "]", 1, max_layer_size));
  }
  const std::size_t L = sizes.size() - 1;
  c.network.inputs = sizes[0];
  c.network.shared_bias = member(v, "shared_bias") ? read_bool(*member(v, "shared_bias"), "shared_bias") : false;
  c.train_biases = member(v, "train_biases") ? read_bool(*member(v, "train_biases"), "train_biases") : false;
  const Names names(sizes, c.network.shared_bias);
  c.network.layers.resize(L);

  // Activations: one name for all layers, or one per layer.
  const Value& acts = required("activations");
  for (std::size_t l = 1; l <= L; ++l) {
    const std::string field = acts.is_string() ? "activations" : "activations[" + std::to_string(l - 1) + "]";
    const Value& a = acts.is_string() ? acts : read_array(acts, "activations", static_cast<long>(L))[l - 1];
    c.network.layers[l - 1].activation = activation_from_name(read_string(a, field), field);
  }

  // Example.
  const auto& inputs = read_array(required("inputs"), "inputs", sizes[0]);
  c.inputs.resize(sizes[0]);
  for (Eigen::Index i = 0; i < sizes[0]; ++i) c.inputs[i] = read_number(inputs[i], names.node(0, i));
  const auto& targets = read_array(required("targets"), "targets", sizes[L]);
  c.targets.resize(sizes[L]);
  for (Eigen::Index k = 0; k < sizes[L]; ++k) c.targets[k] = read_number(targets[k], names.target(k));

  // Parameters.
  const auto& weights = read_array(required("weights"), "weights", static_cast<long>(L));
  const auto& biases = read_array(required("biases"), "biases", static_cast<long>(L));
  for (std::size_t l = 1; l <= L; ++l) {
    Layer& layer = c.network.layers[l - 1];
    const std::string wfield = "weights[" + std::to_string(l - 1) + "]";
    const auto& rows = read_array(weights[l - 1], wfield, sizes[l]);
    layer.W.resize(sizes[l], sizes[l - 1]);
    for (Eigen::Index j = 0; j < sizes[l]; ++j) {
      const auto& row = read_array(rows[j], wfield + "[" + std::to_string(j) + "]", sizes[l - 1]);
      for (Eigen::Index i = 0; i < sizes[l - 1]; ++i) layer.W(j, i) = read_number(row[i], names.weight(l, j, i));
    }
    layer.b.resize(sizes[l]);
    if (c.network.shared_bias) {
      layer.b.setConstant(read_number(biases[l - 1], names.bias(l, 0)));
    } else {
      const auto& b = read_array(biases[l - 1], "biases[" + std::to_string(l - 1) + "]", sizes[l]);
      for (Eigen::Index j = 0; j < sizes[l]; ++j) layer.b[j] = read_number(b[j], names.bias(l, j));
    }
  }

  c.learning_rate = read_positive(required("learning_rate"), "learning_rate");
  if (const Value* loss = member(v, "loss")) c.loss = loss_from_value(*loss, "loss");
  check_loss_fits(c.network, c.loss, c.targets);
  return c;
}

Value config_to_value(const Config& c) {
  const std::size_t L = c.network.layers.size();
  Value v = Value::object();
  Value layers = Value::array();
  layers.push(Value(static_cast<double>(c.network.inputs)));
  Value activations = Value::array();
  Value weights = Value::array();
  Value biases = Value::array();
  for (std::size_t l = 1; l <= L; ++l) {
    const Layer& layer = c.network.layers[l - 1];
    layers.push(Value(static_cast<double>(layer.W.rows())));
    activations.push(Value(activation_name(layer.activation)));
    Value rows = Value::array();
    for (Eigen::Index j = 0; j < layer.W.rows(); ++j) {
      Value row = Value::array();
      for (Eigen::Index i = 0; i < layer.W.cols(); ++i) row.push(layer.W(j, i));
      rows.push(row);
    }
    weights.push(rows);
    if (c.network.shared_bias) {
      biases.push(layer.b[0]);
    } else {
      Value b = Value::array();
      for (Eigen::Index j = 0; j < layer.b.size(); ++j) b.push(layer.b[j]);
      biases.push(b);
    }
  }
  Value inputs = Value::array(), targets = Value::array();
  for (Eigen::Index i = 0; i < c.inputs.size(); ++i) inputs.push(c.inputs[i]);
  for (Eigen::Index k = 0; k < c.targets.size(); ++k) targets.push(c.targets[k]);
  v.set("layers", layers);
  v.set("activations", activations);
  v.set("inputs", inputs);
  v.set("targets", targets);
  v.set("weights", weights);
  v.set("biases", biases);
  v.set("shared_bias", c.network.shared_bias);
  v.set("train_biases", c.train_biases);
  v.set("learning_rate", c.learning_rate);
  v.set("loss", loss_to_value(c.loss));
  return v;
}

}  // namespace bp
