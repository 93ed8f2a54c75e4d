// The Emscripten glue of the wasm core (built into web/src/generated).
declare module '*/generated/backprop_core.js' {
  import type { CoreBindings } from '../shared/core-boundary';
  const createBackpropCore: (options?: { wasmBinary?: ArrayBuffer | Uint8Array }) => Promise<CoreBindings>;
  export default createBackpropCore;
}

// The stepper's own module: the same factory, with only the stepper's calls.
declare module '*/generated/backprop_stepper.js' {
  import type { CoreBindings } from '../shared/core-boundary';
  const createBackpropCore: (options?: { wasmBinary?: ArrayBuffer | Uint8Array }) => Promise<CoreBindings>;
  export default createBackpropCore;
}

// The losses page's own module: the same factory, with only its widget's calls.
declare module '*/generated/backprop_losses.js' {
  import type { CoreBindings } from '../shared/core-boundary';
  const createBackpropCore: (options?: { wasmBinary?: ArrayBuffer | Uint8Array }) => Promise<CoreBindings>;
  export default createBackpropCore;
}

// The race page's own module: the same factory, with only its widget's calls.
declare module '*/generated/backprop_race.js' {
  import type { CoreBindings } from '../shared/core-boundary';
  const createBackpropCore: (options?: { wasmBinary?: ArrayBuffer | Uint8Array }) => Promise<CoreBindings>;
  export default createBackpropCore;
}

// The training page's own module: the same factory, with only its widget's calls.
declare module '*/generated/backprop_training.js' {
  import type { CoreBindings } from '../shared/core-boundary';
  const createBackpropCore: (options?: { wasmBinary?: ArrayBuffer | Uint8Array }) => Promise<CoreBindings>;
  export default createBackpropCore;
}

// The playground page's own module: the same factory, with only its widget's calls.
declare module '*/generated/backprop_playground.js' {
  import type { CoreBindings } from '../shared/core-boundary';
  const createBackpropCore: (options?: { wasmBinary?: ArrayBuffer | Uint8Array }) => Promise<CoreBindings>;
  export default createBackpropCore;
}

// The playground's files, loaded when first used: the weights file and the PyTorch script.
declare module '*/generated/backprop_playground_files.js' {
  import type { CoreBindings } from '../shared/core-boundary';
  const createBackpropCore: (options?: { wasmBinary?: ArrayBuffer | Uint8Array }) => Promise<CoreBindings>;
  export default createBackpropCore;
}

// The exercises' checks, loaded when first used (the tutorials' exercises, the stepper's exercise mode).
declare module '*/generated/backprop_exercise.js' {
  import type { CoreBindings } from '../shared/core-boundary';
  const createBackpropCore: (options?: { wasmBinary?: ArrayBuffer | Uint8Array }) => Promise<CoreBindings>;
  export default createBackpropCore;
}
