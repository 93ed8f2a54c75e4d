// The playground's calls: its data sets, its input features, what the
// network trains on, and the network over the plane (every neuron's image,
// once a frame). Lists of numbers go out as numbers (Float64Arrays in the
// page) and are taken as numbers or as arrays.
#include <cmath>

#include "api/api.hpp"
#include "base/error.hpp"
#include "base/read.hpp"
#include "data/datasets.hpp"
#include "data/feature_grid.hpp"
#include "data/features.hpp"
#include "data/points.hpp"
#include "nn/config.hpp"
#include "train/csv.hpp"

namespace bp::api {

namespace {

std::vector<double> read_numbers(const Value& spec, const char* key) {
  const Value* v = member(spec, key);
  if (!v) throw Error("missing", key);
  std::vector<double> out;
  if (v->is_numbers()) {
    out = v->as_numbers();
    for (std::size_t i = 0; i < out.size(); ++i)
      if (!std::isfinite(out[i])) throw Error("not_finite", std::string(key) + "[" + std::to_string(i) + "]", {{"value", shortest(out[i])}});
    return out;
  }
  const auto& items = read_array(*v, key);
  out.reserve(items.size());
  for (std::size_t i = 0; i < items.size(); ++i) out.push_back(read_number(items[i], std::string(key) + "[" + std::to_string(i) + "]"));
  return out;
}

// A list of feature names, as their indices in the table.
std::vector<std::size_t> read_features(const Value& v) {
  const auto& items = read_array(v, "features");
  if (items.empty()) throw Error("too_few", "features", {{"min", "1"}, {"actual", "0"}});
  if (static_cast<long>(items.size()) > max_layer_size) {
    throw Error("too_many", "features", {{"max", std::to_string(max_layer_size)}, {"actual", std::to_string(items.size())}});
  }
  std::vector<std::size_t> chosen;
  for (std::size_t j = 0; j < items.size(); ++j) {
    const std::string field = "features[" + std::to_string(j) + "]";
    const std::string& name = read_string(items[j], field);
    const auto f = find_feature(name);
    if (!f) {
      std::vector<std::string> names;
      for (const auto& info : feature_table()) names.push_back(info.name);
      throw_unknown_choice(field, name, names);
    }
    chosen.push_back(*f);
  }
  return chosen;
}

Value indices_value(const std::vector<std::size_t>& v) {
  return Value::numbers(std::vector<double>(v.begin(), v.end()));
}

}  // namespace

Value dataset(const Value& spec) {
  require_object(spec, "spec");
  check_keys(spec, "", {"kind", "points", "noise", "seed", "classes", "train_ratio", "split_seed", "csv", "edits"});
  const Value* kind_v = member(spec, "kind");
  if (!kind_v) throw Error("missing", "kind");
  const std::string& name = read_string(*kind_v, "kind");
  const auto kind = find_dataset(name);
  if (!kind) {
    std::vector<std::string> names;
    for (const auto& d : dataset_table()) names.push_back(d.name);
    throw_unknown_choice("kind", name, names);
  }
  const DatasetInfo& info = dataset_info(*kind);
  DatasetOptions o;
  if (const Value* v = member(spec, "points")) o.points = static_cast<std::size_t>(read_integer(*v, "points", 1, static_cast<long>(max_examples)));
  if (const Value* v = member(spec, "noise")) {
    o.noise = read_number(*v, "noise");
    if (!(o.noise >= 0 && o.noise <= 50)) throw Error("out_of_range", "noise", {{"min", "0"}, {"max", "50"}, {"value", shortest(o.noise)}});
  }
  if (const Value* v = member(spec, "seed")) o.seed = static_cast<std::uint64_t>(read_integer(*v, "seed", 0, 2147483647));
  if (const Value* v = member(spec, "classes")) {
    if (info.regression) throw Error("not_a_setting_of", "classes", {{"kind", info.name}});
    o.classes = static_cast<int>(read_integer(*v, "classes", 2, info.max_classes));
  }
  double ratio = 0.5;
  if (const Value* v = member(spec, "train_ratio")) {
    ratio = read_number(*v, "train_ratio");
    if (!(ratio >= 0 && ratio <= 1)) throw Error("out_of_range", "train_ratio", {{"min", "0"}, {"max", "1"}, {"value", shortest(ratio)}});
  }
  std::uint64_t split_seed = o.seed;
  if (const Value* v = member(spec, "split_seed")) split_seed = static_cast<std::uint64_t>(read_integer(*v, "split_seed", 0, 2147483647));
  Points p = make_dataset(*kind, o);
  Split s = split_dataset(p.x.size(), ratio, split_seed);
  // The student's points: a pasted CSV (its points replace the generated
  // ones), then the edits' text on top.
  const Value* csv_v = member(spec, "csv");
  const Value* edits_v = member(spec, "edits");
  if (!csv_v && !edits_v) {
    Value v = Value::object();
    v.set("x", Value::numbers(std::move(p.x)));
    v.set("y", Value::numbers(std::move(p.y)));
    v.set("label", Value::numbers(std::move(p.label)));
    v.set("train", indices_value(s.train));
    v.set("test", indices_value(s.test));
    v.set("regression", info.regression);
    v.set("classes", info.regression ? 0 : o.classes);
    return v;
  }
  PointEdits e;
  if (csv_v) e = csv_point_edits(read_string(*csv_v, "csv"), info.regression, max_examples);
  if (edits_v) {
    const PointEdits more = parse_point_edits(read_string(*edits_v, "edits"), e.own ? 0 : p.x.size(), info.regression,
                                              max_examples - e.added.x.size());
    e.own = e.own || more.own;
    e.removed = more.removed;
    e.moved = more.moved;
    for (std::size_t k = 0; k < more.added.x.size(); ++k) {
      e.added.x.push_back(more.added.x[k]);
      e.added.y.push_back(more.added.y[k]);
      e.added.label.push_back(more.added.label[k]);
    }
  }
  EditedPoints edited = apply_point_edits(p, s, e, ratio, split_seed);
  const int classes = info.regression ? 0 : edited_classes(edited, o.classes, e.own);
  Value v = Value::object();
  v.set("x", Value::numbers(std::move(edited.points.x)));
  v.set("y", Value::numbers(std::move(edited.points.y)));
  v.set("label", Value::numbers(std::move(edited.points.label)));
  v.set("train", indices_value(edited.split.train));
  v.set("test", indices_value(edited.split.test));
  v.set("regression", info.regression);
  v.set("classes", classes);
  v.set("origin", Value::numbers(std::vector<double>(edited.origin.begin(), edited.origin.end())));
  // The edits as read, for the page to edit further.
  std::vector<double> moved, added;
  for (const auto& m : e.moved) moved.insert(moved.end(), {static_cast<double>(m.index), m.x, m.y});
  for (std::size_t k = 0; k < e.added.x.size(); ++k) added.insert(added.end(), {e.added.x[k], e.added.y[k], e.added.label[k]});
  Value ev = Value::object();
  ev.set("own", e.own);
  ev.set("removed", indices_value(e.removed));
  ev.set("moved", Value::numbers(std::move(moved)));
  ev.set("added", Value::numbers(std::move(added)));
  v.set("edits", ev);
  return v;
}

Value playground_examples(const Value& spec) {
  require_object(spec, "spec");
  check_keys(spec, "", {"x", "y", "label", "indices", "features", "targets", "classes"});
  const std::vector<double> x = read_numbers(spec, "x"), y = read_numbers(spec, "y"), label = read_numbers(spec, "label");
  if (y.size() != x.size()) throw Error("wrong_length", "y", {{"expected", std::to_string(x.size())}, {"actual", std::to_string(y.size())}});
  if (label.size() != x.size()) throw Error("wrong_length", "label", {{"expected", std::to_string(x.size())}, {"actual", std::to_string(label.size())}});
  // The points taken, in order: every one, or those listed.
  std::vector<std::size_t> take;
  if (const Value* v = member(spec, "indices"); v && !v->is_null()) {
    const std::vector<double> idx = read_numbers(spec, "indices");
    for (std::size_t i = 0; i < idx.size(); ++i) {
      if (!(idx[i] >= 0 && idx[i] < static_cast<double>(x.size())) || idx[i] != std::floor(idx[i])) {
        throw Error("out_of_range", "indices[" + std::to_string(i) + "]", {{"min", "0"}, {"max", std::to_string(x.size() - 1)}, {"value", shortest(idx[i])}});
      }
      take.push_back(static_cast<std::size_t>(idx[i]));
    }
  } else {
    for (std::size_t i = 0; i < x.size(); ++i) take.push_back(i);
  }
  if (take.size() > max_examples) throw Error("too_many", "indices", {{"max", std::to_string(max_examples)}, {"actual", std::to_string(take.size())}});
  // The features, x and y by default.
  const Value* f = member(spec, "features");
  const std::vector<std::size_t> chosen = f ? read_features(*f) : std::vector<std::size_t>{0, 1};
  // The targets a label becomes: "sign" (class 1 -> 1, class 0 -> -1: tanh and
  // ½SE, as Playground), "binary" (the class, 0 or 1: sigmoid and BCE),
  // "one_hot" (a row of `classes`: softmax and CE) or "value" (regression).
  std::string form = "value";
  if (const Value* v = member(spec, "targets")) form = read_string(*v, "targets");
  if (form != "sign" && form != "binary" && form != "one_hot" && form != "value") {
    throw_unknown_choice("targets", form, {"sign", "binary", "one_hot", "value"});
  }
  long classes = 2;
  if (const Value* v = member(spec, "classes")) classes = read_integer(*v, "classes", 2, max_layer_size);
  std::vector<double> xs, ys, targets;
  for (std::size_t n = 0; n < take.size(); ++n) {
    const std::size_t i = take[n];
    xs.push_back(x[i]);
    ys.push_back(y[i]);
    const double l = label[i];
    if (form == "value") {
      targets.push_back(l);
      continue;
    }
    const long max_class = form == "one_hot" ? classes - 1 : 1;
    if (!(l >= 0 && l <= static_cast<double>(max_class)) || l != std::floor(l)) {
      throw Error("out_of_range", "label[" + std::to_string(i) + "]", {{"min", "0"}, {"max", std::to_string(max_class)}, {"value", shortest(l)}});
    }
    if (form == "sign") targets.push_back(l == 1 ? 1.0 : -1.0);
    else if (form == "binary") targets.push_back(l);
    else
      for (long k = 0; k < classes; ++k) targets.push_back(k == static_cast<long>(l) ? 1.0 : 0.0);
  }
  std::vector<double> inputs;
  feature_inputs(chosen, xs.data(), ys.data(), xs.size(), inputs);
  Value v = Value::object();
  v.set("inputs", Value::numbers(std::move(inputs)));
  v.set("targets", Value::numbers(std::move(targets)));
  return v;
}

Value network_grid(const Value& spec) {
  require_object(spec, "spec");
  check_keys(spec, "", {"network", "domain", "width", "height", "features"});
  const Value* network = member(spec, "network");
  if (!network) throw Error("missing", "network");
  const Config c = config_from_value(*network);
  // The inputs: x and y, or the features listed.
  std::vector<std::size_t> features;
  const Value* f = member(spec, "features");
  if (f && !f->is_null()) features = read_features(*f);
  const std::size_t inputs = f && !f->is_null() ? features.size() : 2;
  if (static_cast<std::size_t>(c.network.inputs) != inputs) {
    throw Error("wrong_length", "network.layers[0]", {{"expected", std::to_string(inputs)}, {"actual", std::to_string(c.network.inputs)}});
  }
  const Value* domain = member(spec, "domain");
  if (!domain) throw Error("missing", "domain");
  double d[4];
  for (int i = 0; i < 4; ++i) {
    const std::string field = "domain[" + std::to_string(i) + "]";
    d[i] = domain->is_numbers() && domain->size() == 4 ? domain->as_numbers()[static_cast<std::size_t>(i)]
                                                       : read_number(read_array(*domain, "domain", 4)[static_cast<std::size_t>(i)], field);
    if (!std::isfinite(d[i])) throw Error("not_finite", field, {{"value", shortest(d[i])}});
  }
  if (!(d[1] > d[0])) throw Error("out_of_range", "domain[1]", {{"min", shortest(d[0])}, {"max", "∞"}, {"value", shortest(d[1])}});
  if (!(d[3] > d[2])) throw Error("out_of_range", "domain[3]", {{"min", shortest(d[2])}, {"max", "∞"}, {"value", shortest(d[3])}});
  auto size = [&spec](const char* key) {
    const Value* v = member(spec, key);
    if (!v) throw Error("missing", key);
    return static_cast<int>(read_integer(*v, key, 2, 512));
  };
  const int width = size("width"), height = size("height");
  std::vector<double> values;
  const Domain plane{d[0], d[1], d[2], d[3]};
  if (f && !f->is_null()) feature_grid(c.network, features, plane, width, height, values);
  else network_grid(c.network, plane, width, height, values);
  Value layers = Value::array();
  layers.push(static_cast<double>(c.network.inputs));
  for (const auto& layer : c.network.layers) layers.push(static_cast<double>(layer.W.rows()));
  Value v = Value::object();
  v.set("width", width);
  v.set("height", height);
  v.set("layers", layers);
  v.set("values", Value::numbers(std::move(values)));
  return v;
}

}  // namespace bp::api
