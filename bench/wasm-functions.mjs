// The biggest functions of a wasm module, by the bytes of their code, with
// the names of its name section (link with --profiling-funcs or -g2 to keep
// them), and the total per group of names (the core's namespaces, libc++,
// Embind, ...).
//
//   node bench/wasm-functions.mjs build/wasm/backprop_core.wasm [count]
import { readFileSync } from 'node:fs';

function reader(bytes, offset = 0) {
  let at = offset;
  const u32 = () => {
    let result = 0, shift = 0, byte;
    do {
      byte = bytes[at++];
      result += (byte & 0x7f) * 2 ** shift;
      shift += 7;
    } while (byte & 0x80);
    return result;
  };
  const name = () => {
    const n = u32();
    const text = new TextDecoder().decode(bytes.subarray(at, at + n));
    at += n;
    return text;
  };
  return { u32, name, get at() { return at; }, skip: (n) => (at += n) };
}

/** Every function defined in the module: its name and its code's size in bytes. */
export function functionSizes(bytes) {
  const r = reader(bytes, 8);
  let imported = 0;
  const sizes = [];
  const names = new Map();
  while (r.at < bytes.length) {
    const id = bytes[r.at];
    r.skip(1);
    const size = r.u32();
    const end = r.at + size;
    if (id === 2) {
      // imports: count the functions, which take the first indices
      const s = reader(bytes, r.at);
      for (let i = 0, n = s.u32(); i < n; i++) {
        s.name();
        s.name();
        const kind = bytes[s.at];
        s.skip(1);
        if (kind === 0) { s.u32(); imported++; }
        else if (kind === 1) { s.skip(1); const flags = s.u32(); s.u32(); if (flags & 1) s.u32(); }
        else if (kind === 2) { const flags = s.u32(); s.u32(); if (flags & 1) s.u32(); }
        else if (kind === 3) s.skip(2);
        else if (kind === 4) { s.skip(1); s.u32(); }
      }
    } else if (id === 10) {
      const s = reader(bytes, r.at);
      for (let i = 0, n = s.u32(); i < n; i++) {
        const body = s.u32();
        sizes.push(body);
        s.skip(body);
      }
    } else if (id === 0) {
      const s = reader(bytes, r.at);
      if (s.name() === 'name') {
        while (s.at < end) {
          const sub = bytes[s.at];
          s.skip(1);
          const subSize = s.u32();
          const subEnd = s.at + subSize;
          if (sub === 1) {
            for (let i = 0, n = s.u32(); i < n; i++) names.set(s.u32(), s.name());
          }
          s.skip(subEnd - s.at);
        }
      }
    }
    r.skip(end - r.at);
  }
  return sizes.map((size, i) => ({ name: names.get(imported + i) ?? `function ${imported + i}`, size }));
}

/** A function's group: a part of the core, or the library it comes from. */
export function group(name) {
  const rules = [
    ['wasm/bindings', /one_argument|guarded<|^\(anonymous namespace\)::\w+\(.*emscripten::val/],
    ['JSON values: bp::Value, reading and writing settings', /bp::(Value|read_\w+|\w+_to_value|\w+_from_value|parse_number|check_keys|require_object|\w+_value)\b|value_parse|to_json/],
    ['LaTeX of formulas and updates', /_tex\b|bp::tex\b|TexLine|loss_formulas|bp::detail::Builder/],
    ['error messages', /bp::(Error|format_message|error_\w+)/],
    ['the PyTorch export and CSV', /pytorch|parse_csv/],
    ['the rest of the core (bp::)', /bp::/],
    ['Eigen', /Eigen::/],
    ['Embind', /emscripten::|_embind_|embind/i],
    ['libc++ / libc++abi', /std::__2::|^std::|__cxa|__cxxabiv1|__gxx|_Unwind|operator new|operator delete/],
    ['malloc', /malloc|free|sbrk|memalign|dispose_chunk/],
  ];
  for (const [label, re] of rules) if (re.test(name)) return label;
  return 'libc: printf, strtod, math, memory';
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const file = process.argv[2];
  const count = Number(process.argv[3] ?? 40);
  const functions = functionSizes(readFileSync(file)).sort((a, b) => b.size - a.size);
  const total = functions.reduce((sum, f) => sum + f.size, 0);
  const groups = new Map();
  for (const f of functions) groups.set(group(f.name), (groups.get(group(f.name)) ?? 0) + f.size);
  console.log(`${functions.length} functions, ${total} bytes of code`);
  console.table([...groups].sort((a, b) => b[1] - a[1]).map(([g, bytes]) => ({ group: g, bytes, share: `${((100 * bytes) / total).toFixed(1)} %` })));
  console.table(functions.slice(0, count).map((f) => ({ bytes: f.size, function: f.name.slice(0, 140) })));
}
