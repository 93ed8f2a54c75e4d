// Embind bindings: JS values in, JS values out, carried across in one
// buffer each way (the wire, below) and converted to and from the core's
// bp::Value. No math here.
//
// Every core function is one row of `functions` below, called as
// call(index, address, length) with its arguments as one JS array written
// on the wire at that address of the heap; functionNames() lists the rows'
// names in order, and web/src/shared/core-boundary.ts writes the arguments,
// reads the result and turns the rows into the module's functions
// (core.trace(config, options), …).
//
// What crosses, and how:
//   JS number             <-> number (exactly: NaN, ±Infinity and -0 too)
//   JS string             <-> string (UTF-8; "0.5" or "−1" stay text, read by
//                              the core's number reader where it takes a number)
//   true, false, null     <-> boolean, null
//   Array                 <-> array (undefined, a function or a symbol in it: null)
//   Float64Array (any typed array) -> numbers, copied onto the wire
//   numbers               -> a new Float64Array, owned by JS: it stays valid
//                            whatever is called next
//   other object          <-> object, its own enumerable keys in order
//                            (members that are undefined, functions or symbols
//                            are left out, as JSON.stringify leaves them)
//
// The wire: one tag byte per value, then its contents; lengths and counts
// are 32-bit and numbers 64-bit, little-endian (wasm's own order):
//   0 null   1 false   2 true   3 number: 8 bytes
//   4 string: length, UTF-8 bytes
//   5 array: count, the items      6 object: count, then key (as a string's
//                                    length and bytes) and value, each
//   7 numbers: count, then (to JS) the heap address of the doubles, or
//     (from JS) the doubles themselves at the next multiple of 8 bytes
//   8 (from JS) a value nested deeper than max_depth
// The arguments are read and their buffer freed before the function runs;
// the result's wire and the numbers it points to are kept until
// core-boundary.ts has read them (and copied the numbers out), at once, and
// calls release().
//
// No call throws across the boundary: a bp::Error is caught here and returned
// as a JS Error carrying message, code, field and params, after every C++
// frame of the call has returned; core-boundary.ts throws it. Calls are
// reentrant: nothing a caller holds points into the heap.
#include <emscripten/bind.h>
#include <emscripten/emscripten.h>
#include <emscripten/val.h>

#include <malloc.h>

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "api/api.hpp"
#include "base/error.hpp"
#include "base/read.hpp"
#include "base/value.hpp"

using emscripten::val;

namespace {

constexpr int max_depth = 200;  // as the JSON reader's (core-boundary.ts writes deeper values as deep_tag)

enum Tag : std::uint8_t { null_tag, false_tag, true_tag, number_tag, string_tag, array_tag, object_tag, numbers_tag, deep_tag };

// The JS globals the errors use, looked up once.
struct Globals {
  val Error = val::global("Error");
};
const Globals& globals() {
  static const Globals g;
  return g;
}

// Reads the arguments' wire. A wire that ends early, holds an unknown tag or
// counts more items than it has bytes (only a caller other than
// core-boundary.ts writes one) is an internal error.
class WireReader {
 public:
  WireReader(const std::uint8_t* at, std::size_t length) : at_(at), end_(at + length), start_(at) {}

  bp::Value value(int depth = 0) {
    const std::uint8_t tag = byte();
    if (depth > max_depth && (tag == array_tag || tag == object_tag || tag == numbers_tag)) tag_deep();
    switch (tag) {
      case null_tag: return bp::Value();
      case false_tag: return bp::Value(false);
      case true_tag: return bp::Value(true);
      case number_tag: return bp::Value(number());
      case string_tag: return bp::Value(string());
      case array_tag: {
        const std::uint32_t n = count();
        need(n);  // a byte an item at least
        std::vector<bp::Value> items;
        items.reserve(n);
        for (std::uint32_t i = 0; i < n; ++i) items.push_back(value(depth + 1));
        return bp::Value::array(std::move(items));
      }
      case object_tag: {
        const std::uint32_t n = count();
        need(n);
        bp::Value::Members members;
        members.reserve(n);
        for (std::uint32_t i = 0; i < n; ++i) {
          std::string key = string();
          members.emplace_back(std::move(key), value(depth + 1));
        }
        // Keys are unique: they are a JS object's own keys.
        return bp::Value::object(std::move(members));
      }
      case numbers_tag: {
        const std::uint32_t n = count();
        at_ = start_ + (static_cast<std::size_t>(at_ - start_) + 7) / 8 * 8;
        need(std::size_t{8} * n);
        std::vector<double> x(n);
        if (n) std::memcpy(x.data(), at_, std::size_t{8} * n);
        at_ += std::size_t{8} * n;
        return bp::Value::numbers(std::move(x));
      }
      case deep_tag: tag_deep();
      default:
        throw std::runtime_error("malformed arguments");
    }
  }

 private:
  [[noreturn]] static void tag_deep() {
    throw bp::Error("json_syntax", "json", {{"line", "1"}, {"column", "1"}, {"detail", "nested too deeply"}});
  }
  void need(std::size_t n) const {
    if (static_cast<std::size_t>(end_ - at_) < n) throw std::runtime_error("malformed arguments");
  }
  std::uint8_t byte() {
    need(1);
    return *at_++;
  }
  std::uint32_t count() {
    need(4);
    std::uint32_t n;
    std::memcpy(&n, at_, 4);
    at_ += 4;
    return n;
  }
  double number() {
    need(8);
    double x;
    std::memcpy(&x, at_, 8);
    at_ += 8;
    return x;
  }
  std::string string() {
    const std::uint32_t n = count();
    need(n);
    std::string s(reinterpret_cast<const char*>(at_), n);
    at_ += n;
    return s;
  }

  const std::uint8_t* at_;
  const std::uint8_t* end_;
  const std::uint8_t* start_;
};

// The arguments at `address`: read, and their buffer (malloc'ed by
// core-boundary.ts) freed.
bp::Value read_arguments(std::uintptr_t address, std::size_t length) {
  auto* bytes = reinterpret_cast<std::uint8_t*>(address);
  struct Free {
    std::uint8_t* p;
    ~Free() { std::free(p); }
  } owned{bytes};
  WireReader reader(bytes, length);
  return reader.value();
}

// Writes a result onto the wire; numbers are pointed to, not copied.
class WireWriter {
 public:
  explicit WireWriter(std::string& out) : out_(out) {}

  void value(const bp::Value& v) {
    switch (v.type()) {
      case bp::Value::Type::null: byte(null_tag); break;
      case bp::Value::Type::boolean: byte(v.as_bool() ? true_tag : false_tag); break;
      case bp::Value::Type::number:
        byte(number_tag);
        number(v.as_number());
        break;
      case bp::Value::Type::string:
        byte(string_tag);
        string(v.as_string());
        break;
      case bp::Value::Type::numbers: {
        const std::vector<double>& x = v.as_numbers();
        byte(numbers_tag);
        count(x.size());
        count(reinterpret_cast<std::uintptr_t>(x.data()));
        break;
      }
      case bp::Value::Type::array:
        byte(array_tag);
        count(v.size());
        for (const bp::Value& item : v.items()) value(item);
        break;
      case bp::Value::Type::object:
        byte(object_tag);
        count(v.size());
        for (const auto& [key, item] : v.members()) {
          string(key);
          value(item);
        }
        break;
    }
  }

 private:
  void byte(std::uint8_t b) { out_.push_back(static_cast<char>(b)); }
  void bytes(const void* p, std::size_t n) { out_.append(static_cast<const char*>(p), n); }
  void number(double x) { bytes(&x, 8); }
  void count(std::size_t n) {
    const auto n32 = static_cast<std::uint32_t>(n);
    bytes(&n32, 4);
  }
  void string(const std::string& s) {
    count(s.size());
    out_ += s;
  }

  std::string& out_;
};

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

// The last result and its wire, kept until core-boundary.ts has read them
// (release(), at once).
struct Held {
  bp::Value result;
  std::string wire;
};
Held& held() {
  static Held h;
  return h;
}

// Function `index` on the arguments at `address`: its result's wire (a view
// of the heap, read by core-boundary.ts before anything else is called), or
// the JS Error to throw.
val call(std::size_t index, std::uintptr_t address, std::size_t length) {
  Held& h = held();
  h.result = bp::Value();
  h.wire.clear();
  try {
    const Args args{read_arguments(address, length)};
    if (index >= function_count) return error_to_js("no such function", "internal", "", {});
    h.result = functions[index].call(args);
    WireWriter(h.wire).value(h.result);
    return val(emscripten::typed_memory_view(h.wire.size(), reinterpret_cast<const std::uint8_t*>(h.wire.data())));
  } catch (const bp::Error& e) {
    return error_to_js(e.what(), e.code(), e.field(), e.params());
  } catch (const std::exception& e) {
    return error_to_js(e.what(), "internal", "", {});
  }
}

// Frees the last result and its wire, once read.
void release() {
  Held& h = held();
  h.result = bp::Value();
  std::string().swap(h.wire);
}

// For npm run bench: function `index` on the arguments at `address`, read
// once, run `repeats` times inside the module; the milliseconds a run takes,
// without the boundary.
double time_in_core(std::size_t index, std::uintptr_t address, std::size_t length, int repeats) {
  try {
    const Args a{read_arguments(address, length)};
    if (index >= function_count || repeats < 1) return -1;
    volatile double sink = 0;
    const double start = emscripten_get_now();
    for (int i = 0; i < repeats; ++i) sink = sink + static_cast<double>(functions[index].call(a).size());
    return (emscripten_get_now() - start) / repeats;
  } catch (const std::exception&) {
    return -1;
  }
}

// Bytes of the wasm heap in use: the leak test watches it.
double heap_used() { return static_cast<double>(mallinfo().uordblks); }

}  // namespace

EMSCRIPTEN_BINDINGS(backprop_core) {
  emscripten::function("functionNames", &function_names);
  emscripten::function("call", &call);
  emscripten::function("release", &release);
  emscripten::function("timeInCore", &time_in_core);
  emscripten::function("heapUsed", &heap_used);
}
