// Loads the web-only ES6 build in node by handing it the wasm bytes, with the
// page's own wrapper (web/src/shared/core-boundary.ts, compiled here by
// TypeScript) installing the core's functions.
import { readFile } from 'node:fs/promises';
import ts from 'typescript';

export const moduleUrl = new URL('../../web/src/generated/backprop_core.js', import.meta.url);
const boundaryUrl = new URL('../../web/src/shared/core-boundary.ts', import.meta.url);

let boundary;
async function wrapCore() {
  if (!boundary) {
    const source = await readFile(boundaryUrl, 'utf8');
    const { outputText } = ts.transpileModule(source, {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
    });
    boundary = await import(`data:text/javascript;base64,${Buffer.from(outputText).toString('base64')}`);
  }
  return boundary.wrapCore;
}

/** The module with the core's functions installed; with raw, as the glue returns it. */
export async function loadWasmModule(jsUrl = moduleUrl, { raw = false } = {}) {
  const { default: factory } = await import(jsUrl);
  let wasmBinary;
  try {
    wasmBinary = await readFile(new URL(String(jsUrl).replace(/\.m?js$/, '.wasm')));
  } catch {
    // a SINGLE_FILE build carries its wasm inline
  }
  const module = await factory(wasmBinary ? { wasmBinary } : {});
  return raw ? module : (await wrapCore())(module);
}
