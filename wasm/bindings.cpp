// Embind bindings: plain JS values in, plain JS values out. No math here.
//
// Each core function is registered under a raw name that never throws. Its
// arguments arrive as JSON text in which every number is an index into a
// Float64Array handed over beside it; its result leaves the same way (the
// text, then raw_numbers() for the numbers), and a long series of numbers
// arrives in JS as a Float64Array of its own. Numbers thus cross exactly, NaN
// and the infinities included, and neither side formats or parses them. On a
// bp::Error the result is {"__error": {message, code, field, params}}.
//
// The public names, installed below in JS, do the packing and unpacking and
// throw an error as a JS Error once every C++ frame has returned, so a failed
// call leaks nothing.
#include <emscripten.h>
#include <emscripten/bind.h>
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

std::vector<double> result_numbers;  // the numbers of the last result
std::vector<double> grid_values;     // the last grid, viewed from JS without a copy

// The arguments, from their JSON text and their numbers.
bp::Value arguments(const std::string& json, const val& numbers) {
  std::vector<double> in(numbers["length"].as<std::size_t>());
  val(emscripten::typed_memory_view(in.size(), in.data())).call<void>("set", numbers);
  return bp::Value::parse_json(json, &in);
}

const bp::Value& arg(const bp::Value& args, std::size_t i) {
  static const bp::Value none;
  return args.is_array() && i < args.size() ? args[i] : none;
}

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
  return result.to_json(-1, &result_numbers);
}

template <class F>
std::string guarded(F f) {
  result_numbers.clear();
  try {
    return f().to_json(-1, &result_numbers);
  } catch (const bp::Error& e) {
    result_numbers.clear();
    return error_result(e.what(), e.code(), e.field(), e.params());
  } catch (const std::exception& e) {
    result_numbers.clear();
    return error_result(e.what(), "internal", "", {});
  }
}

std::string classic(const std::string&, val) {
  return guarded([] { return bp::api::classic(); });
}

std::string trace(const std::string& json, val numbers) {
  return guarded([&] {
    const bp::Value a = arguments(json, numbers);
    return bp::api::trace(arg(a, 0), arg(a, 1));
  });
}

std::string train(const std::string& json, val numbers) {
  return guarded([&] {
    const bp::Value a = arguments(json, numbers);
    return bp::api::train(arg(a, 0), arg(a, 1));
  });
}

std::string bias_mode(const std::string& json, val numbers) {
  return guarded([&] {
    const bp::Value a = arguments(json, numbers);
    return bp::api::bias_mode(arg(a, 0), arg(a, 1));
  });
}

// The one-argument calls of the loss explorer.
template <bp::Value (*F)(const bp::Value&)>
std::string one_argument(const std::string& json, val numbers) {
  return guarded([&] { return F(arg(arguments(json, numbers), 0)); });
}

std::string surfaces(const std::string&, val) {
  return guarded([] { return bp::api::surfaces(); });
}

std::string grid(const std::string& json, val numbers) {
  return guarded([&] { return bp::api::grid(arg(arguments(json, numbers), 0), grid_values); });
}

// A zero-copy view of the grid's values, valid until the next call into the
// core (a call may grow the memory, which detaches the view).
val grid_view() { return val(emscripten::typed_memory_view(grid_values.size(), grid_values.data())); }

std::string loss_formulas(const std::string&, val) {
  return guarded([] { return bp::api::loss_formulas(); });
}

// A number as the page's fields take it, read by the core's one reader:
// (text, field) -> the number, or the error naming the field. Text in every
// form the page prints (U+2212 minus, 1e-7) reads back as its number.
std::string number(const std::string& json, val numbers) {
  return guarded([&] {
    const bp::Value a = arguments(json, numbers);
    const bp::Value& field = arg(a, 1);
    return bp::Value(bp::read_number(arg(a, 0), field.is_string() ? field.as_string() : std::string("value")));
  });
}

std::string error_codes(const std::string&, val) {
  return guarded([] { return bp::api::error_codes(); });
}

std::string stop_reasons(const std::string&, val) {
  return guarded([] { return bp::api::stop_reasons(); });
}

// A view of the last result's numbers; JS copies it at once.
val numbers() { return val(emscripten::typed_memory_view(result_numbers.size(), result_numbers.data())); }

// Bytes of the wasm heap in use: the leak test watches it.
double heap_used() { return static_cast<double>(mallinfo().uordblks); }

}  // namespace

// Installs the public functions over the raw ones.
EM_JS(void, install_public_functions, (), {
  var names = [ "classic", "trace", "train", "biasMode", "loss", "lossCurve", "bceStability", "fitLines", "lossFormulas", "surfaces",
                "expression", "evaluateSurface", "grid", "race", "optimizerStep", "trainingRun",
                "trainingIteration", "gradientCheck", "compareRuns", "exportPytorch", "csv", "newNetwork", "errorCodes", "stopReasons", "number" ];
  names.forEach(function(name) {
    Module[name] = function() {
      var numbers = [];
      var text = JSON.stringify(Array.prototype.slice.call(arguments), function(key, value) {
        // A Float64Array the core handed out goes back as the list it was.
        if (ArrayBuffer.isView(value)) return Array.prototype.slice.call(value);
        if (typeof value != "number") return value;
        numbers.push(value);
        return numbers.length - 1;
      });
      // Looked up at each call: embind replaces a function once its types are bound.
      var json = Module["raw_" + name](text, new Float64Array(numbers));
      var out = Module["raw_numbers"]().slice();
      var result = JSON.parse(json, function(key, value) {
        if (typeof value == "number") return out[value];
        if (value && typeof value.__f64 == "string") {
          var at = value.__f64.split(":");
          return out.slice(Number(at[0]), Number(at[0]) + Number(at[1]));
        }
        return value;
      });
      if (name == "grid" && result && !result.__error) result.values = Module["raw_gridValues"]();
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
  emscripten::function("raw_loss", &one_argument<bp::api::loss>);
  emscripten::function("raw_lossCurve", &one_argument<bp::api::loss_curve>);
  emscripten::function("raw_bceStability", &one_argument<bp::api::bce_stability>);
  emscripten::function("raw_fitLines", &one_argument<bp::api::fit_lines>);
  emscripten::function("raw_lossFormulas", &loss_formulas);
  emscripten::function("raw_surfaces", &surfaces);
  emscripten::function("raw_expression", &one_argument<bp::api::expression>);
  emscripten::function("raw_evaluateSurface", &one_argument<bp::api::evaluate_surface>);
  emscripten::function("raw_grid", &grid);
  emscripten::function("raw_gridValues", &grid_view);
  emscripten::function("raw_race", &one_argument<bp::api::race>);
  emscripten::function("raw_optimizerStep", &one_argument<bp::api::optimizer_step>);
  emscripten::function("raw_trainingRun", &one_argument<bp::api::training_run>);
  emscripten::function("raw_trainingIteration", &one_argument<bp::api::training_iteration>);
  emscripten::function("raw_gradientCheck", &one_argument<bp::api::training_gradient_check>);
  emscripten::function("raw_compareRuns", &one_argument<bp::api::training_compare>);
  emscripten::function("raw_exportPytorch", &one_argument<bp::api::training_export>);
  emscripten::function("raw_csv", &one_argument<bp::api::csv>);
  emscripten::function("raw_newNetwork", &one_argument<bp::api::new_network>);
  emscripten::function("raw_errorCodes", &error_codes);
  emscripten::function("raw_stopReasons", &stop_reasons);
  emscripten::function("raw_number", &number);
  emscripten::function("raw_numbers", &numbers);
  emscripten::function("heapUsed", &heap_used);
  install_public_functions();
}
