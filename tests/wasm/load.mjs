// Loads the web-only ES6 build in node by handing it the wasm bytes.
import { readFile } from 'node:fs/promises';

export const moduleUrl = new URL('../../web/src/generated/backprop_core.js', import.meta.url);

export async function loadWasmModule(jsUrl = moduleUrl) {
  const { default: factory } = await import(jsUrl);
  let wasmBinary;
  try {
    wasmBinary = await readFile(new URL(String(jsUrl).replace(/\.m?js$/, '.wasm')));
  } catch {
    // a SINGLE_FILE build carries its wasm inline
  }
  return factory(wasmBinary ? { wasmBinary } : {});
}
