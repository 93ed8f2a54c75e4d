// Embind bindings: JS values in, JS values out, converted directly between
// emscripten::val and the core's bp::Value. No math here.
//
// Every core function is one row of `functions` below, called as
// call(index, arguments) with its arguments as one JS array; functionNames()
// lists the rows' names in order, and web/src/shared/core-boundary.ts turns
// them into the module's functions (core.trace(config, options), …).
//
// What crosses, and how:
//   JS number             <-> number (exactly: NaN, ±Infinity and -0 too)
//   JS string             <-> string (UTF-8; "0.5" or "−1" stay text, read by
//                              the core's number reader where it takes a number)
//   true, false, null     <-> boolean, null
//   Array                 <-> array (undefined, a function or a symbol in it: null)
//   Float64Array (any typed array) -> numbers, one copy into the wasm heap
//   numbers               -> a new Float64Array, owned by JS: it stays valid
//                            whatever is called next
//   other object          <-> object, its own enumerable keys in order
//                            (members that are undefined, functions or symbols
//                            are left out, as JSON.stringify leaves them)
//
// No call throws across the boundary: a bp::Error is caught here and returned
// as a JS Error carrying message, code, field and params, after every C++
// frame of the call has returned; core-boundary.ts throws it. Nothing is kept
// between calls, so calls are reentrant.
#include <emscripten/bind.h>
#include <emscripten/emscripten.h>
#include <emscripten/val.h>

#include <malloc.h>

#include <string>
#include <vector>

#include "api/api.hpp"
#include "base/error.hpp"
#include "base/read.hpp"
#include "base/value.hpp"

using emscripten::val;

namespace {

constexpr int max_depth = 200;  // as the JSON reader's

// The JS globals the conversion uses, looked up once.
struct Globals {
  val Array = val::global("Array");
  val Object = val::global("Object");
  val ArrayBuffer = val::global("ArrayBuffer");
  val Float64Array = val::global("Float64Array");
  val Error = val::global("Error");
};
const Globals& globals() {
  static const Globals g;
  return g;
}

// A JS value as a Value. In an array or an object, `skip` is set for what
// JSON.stringify leaves out of an object and writes null for in an array:
// undefined, a function, a symbol.
bp::Value from_js(const val& v, int depth, bool& skip) {
  skip = false;
  if (v.isNumber()) return bp::Value(v.as<double>());
  if (v.isString()) return bp::Value(v.as<std::string>());
  if (v.isTrue()) return bp::Value(true);
  if (v.isFalse()) return bp::Value(false);
  if (v.isNull()) return bp::Value();
  if (v.isUndefined()) {
    skip = true;
    return bp::Value();
  }
  if (depth > max_depth) {
    throw bp::Error("json_syntax", "json", {{"line", "1"}, {"column", "1"}, {"detail", "nested too deeply"}});
  }
  const Globals& g = globals();
  bool skip_item = false;
  if (v.instanceof(g.Array)) {
    bp::Value a = bp::Value::array();
    const std::size_t n = v["length"].as<std::size_t>();
    for (std::size_t i = 0; i < n; ++i) {
      bp::Value item = from_js(v[i], depth + 1, skip_item);
      a.push(std::move(item));  // null where skipped
    }
    return a;
  }
  if (g.ArrayBuffer.call<bool>("isView", v) && !v["length"].isUndefined()) {
    // One copy into the heap; Float64Array.prototype.set converts from any numeric typed array.
    std::vector<double> x(v["length"].as<std::size_t>());
    if (!x.empty()) val(emscripten::typed_memory_view(x.size(), x.data())).call<void>("set", v);
    return bp::Value::numbers(std::move(x));
  }
  if (v.typeOf().as<std::string>() != "object") {  // a function, a symbol, a bigint
    skip = true;
    return bp::Value();
  }
  bp::Value o = bp::Value::object();
  const val keys = g.Object.call<val>("keys", v);
  const std::size_t n = keys["length"].as<std::size_t>();
  for (std::size_t i = 0; i < n; ++i) {
    const val key = keys[i];
    bp::Value item = from_js(v[key], depth + 1, skip_item);
    if (!skip_item) o.set(key.as<std::string>(), std::move(item));
  }
  return o;
}

bp::Value from_js(const val& v) {
  bool skip = false;
  return from_js(v, 0, skip);
}

val to_js(const bp::Value& v) {
  switch (v.type()) {
    case bp::Value::Type::null:
      return val::null();
    case bp::Value::Type::boolean:
      return val(v.as_bool());
    case bp::Value::Type::number:
      return val(v.as_number());
    case bp::Value::Type::string:
      return val(v.as_string());
    case bp::Value::Type::numbers: {
      // A copy: the new array lives in JS, not over the wasm heap.
      const std::vector<double>& x = v.as_numbers();
      return globals().Float64Array.new_(emscripten::typed_memory_view(x.size(), x.data()));
    }
    case bp::Value::Type::array: {
      val a = val::array();
      for (std::size_t i = 0; i < v.size(); ++i) a.set(i, to_js(v[i]));
      return a;
    }
    case bp::Value::Type::object: {
      val o = val::object();
      for (const auto& [key, item] : v.members()) o.set(key, to_js(item));
      return o;
    }
  }
  return val::undefined();
}

val error_to_js(const std::string& message, const std::string& code, const std::string& field, const bp::Params& params) {
  val e = globals().Error.new_(message);
  e.set("code", code);
  e.set("field", field);
  val p = val::object();
  for (const auto& [name, value] : params) p.set(name, value);
  e.set("params", p);
  return e;
}

// The modules' groups of calls (the table below); BP_MODULE, set by the
// build, is the groups a module holds: every one unless it is set.
#define BP_S 1
#define BP_L 2
#define BP_R 4
#define BP_T 8
#define BP_P 16
#define BP_E 32
#define BP_F 64
#define BP_X 128
#ifndef BP_MODULE
#define BP_MODULE (BP_S | BP_L | BP_R | BP_T | BP_P | BP_E | BP_F | BP_X)
#endif
#define BP_IN(groups) (BP_MODULE & (groups))

// The call's arguments, as a JS array; a missing one is null.
struct Args {
  bp::Value list;
  const bp::Value& operator[](std::size_t i) const {
    static const bp::Value none;
    return list.is_array() && i < list.size() ? list[i] : none;
  }
};

#if BP_IN(BP_L | BP_R | BP_T | BP_P)
bp::Value number(const Args& a) {
  // A number as the page's fields take it, read by the core's one reader:
  // (text, field) -> the number, or the error naming the field. Text in every
  // form the page prints (U+2212 minus, 1e-7) reads back as its number.
  const bp::Value& field = a[1];
  return bp::Value(bp::read_number(a[0], field.is_string() ? field.as_string() : std::string("value")));
}

#endif

#if BP_IN(BP_R)
bp::Value grid(const Args& a) {
  std::vector<double> values;
  bp::Value v = bp::api::grid(a[0], values);
  v.set("values", bp::Value::numbers(std::move(values)));
  return v;
}
#endif

struct Function {
  const char* name;
  bp::Value (*call)(const Args&);
};

// Every function of the core, each with the modules that hold it. The whole
// module (BP_MODULE unset) holds every one; a widget's page loads a module of
// its own that holds only its widget's calls, so it links only what they need:
//   S  the stepper      L  the loss explorer     R  the optimizer race
//   T  the training loop     P  the playground
//   F  the playground's files, loaded when first used: the weights file and
//      the PyTorch script (its chains use the stepper's module)
//   E  the exercises' checks (the tutorials' exercises, the stepper's
//      exercise mode), loaded when first used
//   X  the whole module only: calls no page makes (the tests' lists of error
//      codes, stop reasons and mistakes, a mistake's values, a surface at one
//      point)
const Function functions[] = {
#if BP_IN(BP_S|BP_R|BP_T)
    {"classic", [](const Args&) { return bp::api::classic(); }},
#endif
#if BP_IN(BP_S)
    {"trace", [](const Args& a) { return bp::api::trace(a[0], a[1]); }},
#endif
#if BP_IN(BP_S)
    {"train", [](const Args& a) { return bp::api::train(a[0], a[1]); }},
#endif
#if BP_IN(BP_S)
    {"biasMode", [](const Args& a) { return bp::api::bias_mode(a[0], a[1]); }},
#endif
#if BP_IN(BP_L)
    {"loss", [](const Args& a) { return bp::api::loss(a[0]); }},
#endif
#if BP_IN(BP_L)
    {"lossCurve", [](const Args& a) { return bp::api::loss_curve(a[0]); }},
#endif
#if BP_IN(BP_L)
    {"bceStability", [](const Args& a) { return bp::api::bce_stability(a[0]); }},
#endif
#if BP_IN(BP_L)
    {"fitLines", [](const Args& a) { return bp::api::fit_lines(a[0]); }},
#endif
#if BP_IN(BP_L)
    {"lossFormulas", [](const Args&) { return bp::api::loss_formulas(); }},
#endif
#if BP_IN(BP_R)
    {"surfaces", [](const Args&) { return bp::api::surfaces(); }},
#endif
#if BP_IN(BP_R)
    {"expression", [](const Args& a) { return bp::api::expression(a[0]); }},
#endif
#if BP_IN(BP_X)
    {"evaluateSurface", [](const Args& a) { return bp::api::evaluate_surface(a[0]); }},
#endif
#if BP_IN(BP_R)
    {"grid", &grid},
#endif
#if BP_IN(BP_R)
    {"race", [](const Args& a) { return bp::api::race(a[0]); }},
#endif
#if BP_IN(BP_R)
    {"optimizerStep", [](const Args& a) { return bp::api::optimizer_step(a[0]); }},
#endif
#if BP_IN(BP_R|BP_T)
    {"trainingRun", [](const Args& a) { return bp::api::training_run(a[0]); }},
#endif
#if BP_IN(BP_T)
    {"trainingIteration", [](const Args& a) { return bp::api::training_iteration(a[0]); }},
#endif
#if BP_IN(BP_P)
    {"trainingEpoch", [](const Args& a) { return bp::api::training_epoch(a[0]); }},
#endif
#if BP_IN(BP_P)
    {"trainingDiagnosis", [](const Args& a) { return bp::api::training_diagnosis(a[0]); }},
#endif
#if BP_IN(BP_P)
    {"networkGrid", [](const Args& a) { return bp::api::network_grid(a[0]); }},
#endif
#if BP_IN(BP_T)
    {"gradientCheck", [](const Args& a) { return bp::api::training_gradient_check(a[0]); }},
#endif
#if BP_IN(BP_T)
    {"compareRuns", [](const Args& a) { return bp::api::training_compare(a[0]); }},
#endif
#if BP_IN(BP_T|BP_F)
    {"exportPytorch", [](const Args& a) { return bp::api::training_export(a[0]); }},
#endif
#if BP_IN(BP_T)
    {"csv", [](const Args& a) { return bp::api::csv(a[0]); }},
#endif
#if BP_IN(BP_T|BP_P)
    {"newNetwork", [](const Args& a) { return bp::api::new_network(a[0]); }},
#endif
#if BP_IN(BP_P)
    {"dataset", [](const Args& a) { return bp::api::dataset(a[0]); }},
#endif
#if BP_IN(BP_P)
    {"playgroundExamples", [](const Args& a) { return bp::api::playground_examples(a[0]); }},
#endif
#if BP_IN(BP_F)
    {"weightsFile", [](const Args& a) { return bp::api::playground_weights_file(a[0]); }},
#endif
#if BP_IN(BP_F)
    {"openWeights", [](const Args& a) { return bp::api::playground_weights_open(a[0]); }},
#endif
#if BP_IN(BP_T|BP_P)
    {"activations", [](const Args&) { return bp::api::activations(); }},
#endif
#if BP_IN(BP_T)
    {"losses", [](const Args&) { return bp::api::losses(); }},
#endif
#if BP_IN(BP_R|BP_T|BP_P)
    {"optimizers", [](const Args&) { return bp::api::optimizers(); }},
#endif
#if BP_IN(BP_P)
    {"datasets", [](const Args&) { return bp::api::datasets(); }},
#endif
#if BP_IN(BP_P)
    {"features", [](const Args&) { return bp::api::features(); }},
#endif
#if BP_IN(BP_X)
    {"errorCodes", [](const Args&) { return bp::api::error_codes(); }},
#endif
#if BP_IN(BP_X)
    {"stopReasons", [](const Args&) { return bp::api::stop_reasons(); }},
#endif
#if BP_IN(BP_L|BP_R|BP_T|BP_P)
    {"number", &number},
#endif
#if BP_IN(BP_X)
    {"exerciseMistakes", [](const Args& a) { return bp::api::exercise_mistakes(a[0]); }},
#endif
#if BP_IN(BP_E)
    {"exerciseCheck", [](const Args& a) { return bp::api::exercise_check(a[0]); }},
#endif
#if BP_IN(BP_X)
    {"exerciseMistakeIds", [](const Args&) { return bp::api::exercise_mistake_ids(); }},
#endif
#if BP_IN(BP_E)
    {"exerciseAnswer", [](const Args& a) { return bp::api::exercise_answer(a[0]); }},
#endif
};
constexpr std::size_t function_count = sizeof functions / sizeof functions[0];

val function_names() {
  val names = val::array();
  for (std::size_t i = 0; i < function_count; ++i) names.set(i, val(functions[i].name));
  return names;
}

// Function `index` on `args` (a JS array): its result, or the JS Error to throw.
val call(std::size_t index, val args) {
  if (index >= function_count) return error_to_js("no such function", "internal", "", {});
  try {
    return to_js(functions[index].call(Args{from_js(args)}));
  } catch (const bp::Error& e) {
    return error_to_js(e.what(), e.code(), e.field(), e.params());
  } catch (const std::exception& e) {
    return error_to_js(e.what(), "internal", "", {});
  }
}

// For npm run bench: function `index` on `args`, converted once, run `repeats`
// times inside the module; the milliseconds a run takes, without the boundary.
double time_in_core(std::size_t index, val args, int repeats) {
  if (index >= function_count || repeats < 1) return -1;
  try {
    const Args a{from_js(args)};
    volatile double sink = 0;
    const double start = emscripten_get_now();
    for (int i = 0; i < repeats; ++i) sink = sink + static_cast<double>(functions[index].call(a).size());
    return (emscripten_get_now() - start) / repeats;
  } catch (const bp::Error&) {
    return -1;
  }
}

// Bytes of the wasm heap in use: the leak test watches it.
double heap_used() { return static_cast<double>(mallinfo().uordblks); }

}  // namespace

EMSCRIPTEN_BINDINGS(backprop_core) {
  emscripten::function("functionNames", &function_names);
  emscripten::function("call", &call);
  emscripten::function("timeInCore", &time_in_core);
  emscripten::function("heapUsed", &heap_used);
}
