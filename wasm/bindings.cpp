// Embind bindings: plain JS values in, plain JS values out. No math here.
//
// Each core function is registered under a raw name that never throws: on a
// bp::Error it returns {__error: {message, code, field, params}}. The public
// name, installed below in JS, throws that as an Error once every C++ frame
// has returned, so a failed call leaks nothing.
#include <emscripten.h>
#include <emscripten/bind.h>
#include <emscripten/val.h>

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

val to_js(const bp::Value& v) {
  switch (v.type()) {
    case bp::Value::Type::null: return val::null();
    case bp::Value::Type::boolean: return val(v.as_bool());
    case bp::Value::Type::number: return val(v.as_number());
    case bp::Value::Type::string: return val(v.as_string());
    case bp::Value::Type::array: {
      val a = val::array();
      for (std::size_t i = 0; i < v.size(); ++i) a.set(i, to_js(v[i]));
      return a;
    }
    case bp::Value::Type::object: {
      val o = val::object();
      for (const auto& [key, member] : v.members()) o.set(key, to_js(member));
      return o;
    }
  }
  return val::null();
}

val error_result(const std::string& message, const std::string& code, const std::string& field,
                 const bp::Params& params) {
  val p = val::object();
  for (const auto& [name, value] : params) p.set(name, value);
  val e = val::object();
  e.set("message", message);
  e.set("code", code);
  e.set("field", field);
  e.set("params", p);
  val result = val::object();
  result.set("__error", e);
  return result;
}

template <class F>
val guarded(F f) {
  try {
    return f();
  } catch (const bp::Error& e) {
    return error_result(e.what(), e.code(), e.field(), e.params());
  } catch (const std::exception& e) {
    return error_result(e.what(), "internal", "", {});
  }
}

val classic() {
  return guarded([] { return to_js(bp::api::classic()); });
}

val trace(val config, val options) {
  return guarded([&] { return to_js(bp::api::trace(from_js(config, 0), from_js(options, 0))); });
}

val train(val config, val options) {
  return guarded([&] { return to_js(bp::api::train(from_js(config, 0), from_js(options, 0))); });
}

val error_codes() {
  return guarded([] { return to_js(bp::api::error_codes()); });
}

}  // namespace

// Installs the public functions over the raw ones: same arguments, and a
// returned {__error} becomes a thrown Error with .code, .field and .params.
EM_JS(void, install_public_functions, (), {
  var names = [ "classic", "trace", "train", "errorCodes" ];
  names.forEach(function(name) {
    Module[name] = function() {
      // Looked up at each call: embind replaces a function once its types are bound.
      var result = Module["raw_" + name].apply(null, arguments);
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
  emscripten::function("raw_errorCodes", &error_codes);
  install_public_functions();
}
