// The Emscripten glue of the wasm core's modules (built into
// web/src/generated), as web/src/shared/core.ts imports them: each page's
// own module (backprop_stepper.js, backprop_losses.js, …) and those loaded
// when first used. Every one is the same factory, with its own calls.
declare module '../generated/backprop_*.js' {
  import type { CoreBindings } from '../shared/core-boundary';
  const createBackpropCore: (options?: { wasmBinary?: ArrayBuffer | Uint8Array }) => Promise<CoreBindings>;
  export default createBackpropCore;
}
