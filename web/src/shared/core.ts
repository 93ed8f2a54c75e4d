// Loads the wasm core once for the whole page: the whole module, or on the
// stepper's page (and its embeds) the stepper's own, which holds only the
// stepper's calls (classic, trace, train, biasMode) and so downloads less.
import { wrapCore } from './core-boundary';
import type { BackpropCore } from './core-types';

let instance: Promise<BackpropCore> | undefined;
let module: 'full' | 'stepper' = 'full';

/** The page shows only the stepper: its own module will do. Call before any widget starts. */
export function useStepperModule(): void {
  module = 'stepper';
}

export function loadCore(): Promise<BackpropCore> {
  instance ??= (module === 'stepper' ? import('../generated/backprop_stepper.js') : import('../generated/backprop_core.js'))
    .then(({ default: create }) => create())
    .then(wrapCore);
  return instance;
}

/**
 * The whole module, whichever the page loads first: the stepper's exercise
 * mode asks it for its checks (the stepper's own module holds only the
 * stepper's four calls).
 */
let full: Promise<BackpropCore> | undefined;
export function loadFullCore(): Promise<BackpropCore> {
  if (module === 'full') return loadCore();
  full ??= import('../generated/backprop_core.js').then(({ default: create }) => create()).then(wrapCore);
  return full;
}
