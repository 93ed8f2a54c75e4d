// The Emscripten glue of the wasm core (built into web/src/generated).
declare module '*/generated/backprop_core.js' {
  import type { BackpropCore } from '../shared/core-types';
  const createBackpropCore: (options?: { wasmBinary?: ArrayBuffer | Uint8Array }) => Promise<BackpropCore>;
  export default createBackpropCore;
}
