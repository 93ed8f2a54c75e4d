// The module's functions over the bindings' one entry point
// (wasm/bindings.cpp): core.trace(config, options) is
// call(<index of "trace">, [config, options]). The arguments cross as one
// buffer written here into the wasm heap, and the result as one buffer read
// here (the wire, described in wasm/bindings.cpp): no JS call per value.
// The bindings return a failed call's error as a JS Error with its code,
// field and params; it is thrown here, once every C++ frame of the call has
// returned, so nothing leaks.
import type { BackpropCore } from './core-types';

/** What the Embind module itself exports. */
export interface CoreBindings {
  /** The names of the core's functions, in the order call() numbers them. */
  functionNames(): string[];
  /** Function `index` on the arguments' wire at `address` (freed by the call): the result's wire, or the error. */
  call(index: number, address: number, length: number): Uint8Array | Error;
  /** Frees the last result's wire, once read. */
  release(): void;
  /** For npm run bench: the milliseconds the function takes inside the module, its arguments read once. */
  timeInCore(index: number, address: number, length: number, repeats: number): number;
  /** Bytes of the wasm heap in use (for the leak test). */
  heapUsed(): number;
  _malloc(bytes: number): number;
  HEAPU8: Uint8Array;
}

// The wire's tags (wasm/bindings.cpp).
const NULL = 0;
const FALSE = 1;
const TRUE = 2;
const NUMBER = 3;
const STRING = 4;
const ARRAY = 5;
const OBJECT = 6;
const NUMBERS = 7;
const DEEP = 8;
/** As deep as the core reads: deeper (or a cycle) is its "nested too deeply" error. */
const MAX_DEPTH = 200;

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * Writes the arguments into a buffer of its own, grown as needed and kept
 * for the next call (each call writes and copies it out before it returns).
 */
class WireWriter {
  private buffer = new ArrayBuffer(1 << 12);
  private bytes = new Uint8Array(this.buffer);
  private view = new DataView(this.buffer);
  at = 0;

  /** The bytes written, as a view of the buffer. */
  written(): Uint8Array {
    return this.bytes.subarray(0, this.at);
  }

  private room(n: number): void {
    if (this.at + n <= this.bytes.length) return;
    let size = this.bytes.length * 2;
    while (size < this.at + n) size *= 2;
    const bytes = new Uint8Array(size);
    bytes.set(this.bytes.subarray(0, this.at));
    this.buffer = bytes.buffer;
    this.bytes = bytes;
    this.view = new DataView(this.buffer);
  }

  byte(b: number): void {
    this.room(1);
    this.bytes[this.at++] = b;
  }

  count(n: number): void {
    this.room(4);
    this.view.setUint32(this.at, n, true);
    this.at += 4;
  }

  number(x: number): void {
    this.room(9);
    this.bytes[this.at] = NUMBER;
    this.view.setFloat64(this.at + 1, x, true);
    this.at += 9;
  }

  /** A string's length and UTF-8 bytes (a lone surrogate is U+FFFD). */
  string(s: string): void {
    const n = s.length;
    this.room(4 + 3 * n);
    let at = this.at + 4;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c >= 0x80) {
        at = this.at + 4 + encoder.encodeInto(s, this.bytes.subarray(this.at + 4)).written;
        break;
      }
      this.bytes[at++] = c;
    }
    this.view.setUint32(this.at, at - this.at - 4, true);
    this.at = at;
  }

  /** A typed array's numbers as doubles, at the next multiple of 8 bytes. */
  numbers(a: ArrayLike<number>): void {
    this.count(a.length);
    this.at = (this.at + 7) & ~7;
    this.room(8 * a.length);
    new Float64Array(this.buffer, this.at, a.length).set(a);
    this.at += 8 * a.length;
  }

  /** Writes v; false for what JSON leaves out (undefined, a function, a symbol, a bigint), writing nothing. */
  value(v: unknown, depth: number): boolean {
    switch (typeof v) {
      case 'number':
        this.number(v);
        return true;
      case 'string':
        this.byte(STRING);
        this.string(v);
        return true;
      case 'boolean':
        this.byte(v ? TRUE : FALSE);
        return true;
      case 'object':
        break;
      default:
        return false;
    }
    if (v === null) {
      this.byte(NULL);
      return true;
    }
    if (depth > MAX_DEPTH) {
      this.byte(DEEP);
      return true;
    }
    if (Array.isArray(v)) {
      this.byte(ARRAY);
      this.count(v.length);
      for (let i = 0; i < v.length; i++) if (!this.value(v[i], depth + 1)) this.byte(NULL);
      return true;
    }
    if (ArrayBuffer.isView(v) && !(v instanceof DataView)) {
      this.byte(NUMBERS);
      const bigints = v instanceof BigInt64Array || v instanceof BigUint64Array;
      this.numbers(bigints ? Array.from(v as BigInt64Array, Number) : (v as unknown as ArrayLike<number>));
      return true;
    }
    this.byte(OBJECT);
    const countAt = this.at;
    this.count(0);
    let n = 0;
    const o = v as Record<string, unknown>;
    for (const key of Object.keys(o)) {
      const keyAt = this.at;
      this.string(key);
      if (this.value(o[key], depth + 1)) n++;
      else this.at = keyAt;
    }
    this.view.setUint32(countAt, n, true);
    return true;
  }
}

/** The writer the calls share; a call made while it writes (from a getter of an argument) gets one of its own. */
const shared = new WireWriter();
let writing = false;

/** Reads a result's wire: a view of the heap (whose numbers it points to), read before anything else is called. */
class WireReader {
  private at = 0;
  private readonly view: DataView;

  constructor(private readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  private count(): number {
    const n = this.view.getUint32(this.at, true);
    this.at += 4;
    return n;
  }

  /** ASCII up to 64 bytes (every key and most strings) without the decoder. */
  private string(): string {
    const n = this.count();
    const start = this.at;
    const end = (this.at += n);
    const bytes = this.bytes;
    if (n <= 64) {
      let i = start;
      while (i < end && bytes[i] < 0x80) i++;
      if (i === end) return String.fromCharCode.apply(null, bytes.subarray(start, end) as unknown as number[]);
    }
    return decoder.decode(bytes.subarray(start, end));
  }

  value(): unknown {
    const tag = this.bytes[this.at++];
    switch (tag) {
      case NULL:
        return null;
      case FALSE:
        return false;
      case TRUE:
        return true;
      case NUMBER: {
        const x = this.view.getFloat64(this.at, true);
        this.at += 8;
        return x;
      }
      case STRING:
        return this.string();
      case ARRAY: {
        const n = this.count();
        const a = new Array(n);
        for (let i = 0; i < n; i++) a[i] = this.value();
        return a;
      }
      case OBJECT: {
        const n = this.count();
        const o: Record<string, unknown> = {};
        for (let i = 0; i < n; i++) {
          const key = this.string();
          const item = this.value();
          if (key === '__proto__') Object.defineProperty(o, key, { value: item, enumerable: true, writable: true, configurable: true });
          else o[key] = item;
        }
        return o;
      }
      case NUMBERS: {
        const n = this.count();
        const address = this.count();
        // A copy, owned by JS: valid whatever is called next.
        return new Float64Array(this.bytes.buffer, address, n).slice();
      }
      default:
        throw new Error(`malformed result (tag ${tag})`);
    }
  }
}

/** The arguments written into the heap: their address and length (the call frees them). */
function place(bindings: CoreBindings, args: unknown[]): [number, number] {
  const writer = writing ? new WireWriter() : shared;
  const outer = writer === shared;
  writing = true;
  let bytes: Uint8Array;
  try {
    writer.at = 0;
    writer.value(args, 0);
    bytes = writer.written();
  } finally {
    if (outer) writing = false;
  }
  const address = bindings._malloc(Math.max(bytes.length, 1));
  if (!address) throw new Error('out of memory: the arguments do not fit in the module\'s memory');
  bindings.HEAPU8.set(bytes, address);
  return [address, bytes.length];
}

const wrapped = new WeakSet<CoreBindings>();

/** Installs each core function on the module under its name (once), and returns it typed. */
export function wrapCore(bindings: CoreBindings): BackpropCore {
  const module = bindings as unknown as Record<string, unknown>;
  if (wrapped.has(bindings)) return bindings as unknown as BackpropCore;
  wrapped.add(bindings);
  const call = bindings.call.bind(bindings);
  const time = bindings.timeInCore.bind(bindings);
  const release = bindings.release.bind(bindings);
  bindings.functionNames().forEach((name, index) => {
    module[name] = (...args: unknown[]): unknown => {
      const result = call(index, ...place(bindings, args));
      if (result instanceof Error) throw result;
      try {
        return new WireReader(result).value();
      } finally {
        release();
      }
    };
  });
  module.timeInCore = (index: number, args: unknown[], repeats: number): number => time(index, ...place(bindings, args), repeats);
  return bindings as unknown as BackpropCore;
}
