// The playground's weights as a file, and the file read back: the input
// features, the network (shape, activations, output and loss, weights and
// biases) and the epoch it was saved at. Reading checks everything the
// playground needs before the page changes anything:
//   {"format": "backprop-playground-weights", "version": 1,
//    "features": ["x", "y", …], "network": a config (nn/config.hpp), "epoch": n}
#include <string>
#include <vector>

#include "api/api.hpp"
#include "base/error.hpp"
#include "base/read.hpp"
#include "data/features.hpp"
#include "losses/loss.hpp"
#include "nn/config.hpp"

namespace bp::api {

namespace {

constexpr const char* format_name = "backprop-playground-weights";
constexpr long max_hidden_neurons = 8;

std::vector<std::string> read_feature_names(const Value& v) {
  const auto& items = read_array(v, "features");
  if (items.empty()) throw Error("too_few", "features", {{"min", "1"}, {"actual", "0"}});
  std::vector<std::string> names;
  for (std::size_t j = 0; j < items.size(); ++j) {
    const std::string field = "features[" + std::to_string(j) + "]";
    const std::string& name = read_string(items[j], field);
    std::vector<std::string> left;  // the features not taken yet
    for (const auto& info : feature_table()) {
      bool taken = false;
      for (const auto& n : names) taken = taken || n == info.name;
      if (!taken) left.push_back(info.name);
    }
    bool ok = false;
    for (const auto& n : left) ok = ok || n == name;
    if (!ok) throw_unknown_choice(field, name, left);
    names.push_back(name);
  }
  return names;
}

// The output and loss the playground gives a task: ½SE on tanh or BCE on
// sigmoid for two classes, CE on softmax for more, MSE on linear for regression.
std::string check_output(const Config& c, bool regression, long classes) {
  const std::size_t L = c.network.layers.size();
  const std::string field = "activations[" + std::to_string(L - 1) + "]";
  const Layer& out = c.network.layers.back();
  const std::string act = activation_name(out.activation);
  const long expected = regression || classes <= 2 ? 1 : classes;
  if (out.W.rows() != expected) {
    throw Error("wrong_length", "layers[" + std::to_string(L) + "]", {{"expected", std::to_string(expected)}, {"actual", std::to_string(out.W.rows())}});
  }
  std::vector<std::string> choices = regression ? std::vector<std::string>{"linear"}
                                     : classes > 2 ? std::vector<std::string>{"softmax"}
                                                   : std::vector<std::string>{"tanh", "sigmoid"};
  bool ok = false;
  for (const auto& a : choices) ok = ok || a == act;
  if (!ok) throw_unknown_choice(field, act, choices);
  const std::string loss = loss_name(c.loss.kind);
  const std::string wanted = act == "linear" ? "mse" : act == "softmax" ? "ce" : act == "sigmoid" ? "bce" : "half_sse";
  if (loss != wanted) throw_unknown_choice("loss", loss, {wanted});
  return act;
}

}  // namespace

Value playground_weights_file(const Value& spec) {
  require_object(spec, "spec");
  check_keys(spec, "", {"network", "features", "epoch"});
  const Value* network = member(spec, "network");
  const Value* features = member(spec, "features");
  if (!network) throw Error("missing", "network");
  if (!features) throw Error("missing", "features");
  const Config c = config_from_value(*network);
  read_feature_names(*features);
  Value file = Value::object();
  file.set("format", format_name);
  file.set("version", 1);
  file.set("features", *features);
  file.set("epoch", member(spec, "epoch") ? static_cast<double>(read_integer(*member(spec, "epoch"), "epoch", 0, 100000000)) : 0.0);
  file.set("network", config_to_value(c));
  Value v = Value::object();
  v.set("text", file.to_json(1) + "\n");
  return v;
}

Value playground_weights_open(const Value& spec) {
  require_object(spec, "spec");
  check_keys(spec, "", {"text", "regression", "classes"});
  const Value* text = member(spec, "text");
  if (!text) throw Error("missing", "text");
  const bool regression = member(spec, "regression") && read_bool(*member(spec, "regression"), "regression");
  const long classes = member(spec, "classes") ? read_integer(*member(spec, "classes"), "classes", 0, max_layer_size) : 2;
  const Value file = Value::parse_json(read_string(*text, "text"));
  require_object(file, "file");
  check_keys(file, "", {"format", "version", "features", "network", "epoch"});
  const Value* format = member(file, "format");
  if (!format) throw Error("missing", "format");
  if (read_string(*format, "format") != format_name) throw_unknown_choice("format", format->as_string(), {format_name});
  if (const Value* v = member(file, "version")) read_integer(*v, "version", 1, 1);
  const Value* features = member(file, "features");
  const Value* network = member(file, "network");
  if (!features) throw Error("missing", "features");
  if (!network) throw Error("missing", "network");
  const std::vector<std::string> names = read_feature_names(*features);
  const Config c = config_from_value(*network);
  if (static_cast<std::size_t>(c.network.inputs) != names.size()) {
    throw Error("wrong_length", "layers[0]", {{"expected", std::to_string(names.size())}, {"actual", std::to_string(c.network.inputs)}});
  }
  if (c.network.shared_bias) throw_unknown_choice("shared_bias", "true", {"false"});
  const std::size_t L = c.network.layers.size();
  Value hidden = Value::array(), activations = Value::array();
  for (std::size_t l = 0; l + 1 < L; ++l) {
    const long n = static_cast<long>(c.network.layers[l].W.rows());
    if (n > max_hidden_neurons) {
      throw Error("out_of_range", "layers[" + std::to_string(l + 1) + "]", {{"min", "1"}, {"max", std::to_string(max_hidden_neurons)}, {"value", std::to_string(n)}});
    }
    hidden.push(static_cast<double>(n));
    activations.push(activation_name(c.network.layers[l].activation));
  }
  const std::string output = check_output(c, regression, classes);
  Config trained = c;
  trained.train_biases = true;
  Value v = Value::object();
  v.set("features", Value::array_of(names));
  v.set("hidden", hidden);
  v.set("activations", activations);
  v.set("output", output);
  v.set("epoch", member(file, "epoch") ? static_cast<double>(read_integer(*member(file, "epoch"), "epoch", 0, 100000000)) : 0.0);
  v.set("network", config_to_value(trained));
  return v;
}

}  // namespace bp::api
