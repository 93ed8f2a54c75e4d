// Embind bindings: plain JS values in, plain JS values out. No math here.
//
// Each core function is registered under a raw name that never throws and
// returns JSON text: the result, or on a bp::Error {"__error": {message,
// code, field, params}}. The public name, installed below in JS, parses it
// and throws the error as an Error once every C++ frame has returned, so a
// failed call leaks nothing.
#include <emscripten.h>
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <malloc.h>

#include <string>

#include "api.hpp"
#include "error.hpp"
#include "value.hpp"

using emscripten::val;

namespace {

constexpr int max_depth = 64;

bp::Value from_js(const val& v, int depth) {
  if (depth > max_depth) throw bp::Error("expected_object", "config");
  const std::string type = v.typeOf().as<std::string>();
  if (type == "number") return bp::Value(v.as<double>());
  if (type == "string") return bp::Value(v.as<std::string>());
  if (type == "boolean") return bp::Value(v.as<bool>());
  if (v.isNull() || v.isUndefined()) return bp::Value();
  if (type != "object") return bp::Value(type);  // a function or symbol reads as text, and fails validation
  if (val::global("Array").call<bool>("isArray", v)) {
    bp::Value a = bp::Value::array();
    const unsigned n = v["length"].as<unsigned>();
    for (unsigned i = 0; i < n; ++i) a.push(from_js(v[i], depth + 1));
    return a;
  }
  bp::Value o = bp::Value::object();
  const val keys = val::global("Object").call<val>("keys", v);
  const unsigned n = keys["length"].as<unsigned>();
  for (unsigned i = 0; i < n; ++i) {
    const std::string key = keys[i].as<std::string>();
    o.set(key, from_js(v[key], depth + 1));
  }
  return o;
}

// The result as JSON text: one string crosses to JS, where JSON.parse builds
// the objects far faster than one embind call per member would.
std::string error_result(const std::string& message, const std::string& code, const std::string& field,
                         const bp::Params& params) {
  bp::Value p = bp::Value::object();
  for (const auto& [name, value] : params) p.set(name, value);
  bp::Value e = bp::Value::object();
  e.set("message", message);
  e.set("code", code);
  e.set("field", field);
  e.set("params", p);
  bp::Value result = bp::Value::object();
  result.set("__error", e);
  return result.to_json();
}

template <class F>
std::string guarded(F f) {
  try {
    return f().to_json();
  } catch (const bp::Error& e) {
    return error_result(e.what(), e.code(), e.field(), e.params());
  } catch (const std::exception& e) {
    return error_result(e.what(), "internal", "", {});
  }
}

std::string classic() {
  return guarded([] { return bp::api::classic(); });
}

std::string trace(val config, val options) {
  return guarded([&] { return bp::api::trace(from_js(config, 0), from_js(options, 0)); });
}

std::string train(val config, val options) {
  return guarded([&] { return bp::api::train(from_js(config, 0), from_js(options, 0)); });
}

std::string bias_mode(val config, val options) {
  return guarded([&] { return bp::api::bias_mode(from_js(config, 0), from_js(options, 0)); });
}

std::string error_codes() {
  return guarded([] { return bp::api::error_codes(); });
}

// Bytes of the wasm heap in use: the leak test watches it.
double heap_used() { return static_cast<double>(mallinfo().uordblks); }

}  // namespace

// Installs the public functions over the raw ones: same arguments, and a
// returned {__error} becomes a thrown Error with .code, .field and .params.
EM_JS(void, install_public_functions, (), {
  var names = [ "classic", "trace", "train", "biasMode", "errorCodes" ];
  names.forEach(function(name) {
    Module[name] = function() {
      // Looked up at each call: embind replaces a function once its types are bound.
      var result = JSON.parse(Module["raw_" + name].apply(null, arguments));
      if (result && typeof result == "object" && result.__error) {
        var e = new Error(result.__error.message);
        e.code = result.__error.code;
        e.field = result.__error.field;
        e.params = result.__error.params;
        throw e;
      }
      return result;
    };
  });
});

EMSCRIPTEN_BINDINGS(backprop_core) {
  emscripten::function("raw_classic", &classic);
  emscripten::function("raw_trace", &trace);
  emscripten::function("raw_train", &train);
  emscripten::function("raw_biasMode", &bias_mode);
  emscripten::function("raw_errorCodes", &error_codes);
  emscripten::function("heapUsed", &heap_used);
  install_public_functions();
}
