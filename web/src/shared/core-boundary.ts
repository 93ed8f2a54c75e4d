// The module's functions over the bindings' one entry point
// (wasm/bindings.cpp): core.trace(config, options) is
// call(<index of "trace">, [config, options]). The bindings return a failed
// call's error as a JS Error with its code, field and params; it is thrown
// here, once every C++ frame of the call has returned, so nothing leaks.
import type { BackpropCore } from './core-types';

/** What the Embind module itself exports. */
export interface CoreBindings {
  /** The names of the core's functions, in the order call() numbers them. */
  functionNames(): string[];
  call(index: number, args: unknown[]): unknown;
  /** For npm run bench: the milliseconds call(index, args) takes inside the module, args converted once. */
  timeInCore(index: number, args: unknown[], repeats: number): number;
  /** Bytes of the wasm heap in use (for the leak test). */
  heapUsed(): number;
}

/** Installs each core function on the module under its name, and returns it typed. */
export function wrapCore(bindings: CoreBindings): BackpropCore {
  const module = bindings as unknown as Record<string, unknown>;
  bindings.functionNames().forEach((name, index) => {
    module[name] = (...args: unknown[]): unknown => {
      const result = bindings.call(index, args);
      if (result instanceof Error) throw result;
      return result;
    };
  });
  return bindings as unknown as BackpropCore;
}
